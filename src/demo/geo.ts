/** Small-distance geometry for moving patrol cars along their routes. */

import type { LatLon } from './network.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial compass bearing from a to b, 0-359.99 degrees. */
export function bearingDegrees(a: LatLon, b: LatLon): number {
  const lat1 = a.lat * RAD;
  const lat2 = b.lat * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return normalizeBearing(Math.atan2(y, x) / RAD);
}

export function normalizeBearing(degrees: number): number {
  return ((degrees % 360) + 360) % 360;
}

/** Move `meters` from `from` towards compass `bearing` (flat-earth approximation, fine below ~1 km). */
export function offsetMeters(from: LatLon, bearing: number, meters: number): LatLon {
  const north = Math.cos(bearing * RAD) * meters;
  const east = Math.sin(bearing * RAD) * meters;
  return {
    lat: from.lat + north / (EARTH_RADIUS_M * RAD),
    lon: from.lon + east / (EARTH_RADIUS_M * RAD * Math.cos(from.lat * RAD)),
  };
}

export interface RoutePosition {
  location: LatLon;
  /** Direction of travel, compass degrees. */
  heading: number;
}

/** A closed loop through waypoints, measured once so positions along it are cheap. */
export class LoopRoute {
  private readonly legs: { from: LatLon; to: LatLon; start: number; length: number; heading: number }[] = [];
  readonly length: number;

  constructor(waypoints: readonly LatLon[]) {
    if (waypoints.length < 2) throw new RangeError('a route needs at least two waypoints');
    let total = 0;
    for (let i = 0; i < waypoints.length; i++) {
      const from = waypoints[i] as LatLon;
      const to = waypoints[(i + 1) % waypoints.length] as LatLon;
      const length = distanceMeters(from, to);
      if (length === 0) continue;
      this.legs.push({ from, to, start: total, length, heading: bearingDegrees(from, to) });
      total += length;
    }
    if (total === 0) throw new RangeError('a route needs two distinct waypoints');
    this.length = total;
  }

  /** Where a car is after driving `meters` from the first waypoint (wrapping around the loop). */
  at(meters: number): RoutePosition {
    const d = ((meters % this.length) + this.length) % this.length;
    let leg = this.legs[this.legs.length - 1];
    for (const candidate of this.legs) {
      if (d < candidate.start + candidate.length) {
        leg = candidate;
        break;
      }
    }
    if (leg === undefined) throw new Error('unreachable: a LoopRoute always has legs');
    const t = Math.min(1, (d - leg.start) / leg.length);
    return {
      location: {
        lat: leg.from.lat + (leg.to.lat - leg.from.lat) * t,
        lon: leg.from.lon + (leg.to.lon - leg.from.lon) * t,
      },
      heading: leg.heading,
    };
  }
}
