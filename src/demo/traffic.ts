/**
 * How busy each kind of street is at a given local time. Factors are relative to a weekday
 * midday arterial (1.0): commute peaks reach ~1.6, the small hours ~0.1.
 */

import type { TrafficProfile } from './network.js';

// Weekday hourly shapes, index = local hour (0-23).
const WEEKDAY: Readonly<Record<TrafficProfile, readonly number[]>> = {
  arterial: [0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.9, 1.5, 1.4, 1.0, 0.9, 1.0, 1.1, 1.05, 1.1, 1.3, 1.55, 1.6, 1.2, 0.9, 0.7, 0.5, 0.35, 0.22],
  downtown: [0.2, 0.12, 0.08, 0.06, 0.08, 0.2, 0.5, 0.9, 1.0, 1.0, 1.1, 1.3, 1.45, 1.3, 1.1, 1.2, 1.35, 1.45, 1.4, 1.2, 1.0, 0.75, 0.5, 0.3],
  retail: [0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.25, 0.45, 0.7, 1.0, 1.25, 1.45, 1.55, 1.55, 1.5, 1.5, 1.55, 1.6, 1.5, 1.3, 1.0, 0.6, 0.3, 0.15],
  residential: [0.1, 0.06, 0.04, 0.04, 0.08, 0.25, 0.7, 1.2, 0.9, 0.6, 0.55, 0.6, 0.65, 0.6, 0.7, 0.9, 1.1, 1.1, 0.9, 0.7, 0.5, 0.35, 0.22, 0.14],
  industrial: [0.08, 0.05, 0.05, 0.08, 0.2, 0.7, 1.4, 1.5, 1.1, 0.9, 0.9, 0.95, 1.0, 1.0, 1.2, 1.5, 1.3, 0.9, 0.5, 0.3, 0.2, 0.15, 0.1, 0.08],
  // Patrol cars read all day and night; they are busiest when there is traffic to read.
  patrol: [0.7, 0.6, 0.55, 0.55, 0.55, 0.65, 0.85, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.1, 1.0, 1.0, 0.95, 0.9, 0.85, 0.8],
};

// Weekends: no commute peaks, a late start and a long midday plateau.
const WEEKEND_SHAPE: readonly number[] = [
  0.3, 0.22, 0.15, 0.1, 0.08, 0.12, 0.25, 0.45, 0.7, 0.95, 1.1, 1.2, 1.25, 1.25, 1.2, 1.15, 1.1, 1.05, 1.0, 0.9, 0.75, 0.6, 0.45, 0.35,
];
const WEEKEND_SCALE: Readonly<Record<TrafficProfile, number>> = {
  arterial: 0.85,
  downtown: 1.05,
  retail: 1.25,
  residential: 0.8,
  industrial: 0.35,
  patrol: 0.9,
};

export interface LocalTime {
  /** Fractional hour of the day, 0 <= hour < 24. */
  hour: number;
  /** 0 = Sunday .. 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Wall-clock hour and weekday of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  let weekday = 0;
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'weekday') weekday = Math.max(0, WEEKDAYS.indexOf(part.value));
  }
  return { hour: hour + minute / 60, weekday };
}

function interpolate(shape: readonly number[], hour: number): number {
  const h0 = Math.floor(hour) % 24;
  const h1 = (h0 + 1) % 24;
  const t = hour - Math.floor(hour);
  return (shape[h0] ?? 1) * (1 - t) + (shape[h1] ?? 1) * t;
}

/** Relative traffic for `profile` at local time `time`. */
export function trafficFactor(profile: TrafficProfile, time: LocalTime): number {
  const weekend = time.weekday === 0 || time.weekday === 6;
  if (weekend && profile !== 'patrol') return interpolate(WEEKEND_SHAPE, time.hour) * WEEKEND_SCALE[profile];
  return interpolate(WEEKDAY[profile], time.hour) * (weekend ? WEEKEND_SCALE.patrol : 1);
}

/** Commute hours, when the regulars make up more of the traffic. */
export function isCommuteTime(time: LocalTime): boolean {
  const weekend = time.weekday === 0 || time.weekday === 6;
  return !weekend && ((time.hour >= 6.5 && time.hour < 9.5) || (time.hour >= 15.5 && time.hour < 18.5));
}
