// Geofences of sensitive places (R22, R29): circles (centre and radius in metres) and polygons
// ([lat, lon] vertices). Small, pure geometry: haversine distance and ray casting, good to a few
// metres at city scale.

export type Shape = { shape: 'circle'; centerLat: number; centerLon: number; radiusM: number } | { shape: 'polygon'; polygon: [number, number][] };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Ray casting over [lat, lon] vertices (the polygon closes itself). */
export function inPolygon(lat: number, lon: number, polygon: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const [latI, lonI] = polygon[i]!;
    const [latJ, lonJ] = polygon[j]!;
    if (lonI > lon !== lonJ > lon && lat < ((latJ - latI) * (lon - lonI)) / (lonJ - lonI) + latI) inside = !inside;
  }
  return inside;
}

export function contains(shape: Shape, lat: number, lon: number): boolean {
  return shape.shape === 'circle' ? distanceM(shape.centerLat, shape.centerLon, lat, lon) <= shape.radiusM : inPolygon(lat, lon, shape.polygon);
}

/** Why a shape is not usable, or undefined when it is. */
export function shapeProblem(shape: Shape): { field: string; message: string } | undefined {
  const badLat = (lat: number) => !(lat >= -90 && lat <= 90);
  const badLon = (lon: number) => !(lon >= -180 && lon <= 180);
  if (shape.shape === 'circle') {
    if (badLat(shape.centerLat) || badLon(shape.centerLon)) return { field: 'centerLat', message: 'The centre must be a latitude (-90 to 90) and a longitude (-180 to 180).' };
    if (!(shape.radiusM >= 10 && shape.radiusM <= 5000)) return { field: 'radiusM', message: 'The radius is 10 to 5,000 metres.' };
    return undefined;
  }
  if (shape.polygon.length < 3) return { field: 'polygon', message: 'A polygon needs at least 3 corners.' };
  if (shape.polygon.some(([lat, lon]) => badLat(lat) || badLon(lon))) return { field: 'polygon', message: 'Each corner is [latitude, longitude] within range.' };
  return undefined;
}
