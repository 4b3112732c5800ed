// Human-readable summaries of a profile, for the transparency page (R43) and the admin screens.
import type { PolicyProfile, RetentionClassName } from './profile.schema.js';

const LABELS: Record<RetentionClassName, string> = {
  fixedReads: 'Reads from fixed cameras',
  mobileReads: 'Reads from mobile (vehicle-mounted) units',
  images: 'Plate and vehicle images',
  hotLists: 'Replaced hot lists and removed hot-list entries',
  alerts: 'Alerts and their dispositions',
  accessLog: 'Record of every access to ALPR data',
  auditRecords: 'Audit memoranda and records',
  sharingRecords: 'Sharing requests, agreements and transfer records',
  exports: 'Downloaded, shared or printed copies',
};

const ORDER: readonly RetentionClassName[] = [
  'fixedReads', 'mobileReads', 'images', 'hotLists', 'alerts', 'exports', 'accessLog', 'auditRecords', 'sharingRecords',
];

/** `730` → `2 years (730 days)`; `30` → `30 days`. */
export function formatDays(days: number): string {
  if (days >= 365 && days % 365 === 0) {
    const years = days / 365;
    return `${years} year${years === 1 ? '' : 's'} (${days} days)`;
  }
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** Whether the value at `path` is not set by the policy: the path or one of its parents is listed. */
export function isNotSetByPolicy(profile: PolicyProfile, path: string): boolean {
  return Object.keys(profile.notSetByPolicy).some((key) => key === path || path.startsWith(`${key}.`));
}

/** One line per data class, e.g. "Reads from fixed cameras: kept for 2 years (730 days), then purged [470.5]." */
export function describeRetention(profile: PolicyProfile): string[] {
  const lines = ORDER.map((name) => {
    const { minDays, maxDays, cite } = profile.retention[name];
    const end = name === 'exports' ? 'destroyed' : 'purged';
    let rule: string;
    if (name === 'exports') rule = `destroyed within ${formatDays(maxDays ?? 0)}, unless booked into evidence`;
    else if (maxDays === null) rule = minDays > 0 ? `kept at least ${formatDays(minDays)}; never purged automatically` : 'kept until deleted under the records schedule';
    else if (minDays === maxDays) rule = `kept for ${formatDays(maxDays)}, then ${end}`;
    else if (minDays === 0) rule = `kept up to ${formatDays(maxDays)}, then ${end}`;
    else rule = `kept at least ${formatDays(minDays)} and at most ${formatDays(maxDays)}, then ${end}`;
    const source = cite ? ` [${cite}]` : '';
    const shown = minDays > 0 ? ['maxDays', 'minDays'] : ['maxDays']; // the numbers the line states
    const floor = shown.some((key) => isNotSetByPolicy(profile, `retention.${name}.${key}`)) ? ' (not set by policy)' : '';
    return `${LABELS[name]}: ${rule}${source}${floor}.`;
  });
  lines.push(
    profile.retention.purgeOutsideServers
      ? 'Purges also reach copies on outside servers.'
      : 'Purges apply to this system only; copies on outside servers follow their own schedules.',
  );
  lines.push('Data that is, or may become, evidence is exported to portable media and booked into evidence before it would be purged.');
  return lines;
}

/** Things the agency still has to fill in before going live (R16, R44). */
export function openItems(profile: PolicyProfile): string[] {
  const items: string[] = [];
  if (profile.administrator.name === null) items.push('administrator.name: record the current ALPR Administrator\'s name; it is published with the title (R44).');
  if (profile.access.authorizedJobTitles.length === 0) items.push('access.authorizedJobTitles: list the job titles that may be authorized; until then none is (R16).');
  return items;
}
