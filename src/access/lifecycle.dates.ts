// Calendar arithmetic for the account lifecycle (R18), in UTC. "12 months" means the same day and
// time a year later, not 365 days; a day past the end of the shorter month clamps to its last day
// (31 January + 1 month = 28 or 29 February).

export function addMonths(at: number, months: number): number {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

export const subtractMonths = (at: number, months: number): number => addMonths(at, -months);
