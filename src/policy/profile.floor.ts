// The platform floor: the value a profile key holds when the agency's policy is silent on it (the
// key is then listed in `notSetByPolicy`). Each is the law's floor or, where the law names no
// number, the protective baseline of REQUIREMENTS.md (mostly the DOJ model policy's recommended
// practice, 003), never a looser value. The loader rejects a listed key holding anything else, so
// a profile either cites its policy for a value or uses exactly these.
import type { PolicyProfile } from './profile.schema.js';

export interface Floor {
  /** The value, or a function of the rest of the profile (e.g. "as long as the reads"). */
  readonly value: unknown | ((profile: PolicyProfile) => unknown);
  /** Why this is the floor; shown to administrators next to a key the policy does not set. */
  readonly why: string;
}

const longestRead = (p: PolicyProfile) => Math.max(p.retention.fixedReads.maxDays, p.retention.mobileReads.maxDays);

export const PLATFORM_FLOOR: Readonly<Record<string, Floor>> = {
  'retention.hotLists.minDays': { value: 0, why: 'R13: no minimum; replaced lists are not kept for their own sake.' },
  'retention.hotLists.maxDays': { value: longestRead, why: 'R9, R13: kept no longer than the reads, so every alert can still show the list version that raised it.' },
  'retention.alerts.minDays': { value: 0, why: 'R11: no minimum; a stop\'s disposition also lives in the call or report.' },
  'retention.alerts.maxDays': { value: longestRead, why: 'R30: an alert is a read; it is kept no longer than the reads.' },
  'retention.accessLog.minDays': { value: 1095, why: 'R25, R27: Civ. Code 1798.90.52 names no period; kept as long as audit records (3 years) so any audit can re-check it.' },
  'retention.accessLog.maxDays': { value: null, why: 'R25: never purged automatically; the Custodian of Records deletes under the records schedule.' },
  'retention.auditRecords.minDays': { value: 1095, why: 'R27: the DOJ model recommends three years.' },
  'retention.auditRecords.maxDays': { value: null, why: 'R27: never purged automatically.' },
  'retention.sharingRecords.minDays': { value: 1095, why: 'R35, R38: kept as long as audit records (3 years).' },
  'retention.sharingRecords.maxDays': { value: null, why: 'R38: never purged automatically.' },
  'retention.exports.minDays': { value: 0, why: 'R32: no minimum.' },
  'retention.exports.maxDays': { value: 30, why: 'R32: copies outside the system are destroyed within 30 days unless booked into evidence (R31).' },
  'retention.purgeOutsideServers': { value: true, why: 'R33: a purge reaches every copy, outside servers included.' },
  'hotLists.generalDownloadIntervalHours': { value: 24, why: 'R6: at least once a day.' },
  'hotLists.agencyEntriesNeedSupervisorApproval': { value: true, why: 'R7: a supervisor approves each agency entry.' },
  'hotLists.newListNeedsAdministratorApproval': { value: true, why: 'R5: only the ALPR Administrator designates the hot lists the system uses.' },
  'hotLists.partialPlateEntries': { value: false, why: 'R8: a use the policy does not authorize stays off.' },
  'hotLists.vehicleDescriptionEntries': { value: false, why: 'R8: a use the policy does not authorize stays off.' },
  'alerts.cletsCheck': { value: 'mandatory', why: 'R10: an alert alone is never the basis for enforcement; confirm the plate is still listed first.' },
  'alerts.exigentOverrideAllowed': { value: true, why: 'R10: exigent circumstances are excepted and recorded.' },
  'access.retrainingIntervalMonths': { value: 12, why: 'R15: periodic retraining; yearly, with the annual review.' },
  'access.retrainOnReactivation': { value: true, why: 'R15, R18: DOJ model 429.4, 429.5.' },
  'access.inactivitySuspensionMonths': { value: 12, why: 'R18: DOJ model 429.4.' },
  'access.approvalReviewIntervalMonths': { value: 12, why: 'R18: DOJ model 429.4, 429.6.' },
  'access.twoFactorRequired': { value: true, why: 'R19: DOJ model 429.9.' },
  'access.agencyDevicesOnly': { value: true, why: 'R19: DOJ model 429.9.' },
  'access.authorizedJobTitles': { value: [], why: 'R16: the policy names no titles; none is authorized until the Administrator lists them.' },
  'access.idleTimeoutMinutes': { value: 30, why: 'R14, R42: platform security baseline.' },
  'access.sessionLifetimeHours': { value: 12, why: 'R14, R42: platform security baseline (one shift).' },
  'purposes.prohibitImmigrationEnforcement': { value: true, why: 'R37: required by the CA Values Act and Civ. Code 1798.90.55(b) for every California agency.' },
  'purposes.prohibitReproductiveHealthCareProsecution': { value: true, why: 'R37: required by California law for every California agency.' },
  'audits.frequencyMonths': { value: 12, why: 'R26, R28: DOJ model suggests at least yearly.' },
  'audits.sampleSize': { value: 10, why: 'R26: at least 10 random inquiries.' },
  'audits.lookbackMonths': { value: (p: PolicyProfile) => p.audits.frequencyMonths, why: 'R26: the sample covers the whole period since the last audit.' },
  'audits.filedWith': { value: 'Custodian of Records', why: 'R26: filed with the Custodian of Records.' },
  'audits.outsideAgencyAuditMonths': { value: null, why: 'R26: an outside audit is required only where the policy says so.' },
  'audits.recordsRetentionMonths': { value: 36, why: 'R27: the DOJ model recommends three years.' },
  'sharing.mayReceive': { value: 'lawEnforcementOrProsecutorial', why: 'R34: the narrower circle; Civ. Code 1798.90.55(b) allows no wider than California public agencies.' },
  'sharing.writtenRequestRequired': { value: true, why: 'R35: a written request naming agency, requester and purpose.' },
  'sharing.participatingAgencyAgreements': { value: false, why: 'R36: sharing under an agreement only where the policy allows it.' },
  'sharing.recordTransfers': { value: true, why: 'R38: every agency shared with and every transfer is recorded.' },
  'recognition.confidenceThreshold': { value: 0.8, why: 'R3, R10: platform default; reads scored below 0.8 are marked for verification.' },
  'hosting.allowedRegions': { value: ['US', 'CA'], why: 'R41: hosted data stays in the United States or Canada.' },
};

/** The floor entries a `notSetByPolicy` key covers: the key itself, or every floor under it. */
export function floorsUnder(key: string): [string, Floor][] {
  return Object.entries(PLATFORM_FLOOR).filter(([path]) => path === key || path.startsWith(`${key}.`));
}

export function floorValue(floor: Floor, profile: PolicyProfile): unknown {
  return typeof floor.value === 'function' ? (floor.value as (p: PolicyProfile) => unknown)(profile) : floor.value;
}
