import { describe, expect, it } from 'vitest';

import { isCommuteTime, localTime, trafficFactor } from './traffic.js';

const TZ = 'America/Los_Angeles';

describe('traffic', () => {
  it('reads the local wall clock, daylight saving included', () => {
    expect(localTime(new Date('2026-01-06T16:30:00Z'), TZ)).toEqual({ hour: 8.5, weekday: 2 }); // PST
    expect(localTime(new Date('2026-07-07T15:30:00Z'), TZ)).toEqual({ hour: 8.5, weekday: 2 }); // PDT
    expect(localTime(new Date('2026-01-04T07:00:00Z'), TZ).weekday).toBe(6); // Saturday 23:00
  });

  it('peaks at rush hour and is quiet at night', () => {
    const tuesday = (hour: number) => ({ hour, weekday: 2 });
    expect(trafficFactor('arterial', tuesday(17))).toBeGreaterThan(1.3);
    expect(trafficFactor('arterial', tuesday(3))).toBeLessThan(0.2);
    expect(trafficFactor('retail', tuesday(13))).toBeGreaterThan(trafficFactor('retail', tuesday(7)));
    expect(trafficFactor('patrol', tuesday(3))).toBeGreaterThan(0.4);
    // Weekends lose the commute peak; industrial streets empty out.
    expect(trafficFactor('arterial', { hour: 7.5, weekday: 0 })).toBeLessThan(trafficFactor('arterial', tuesday(7.5)));
    expect(trafficFactor('industrial', { hour: 12, weekday: 6 })).toBeLessThan(0.5);
    expect(isCommuteTime(tuesday(8))).toBe(true);
    expect(isCommuteTime({ hour: 8, weekday: 6 })).toBe(false);
  });

  it('interpolates smoothly between hours', () => {
    const a = trafficFactor('arterial', { hour: 7, weekday: 3 });
    const b = trafficFactor('arterial', { hour: 8, weekday: 3 });
    const mid = trafficFactor('arterial', { hour: 7.5, weekday: 3 });
    expect(mid).toBeCloseTo((a + b) / 2, 9);
  });
});
