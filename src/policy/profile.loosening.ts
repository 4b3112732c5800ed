// Which differences between two policy profiles loosen protection (issue: accounts): longer
// retention, wider sharing, weaker sign-in rules, fewer audits, a CLETS check made optional. Such a
// profile applies only after a second administrator approves it (profile.service.ts). Pure.
import type { PolicyProfile } from './profile.schema.js';

export interface Loosening {
  path: string;
  before: unknown;
  after: unknown;
}

type Rule = { path: string; get: (p: PolicyProfile) => unknown; looser: (before: never, after: never) => boolean };

const longer = (before: number | null, after: number | null) => (after === null ? before !== null : before !== null && after > before);
const more = (before: number, after: number) => after > before;
const fewer = (before: number, after: number) => after < before;
const turnedOff = (before: boolean, after: boolean) => before && !after;
const turnedOn = (before: boolean, after: boolean) => !before && after;

const RETENTION_CLASSES = ['fixedReads', 'mobileReads', 'images', 'hotLists', 'alerts', 'exports'] as const;

const RULES: Rule[] = [
  ...RETENTION_CLASSES.map((name): Rule => ({ path: `retention.${name}.maxDays`, get: (p) => p.retention[name].maxDays, looser: longer as Rule['looser'] })),
  { path: 'retention.purgeOutsideServers', get: (p) => p.retention.purgeOutsideServers, looser: turnedOff as Rule['looser'] },
  { path: 'sharing.mayReceive', get: (p) => p.sharing.mayReceive, looser: ((b: string, a: string) => b === 'lawEnforcementOrProsecutorial' && a !== b) as Rule['looser'] },
  { path: 'sharing.writtenRequestRequired', get: (p) => p.sharing.writtenRequestRequired, looser: turnedOff as Rule['looser'] },
  { path: 'sharing.participatingAgencyAgreements', get: (p) => p.sharing.participatingAgencyAgreements, looser: turnedOn as Rule['looser'] },
  { path: 'sharing.recordTransfers', get: (p) => p.sharing.recordTransfers, looser: turnedOff as Rule['looser'] },
  { path: 'access.twoFactorRequired', get: (p) => p.access.twoFactorRequired, looser: turnedOff as Rule['looser'] },
  { path: 'access.agencyDevicesOnly', get: (p) => p.access.agencyDevicesOnly, looser: turnedOff as Rule['looser'] },
  { path: 'access.retrainOnReactivation', get: (p) => p.access.retrainOnReactivation, looser: turnedOff as Rule['looser'] },
  { path: 'access.retrainingIntervalMonths', get: (p) => p.access.retrainingIntervalMonths, looser: more as Rule['looser'] },
  { path: 'access.inactivitySuspensionMonths', get: (p) => p.access.inactivitySuspensionMonths, looser: more as Rule['looser'] },
  { path: 'access.approvalReviewIntervalMonths', get: (p) => p.access.approvalReviewIntervalMonths, looser: more as Rule['looser'] },
  { path: 'access.idleTimeoutMinutes', get: (p) => p.access.idleTimeoutMinutes, looser: more as Rule['looser'] },
  { path: 'access.sessionLifetimeHours', get: (p) => p.access.sessionLifetimeHours, looser: more as Rule['looser'] },
  { path: 'alerts.cletsCheck', get: (p) => p.alerts.cletsCheck, looser: ((b: string, a: string) => b === 'mandatory' && a !== b) as Rule['looser'] },
  { path: 'hotLists.agencyEntriesNeedSupervisorApproval', get: (p) => p.hotLists.agencyEntriesNeedSupervisorApproval, looser: turnedOff as Rule['looser'] },
  { path: 'hotLists.newListNeedsAdministratorApproval', get: (p) => p.hotLists.newListNeedsAdministratorApproval, looser: turnedOff as Rule['looser'] },
  { path: 'audits.frequencyMonths', get: (p) => p.audits.frequencyMonths, looser: more as Rule['looser'] },
  { path: 'audits.sampleSize', get: (p) => p.audits.sampleSize, looser: fewer as Rule['looser'] },
  { path: 'audits.recordsRetentionMonths', get: (p) => p.audits.recordsRetentionMonths, looser: fewer as Rule['looser'] },
];

/** Every way `after` protects less than `before`; empty when it is as strict or stricter. */
export function loosenings(before: PolicyProfile, after: PolicyProfile): Loosening[] {
  const out: Loosening[] = [];
  for (const rule of RULES) {
    const a = rule.get(before);
    const b = rule.get(after);
    if (rule.looser(a as never, b as never)) out.push({ path: rule.path, before: a, after: b });
  }
  const added = after.access.authorizedJobTitles.filter((title) => !before.access.authorizedJobTitles.some((t) => t.toLowerCase() === title.toLowerCase()));
  if (added.length) out.push({ path: 'access.authorizedJobTitles', before: before.access.authorizedJobTitles, after: after.access.authorizedJobTitles });
  const regions = after.hosting.allowedRegions.filter((region) => !before.hosting.allowedRegions.includes(region));
  if (regions.length) out.push({ path: 'hosting.allowedRegions', before: before.hosting.allowedRegions, after: after.hosting.allowedRegions });
  return out;
}
