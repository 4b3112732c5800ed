// Areas for canvass and several-places search (R23): a circle or a polygon, its bounding box for
// the index walk, and the exact test applied to each read the box lets through.
import type { Area, LatLon } from './search.schemas.js';
import type { Box } from './search.store.js';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in meters (haversine). */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function boundingBox(area: Area): Box {
  if ('center' in area) {
    const dLat = (area.radiusMeters / EARTH_RADIUS_M) * (180 / Math.PI);
    const dLon = dLat / Math.max(Math.cos(rad(area.center.lat)), 1e-6);
    return { minLat: area.center.lat - dLat, maxLat: area.center.lat + dLat, minLon: area.center.lon - dLon, maxLon: area.center.lon + dLon };
  }
  const lats = area.polygon.map((p) => p.lat);
  const lons = area.polygon.map((p) => p.lon);
  return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLon: Math.min(...lons), maxLon: Math.max(...lons) };
}

/** Ray casting over lat/lon as a plane (fine for the few kilometers a canvass covers). */
function inPolygon(point: LatLon, polygon: readonly LatLon[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    if (!a || !b) continue;
    if (a.lat > point.lat !== b.lat > point.lat && point.lon < ((b.lon - a.lon) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lon) inside = !inside;
  }
  return inside;
}

export function contains(area: Area, point: LatLon): boolean {
  return 'center' in area ? distanceMeters(area.center, point) <= area.radiusMeters : inPolygon(point, area.polygon);
}
