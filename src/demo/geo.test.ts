import { describe, expect, it } from 'vitest';

import { LoopRoute, bearingDegrees, distanceMeters, offsetMeters } from './geo.js';

const a = { lat: 32.7948, lon: -116.9627 };
const east = { lat: 32.7948, lon: -116.9508 };
const north = { lat: 32.8073, lon: -116.9627 };

describe('geo', () => {
  it('measures distances and bearings', () => {
    expect(distanceMeters(a, east)).toBeGreaterThan(1050);
    expect(distanceMeters(a, east)).toBeLessThan(1170);
    expect(bearingDegrees(a, east)).toBeCloseTo(90, 0);
    expect(bearingDegrees(a, north)).toBeCloseTo(0, 5);
    expect(bearingDegrees(north, a)).toBeCloseTo(180, 5);
    const moved = offsetMeters(a, 90, 100);
    expect(distanceMeters(a, moved)).toBeCloseTo(100, 0);
  });

  it('walks a closed loop and wraps around', () => {
    const route = new LoopRoute([a, east, north]);
    const perimeter = distanceMeters(a, east) + distanceMeters(east, north) + distanceMeters(north, a);
    expect(route.length).toBeCloseTo(perimeter, 6);
    expect(route.at(0).location).toEqual(a);
    expect(route.at(0).heading).toBeCloseTo(90, 0);
    const halfway = route.at(distanceMeters(a, east) / 2).location;
    expect(halfway.lat).toBeCloseTo(32.7948, 6);
    expect(halfway.lon).toBeCloseTo((a.lon + east.lon) / 2, 6);
    expect(route.at(route.length + 10).location).toEqual(route.at(10).location);
    expect(route.at(-10).location.lat).toBeCloseTo(route.at(route.length - 10).location.lat, 9);
    expect(() => new LoopRoute([a])).toThrow(RangeError);
    expect(() => new LoopRoute([a, a])).toThrow(RangeError);
  });
});
