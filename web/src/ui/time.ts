// Times as people read them: "3 minutes ago", with the exact instant alongside.
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(iso: string, now: number): string {
  const elapsed = Date.parse(iso) - now;
  const size = Math.abs(elapsed);
  if (size < 5 * SECOND) return 'just now';
  if (size < MINUTE) return relative.format(Math.round(elapsed / SECOND), 'second');
  if (size < HOUR) return relative.format(Math.round(elapsed / MINUTE), 'minute');
  if (size < DAY) return relative.format(Math.round(elapsed / HOUR), 'hour');
  return relative.format(Math.round(elapsed / DAY), 'day');
}

export const absoluteTime = (iso: string): string => absolute.format(new Date(iso));

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A date as people read it, from an ISO string or milliseconds since the epoch. */
export const formatDate = (at: string | number): string => dateOnly.format(new Date(at));

/** An ISO instant from milliseconds since the epoch (the access room's timestamps). */
export const isoOf = (ms: number): string => new Date(ms).toISOString();
