// Areas for canvass (R23): the circle's distance, the polygon's inside, and boxes that hold them.
import { describe, expect, it } from 'vitest';
import { boundingBox, contains, distanceMeters } from './geo.js';

describe('geo', () => {
  const center = { lat: 32.7948, lon: -116.9625 };

  it('measures great-circle distance in meters', () => {
    expect(distanceMeters(center, center)).toBe(0);
    // One degree of latitude is about 111 km.
    expect(distanceMeters(center, { lat: center.lat + 1, lon: center.lon })).toBeGreaterThan(110_500);
    expect(distanceMeters(center, { lat: center.lat + 1, lon: center.lon })).toBeLessThan(111_500);
  });

  it('a circle holds what is within its radius, and its box holds the circle', () => {
    const area = { center, radiusMeters: 1000 };
    const box = boundingBox(area);
    for (const bearing of [0, 45, 90, 135, 180, 270]) {
      const rad = (bearing * Math.PI) / 180;
      const point = { lat: center.lat + (0.0089 * Math.cos(rad)), lon: center.lon + (0.0089 * Math.sin(rad)) / Math.cos((center.lat * Math.PI) / 180) };
      expect(contains(area, point)).toBe(true); // ~990 m away
      expect(point.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(point.lat).toBeLessThanOrEqual(box.maxLat);
      expect(point.lon).toBeGreaterThanOrEqual(box.minLon);
      expect(point.lon).toBeLessThanOrEqual(box.maxLon);
    }
    expect(contains(area, { lat: center.lat + 0.0095, lon: center.lon })).toBe(false); // ~1,056 m
  });

  it('a polygon holds its inside, not its outside, whatever the winding', () => {
    const square = [
      { lat: 0, lon: 0 },
      { lat: 0, lon: 1 },
      { lat: 1, lon: 1 },
      { lat: 1, lon: 0 },
    ];
    for (const polygon of [square, [...square].reverse()]) {
      expect(contains({ polygon }, { lat: 0.5, lon: 0.5 })).toBe(true);
      expect(contains({ polygon }, { lat: 1.5, lon: 0.5 })).toBe(false);
      expect(contains({ polygon }, { lat: 0.5, lon: -0.1 })).toBe(false);
    }
    const concave = [{ lat: 0, lon: 0 }, { lat: 0, lon: 2 }, { lat: 2, lon: 2 }, { lat: 1, lon: 1 }, { lat: 2, lon: 0 }];
    expect(contains({ polygon: concave }, { lat: 1.5, lon: 1 })).toBe(false); // in the notch
    expect(contains({ polygon: concave }, { lat: 0.5, lon: 1 })).toBe(true);
    expect(boundingBox({ polygon: concave })).toEqual({ minLat: 0, maxLat: 2, minLon: 0, maxLon: 2 });
  });
});
