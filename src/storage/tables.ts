// The database's shape as TypeScript sees it (through Kysely's CamelCasePlugin). Instants are epoch
// milliseconds; flags are 0/1 integers so both backends return the same types.
import type { Generated } from 'kysely';
import type { ExportsTable } from './tables.exports.js';
import type { SharingAgenciesTable, SharingAgreementsTable, SharingAgreementSignatoriesTable, SharingLinksTable, SharingRequestsTable, SharingTransfersTable, RecordsRequestsTable } from './tables.sharing.js';
import type { AlertsTable, AlertStepsTable, AlertSubscriptionsTable } from './tables.alerts.js';
import type { AuditsTable, AuditSamplesTable, AuditOutsideAuditorsTable, MisuseFlagsTable, MisuseScansTable, GeofencesTable } from './tables.audits.js';
import type { HotListsTable, HotListEntriesTable, HotListImportsTable } from './tables.hotlists.js';
import type { LegalHoldsTable, LegalHoldReadsTable, PurgeRunsTable, OutsideCopiesTable, EvidenceBundlesTable } from './tables.retention.js';

export interface AgencyTable {
  id: string;
  name: string;
  createdAt: number;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  jobTitle: string;
  passwordHash: string;
  status: 'active' | 'suspended' | 'deleted';
  statusReason: string | null;
  mustChangePassword: Generated<number>;
  failedSignIns: Generated<number>;
  lockedUntil: number | null;
  lastActiveAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Why the status is what it is, for machines: inactivity | review_overdue | job_title | left (R18). */
  statusCause: string | null;
  statusChangedAt: number | null;
  /** When the account was last approved, and when its annual review falls due (R18). */
  approvedAt: number | null;
  reviewDueAt: number | null;
  /** 1 after a reactivation: the user retrains before data access (R15); the training room clears it. */
  needsRetraining: Generated<number>;
}

export interface UserRolesTable {
  userId: string;
  role: string;
}

export interface SessionsTable {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
  clientAddress: string | null;
  userAgent: string | null;
  /** What sign-in still needs: enroll a second factor, enter a TOTP code, or nothing (R19). */
  signinStep: 'enroll' | 'totp' | 'done';
  /** The agency device the session signed in from (R19). */
  deviceId: string | null;
}

/** A user's TOTP authenticator (RFC 6238). The secret is not encrypted yet: no key management. */
export interface UserTotpTable {
  userId: string;
  secret: string;
  createdAt: number;
  confirmedAt: number | null;
  lastUsedStep: number | null;
}

export interface RecoveryCodesTable {
  id: string;
  userId: string;
  codeHash: string;
  createdAt: number;
  usedAt: number | null;
}

