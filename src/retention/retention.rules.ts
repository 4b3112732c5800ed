// Retention arithmetic (R30–R33; invariant 5: time comes from the injected clock). Pure.
//
// THE RULE. Days are UTC calendar days. A record kept "N days" is kept through the end of the N-th
// UTC day after the day it was made, and is eligible for purge from 00:00 UTC the day after:
//   cutoff(now, N) = startOfUtcDay(now) − N days;  a record is eligible when its time < cutoff.
// Example: N = 30, a read captured 2026-03-01T15:00Z is kept through 2026-03-31T23:59:59.999Z and
// purged by the first purge run on or after 2026-04-01T00:00Z; on 2026-03-31 it is not touched.
// Every record made on the same UTC day leaves on the same day. UTC rather than the agency's local
// day: the profiles name no time zone, and a UTC day never has 23 or 25 hours.
//
// Minimum retention ("at least 2 years") uses the same rule with minDays: nothing may delete a record
// whose time is ≥ cutoff(now, minDays). minDays 0 = no minimum. Since the profile requires
// maxDays ≥ minDays, the purge cutoff never passes the minimum; deleteCutoff() enforces it anyway.
import { DAY } from '../platform/clock.js';
import type { PolicyProfile } from '../policy/index.js';

export { DAY };

export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** Records with a time before this instant are past `days` days of retention as of `now`. */
export const retentionCutoff = (now: number, days: number): number => startOfUtcDay(now) - days * DAY;

/** The first UTC instant at which a record made at `at` is past `days` days (the day its purge is due). */
export const dueAt = (at: number, days: number): number => startOfUtcDay(at) + (days + 1) * DAY;

/** The data classes the purge removes (maxDays is always a number). */
export const PURGED_CLASSES = ['fixedReads', 'mobileReads', 'images', 'hotLists', 'alerts', 'exports'] as const;
export type PurgedClass = (typeof PURGED_CLASSES)[number];
/** Accountability records: kept at least minDays; maxDays null = never purged automatically. */
export const KEPT_CLASSES = ['accessLog', 'auditRecords', 'sharingRecords'] as const;
export type KeptClass = (typeof KEPT_CLASSES)[number];
export type RetentionClass = PurgedClass | KeptClass;

export const CLASS_LABELS: Record<RetentionClass, string> = {
  fixedReads: 'Reads from fixed cameras',
  mobileReads: 'Reads from mobile (vehicle-mounted) units',
  images: 'Plate and vehicle images',
  hotLists: 'Replaced hot-list versions and removed entries',
  alerts: 'Alerts (hits) and their dispositions',
  exports: 'Downloaded, shared or printed copies',
  accessLog: 'Access log',
  auditRecords: 'Audit memoranda and working papers',
  sharingRecords: 'Sharing records',
};

export interface ClassRule {
  className: RetentionClass;
  label: string;
  minDays: number;
  /** null: kept, never purged automatically. */
  maxDays: number | null;
  cite: string | null;
}

export function classRules(profile: Pick<PolicyProfile, 'retention'>): ClassRule[] {
  const r = profile.retention;
  return [...PURGED_CLASSES, ...KEPT_CLASSES].map((className) => {
    const rule = r[className];
    return { className, label: CLASS_LABELS[className], minDays: rule.minDays, maxDays: rule.maxDays, cite: rule.cite ?? null };
  });
}

export function ruleOf(profile: Pick<PolicyProfile, 'retention'>, className: RetentionClass): ClassRule {
  return classRules(profile).find((rule) => rule.className === className)!;
}

/**
 * The cutoff a deletion of this class may use as of `now`: records before it may go. Never later
 * than the minimum allows (minimum retention: nothing deletes earlier). null: the class is kept.
 */
export function deleteCutoff(rule: Pick<ClassRule, 'minDays' | 'maxDays'>, now: number): number | null {
  if (rule.maxDays === null) return null;
  const purge = retentionCutoff(now, rule.maxDays);
  return rule.minDays > 0 ? Math.min(purge, retentionCutoff(now, rule.minDays)) : purge;
}

/** Whether a record made at `at` may be deleted now under the class's minimum (for deletions outside the purge). */
export function pastMinimum(rule: Pick<ClassRule, 'minDays'>, at: number, now: number): boolean {
  return rule.minDays === 0 || at < retentionCutoff(now, rule.minDays);
}

/** The read classes' cutoffs also respect the images' minimum: a read's images go with it. */
export function readCutoff(profile: Pick<PolicyProfile, 'retention'>, kind: 'fixed' | 'mobile', now: number): number {
  const rule = ruleOf(profile, kind === 'fixed' ? 'fixedReads' : 'mobileReads');
  const images = ruleOf(profile, 'images');
  const own = deleteCutoff(rule, now)!;
  return images.minDays > 0 ? Math.min(own, retentionCutoff(now, images.minDays)) : own;
}

/** Plain words for the page and the CLI. */
export function describeRule(rule: ClassRule): string {
  if (rule.maxDays === null) return `Kept at least ${rule.minDays} days; never purged automatically (the Custodian of Records destroys them under the records schedule).`;
  const min = rule.minDays > 0 ? (rule.minDays === rule.maxDays ? `Kept exactly ${rule.minDays} days` : `Kept at least ${rule.minDays} days`) : 'No minimum';
  return `${min}; purged once more than ${rule.maxDays} days old (from 00:00 UTC on day ${rule.maxDays + 1} after the day it was made), unless a legal hold keeps it (R31).`;
}