/** Agency-issued devices (R19). */
export interface DevicesTable {
  id: string;
  name: string;
  kind: string;
  identifier: string;
  notes: string | null;
  approvedBy: string | null;
  approvedAt: number;
  enrollmentCodeHash: string | null;
  enrollmentExpiresAt: number | null;
  tokenHash: string | null;
  enrolledAt: number | null;
  lastSeenAt: number | null;
  revokedAt: number | null;
  revokedBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CamerasTable {
  id: string;
  name: string;
  kind: 'fixed' | 'mobile';
  adapter: Generated<string>;
  origin: Generated<'registered' | 'demo'>;
  status: 'active' | 'disabled';
  lat: number | null;
  lon: number | null;
  direction: number | null;
  placement: 'public_view' | 'court_order';
  courtOrderRef: string | null;
  attestedBy: string;
  attestedAt: number;
  notes: string | null;
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number | null;
  readsAccepted: Generated<number>;
  readsDuplicate: Generated<number>;
  readsRejected: Generated<number>;
  lastRejection: string | null;
  lastRejectionAt: number | null;
  /** Adapter snapshot (issue 11): the still-image URL Platekeeper fetches, and how often. */
  snapshotUrl: string | null;
  snapshotIntervalSeconds: number | null;
  /** The agency that owns the camera (its reads carry it); null until the app's first start after migration 20261123T1650 assigns the deployment's own. */
  agencyId: string | null;
}

export interface CameraKeysTable {
  id: string;
  cameraId: string;
  secretHash: string;
  label: string | null;
  createdBy: string | null;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface ImagesTable {
  sha256: string;
  contentType: string;
  byteSize: number;
  createdAt: number;
}

export interface PlatesTable {
  id: Generated<number>;
  plate: string;
  region: string;
}

export interface ReadsTable {
  id: string;
  cameraId: string;
  plateId: number;
  plateRaw: string;
  regionRaw: string | null;
  /** The plate against its state's known formats (plates/states.ts): standard, vanity, nonstandard or unverified. */
  plateCheck: string;
  confidence: number | null;
  capturedAt: number;
  receivedAt: number;
  lat: number | null;
  lon: number | null;
  heading: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleColor: string | null;
  vehicleBody: string | null;
  plateImage: string | null;
  vehicleImage: string | null;
  vendorData: string | null;
  /** The agency whose camera took the read (the distribution column; deploy/citus.md). */
  agencyId: Generated<string>;
}

/** The hash-chained access log (R25; invariant 4). JSON columns hold canonical JSON text. */
export interface AccessLogTable {
  seq: number;
  id: string;
  at: number;
  category: 'data_access' | 'admin_change' | 'auth' | 'system';
  action: string;
  actorUserId: string | null;
  actorUsername: string;
  organization: string;
  purposeCase: string | null;
  purposeCategory: string;
  purposeReason: string;
  dataElements: string;
  resultCount: number | null;
  clientAddress: string | null;
  device: string | null;
  beforeValue: string | null;
  afterValue: string | null;
  prevHash: string;
  hash: string;
}

/** Training courses, one row per version (R15). Required + active rows are what every user must hold. */
export interface TrainingCoursesTable {
  id: string;
  title: string;
  version: string;
  description: string | null;
  /** A completion is valid this many months (at most the profile's retraining interval). */
  validityMonths: number;
  required: number;
  active: number;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A user's completion of one course version, entered by the administrator (R15). */
export interface TrainingCompletionsTable {
  id: string;
  userId: string;
  courseId: string;
  courseVersion: string;
  completedAt: number;
  expiresAt: number;
  enteredBy: string;
  enteredAt: number;
  notes: string | null;
}

/** A user's last accepted purposes, for reuse (R21). */
export interface RecentPurposesTable {
  id: string;
  userId: string;
  /** SHA-256 of case number, category and reason: one row per distinct purpose. */
  fingerprint: string;
  caseNumber: string;
  category: string;
  reason: string;
  firstUsedAt: number;
  lastUsedAt: number;
  useCount: number;
}

/** R20: the data sources (agency | state | federal) a user is authorized to see. */
export interface UserDataSourcesTable {
  userId: string;
  source: 'agency' | 'state' | 'federal';
  grantedBy: string | null;
  grantedAt: number;
}

export interface PendingChangesTable {
  id: string;
  kind: string;
  payload: string;
  summary: string;
  requestedById: string;
  requestedBy: string;
  requestedAt: number;
  status: 'pending' | 'approved' | 'denied';
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
}

export interface PolicyProfilesTable {
  sha256: string;
  source: string;
  document: string;
  status: 'active' | 'pending' | 'superseded' | 'denied';
  seenAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface JobTitlesTable {
  titleKey: string;
  title: string;
  source: 'profile' | 'administrator';
  addedBy: string;
  addedAt: number;
}

// Each room's own tables live beside this file (tables.<room>.ts); Tables below names them all.
export type * from './tables.exports.js';
export type * from './tables.sharing.js';
export type * from './tables.alerts.js';
export type * from './tables.audits.js';
export type * from './tables.hotlists.js';
export type * from './tables.retention.js';

export interface Tables {
  hotLists: HotListsTable;
  hotListEntries: HotListEntriesTable;
  hotListImports: HotListImportsTable;
  audits: AuditsTable;
  auditSamples: AuditSamplesTable;
  auditOutsideAuditors: AuditOutsideAuditorsTable;
  misuseFlags: MisuseFlagsTable;
  misuseScans: MisuseScansTable;
  geofences: GeofencesTable;
  pendingChanges: PendingChangesTable;
  jobTitles: JobTitlesTable;
  policyProfiles: PolicyProfilesTable;
  agency: AgencyTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  userTotp: UserTotpTable;
  recoveryCodes: RecoveryCodesTable;
  devices: DevicesTable;
  cameras: CamerasTable;
  cameraKeys: CameraKeysTable;
  images: ImagesTable;
  plates: PlatesTable;
  reads: ReadsTable;
  accessLog: AccessLogTable;
  trainingCourses: TrainingCoursesTable;
  trainingCompletions: TrainingCompletionsTable;
  recentPurposes: RecentPurposesTable;
  userDataSources: UserDataSourcesTable;
  sharingAgencies: SharingAgenciesTable;
  sharingAgreements: SharingAgreementsTable;
  sharingAgreementSignatories: SharingAgreementSignatoriesTable;
  sharingLinks: SharingLinksTable;
  sharingRequests: SharingRequestsTable;
  sharingTransfers: SharingTransfersTable;
  recordsRequests: RecordsRequestsTable;
  exports: ExportsTable;
  alerts: AlertsTable;
  alertSteps: AlertStepsTable;
  alertSubscriptions: AlertSubscriptionsTable;
  legalHolds: LegalHoldsTable;
  legalHoldReads: LegalHoldReadsTable;
  purgeRuns: PurgeRunsTable;
  outsideCopies: OutsideCopiesTable;
  evidenceBundles: EvidenceBundlesTable;
}
