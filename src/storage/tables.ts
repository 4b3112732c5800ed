// The database's shape as TypeScript sees it (through Kysely's CamelCasePlugin). Instants are epoch
// milliseconds; flags are 0/1 integers so both backends return the same types.
import type { Generated } from 'kysely';

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

/** The exports registry (R32): every download, print or share of ALPR data and when it must be destroyed. */
export interface ExportsTable {
  id: string;
  format: string;
  description: string;
  query: string | null;
  recordCount: number;
  caseNumber: string;
  purposeCategory: string;
  purposeReason: string;
  accessContext: string;
  createdById: string;
  createdBy: string;
  createdAt: number;
  destroyDueAt: number;
  destroyedAt: number | null;
  destroyedBy: string | null;
  note: string | null;
  /** 1: booked into evidence (R31), kept with the case rather than destroyed on schedule. */
  evidence: number;
}

// Sharing (issue 8; R34–R40): src/sharing. No price column anywhere (R40).
export interface SharingAgenciesTable {
  id: string;
  name: string;
  kind: string;
  jurisdiction: string;
  ori: string | null;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}
export interface SharingAgreementsTable {
  id: string;
  title: string;
  reference: string | null;
  startsAt: number;
  endsAt: number | null;
  createdBy: string;
  createdAt: number;
}
export interface SharingAgreementSignatoriesTable {
  agreementId: string;
  agencyId: string;
}
export interface SharingLinksTable {
  id: string;
  tokenHash: string;
  agencyId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  requestId: string | null;
}
export interface SharingRequestsTable {
  id: string;
  agencyId: string;
  agreementId: string | null;
  source: 'entered' | 'link';
  requesterName: string;
  requesterTitle: string;
  requesterContact: string;
  caseNumber: string;
  category: string;
  reason: string;
  plates: string;
  fromAt: number;
  toAt: number;
  area: string | null;
  attestation: string;
  receivedAt: number;
  enteredBy: string;
  status: 'pending' | 'approved' | 'denied' | 'fulfilled';
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  keepUntil: number;
}
export interface SharingTransfersTable {
  id: string;
  requestId: string;
  agencyId: string;
  method: 'download' | 'email';
  description: string;
  recipient: string;
  readCount: number | null;
  bundleSha256: string | null;
  transferredAt: number;
  recordedBy: string;
  destructionDueAt: number;
}
export interface RecordsRequestsTable {
  id: string;
  requester: string;
  kind: string;
  receivedAt: number;
  description: string;
  considerations: string;
  outcome: string;
  outcomeNotes: string | null;
  outcomeAt: number | null;
  enteredBy: string;
  updatedAt: number;
}

// Alerts (issue 5; R9–R12, R28): src/alerts. JSON columns hold JSON text.
export interface AlertsTable {
  seq: Generated<number>;
  readId: string;
  entryId: string;
  listId: string;
  listName: string;
  listSource: string;
  dataSource: string;
  priority: number;
  listUpdatedAt: number | null;
  category: string;
  entry: string;
  matchKind: string;
  stateCheck: string;
  match: string;
  plate: string;
  region: string;
  cameraId: string;
  capturedAt: number;
  lat: number | null;
  lon: number | null;
  vehicle: string;
  plateImage: string | null;
  vehicleImage: string | null;
  createdAt: number;
  status: 'open' | 'closed';
  disposition: string | null;
  correctedPlate: string | null;
  closedAt: number | null;
}
export interface AlertStepsTable {
  id: Generated<number>;
  alertSeq: number;
  step: string;
  userId: string;
  username: string;
  at: number;
  detail: string;
}
export interface AlertSubscriptionsTable {
  userId: string;
  lists: string | null;
  cameras: string | null;
  updatedAt: number;
}

// Sampling audits (R26–R28), misuse flags and geofences (R22, R29): src/audit/audits.*, misuse.*.
export interface AuditsTable {
  id: string;
  kind: 'internal' | 'outside';
  status: 'in_progress' | 'signed' | 'approved';
  periodFrom: number;
  periodTo: number;
  dueAt: number | null;
  seed: string;
  populationUpToSeq: number;
  population: number;
  sampleSize: number;
  draws: number;
  outsideAgency: string | null;
  startedBy: string;
  startedAt: number;
  auditorTitle: string;
  memorandumTo: string;
  filedWith: string;
  summary: string | null;
  dataErrors: string | null;
  outcome: 'compliant' | 'findings' | null;
  signedBy: string | null;
  signedAt: number | null;
  approvedBy: string | null;
  approvedAt: number | null;
  keepUntil: number | null;
}

export interface AuditSamplesTable {
  auditId: string;
  position: number;
  entrySeq: number;
  purposeSpecific: number | null;
  caseNumberReal: number | null;
  searchMatchedPurpose: number | null;
  notes: string | null;
  dataErrors: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface AuditOutsideAuditorsTable {
  userId: string;
  auditId: string;
  organization: string;
  expiresAt: number;
  createdBy: string;
  createdAt: number;
}

export interface MisuseFlagsTable {
  id: string;
  rule: string;
  entrySeq: number;
  actorUsername: string;
  at: number;
  reason: string;
  status: 'open' | 'resolved';
  createdAt: number;
  resolvedBy: string | null;
  resolvedAt: number | null;
  resolution: string | null;
}

export interface MisuseScansTable {
  id: string;
  fromSeq: number;
  toSeq: number;
  flags: number;
  ranAt: number;
}

export interface GeofencesTable {
  id: string;
  name: string;
  kind: string;
  shape: 'circle' | 'polygon';
  centerLat: number | null;
  centerLon: number | null;
  radiusM: number | null;
  polygon: string | null;
  active: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** Hot lists (R5–R8, R12, R13, R20): src/hotlists. */
export interface HotListsTable {
  id: string;
  name: string;
  kind: 'general' | 'agency';
  source: string;
  dataSource: 'agency' | 'state' | 'federal';
  defaultCategory: string;
  priority: number;
  owner: string;
  retentionDays: number;
  refreshIntervalHours: number;
  active: Generated<number>;
  designatedBy: string | null;
  designatedAt: number | null;
  currentImportId: string | null;
  lastUpdatedAt: number | null;
  lastImportError: string | null;
  lastImportFailedAt: number | null;
  lastAttemptAt: number | null;
  feedLocation: string | null;
  feedMapping: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface HotListEntriesTable {
  id: string;
  listId: string;
  importId: string | null;
  status: 'pending' | 'active' | 'rejected' | 'expired';
  plate: string | null;
  state: string | null;
  plateType: string | null;
  pattern: string | null;
  ncicCode: string | null;
  reason: string | null;
  category: string;
  vehicleYear: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleColor: string | null;
  vehicleBody: string | null;
  entryDate: number | null;
  originatingAgency: string | null;
  caseAgent: string | null;
  caseNumber: string | null;
  synopsis: string | null;
  expiresAt: number | null;
  submittedById: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface HotListImportsTable {
  id: string;
  listId: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'upload' | 'scheduled';
  fileName: string | null;
  startedBy: string;
  startedAt: number;
  finishedAt: number | null;
  bytesTotal: number | null;
  bytesRead: Generated<number>;
  rowsRead: Generated<number>;
  rowsImported: Generated<number>;
  rowsDroppedImmigration: Generated<number>;
  rowsInvalid: Generated<number>;
  expectedRows: number | null;
  mapping: string;
  error: string | null;
}

/** Issue 7 (R31): a legal hold by case number; legal_hold_reads lists the reads it keeps. */
export interface LegalHoldsTable {
  id: string;
  caseNumber: string;
  reason: string;
  /** JSON: { readIds } or { plate, region, from, to }, as placed. */
  selection: string;
  readCount: number;
  placedById: string | null;
  placedBy: string;
  placedAt: number;
  /** The hold lapses at this instant; null = until released. */
  until: number | null;
  releasedAt: number | null;
  releasedBy: string | null;
  releaseReason: string | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

export interface LegalHoldReadsTable {
  holdId: string;
  readId: string;
}

/** Issue 7: one row per purge run (dry runs included); classes is JSON, one entry per data class. */
export interface PurgeRunsTable {
  id: string;
  startedAt: number;
  finishedAt: number;
  trigger: 'schedule' | 'cli' | 'api';
  dryRun: number;
  actor: string;
  classes: string;
  totalDeleted: number;
  notices: number;
  outcome: 'ok' | 'failed';
  error: string | null;
}

/** Issue 7 (R33): copies of ALPR data held outside this server, due for destruction with the data. */
export interface OutsideCopiesTable {
  id: string;
  recipient: string;
  description: string;
  caseNumber: string | null;
  source: 'sharing' | 'evidence' | 'manual';
  readCount: number;
  newestCapturedAt: number | null;
  sentAt: number;
  recordedBy: string;
  destroyDueAt: number | null;
  noticeAt: number | null;
  noticeRunId: string | null;
  destroyedAt: number | null;
  destroyedBy: string | null;
  destructionNote: string | null;
}

/** Issue 7 (R31, R32): evidence bundles; booked evidence is exempt from the export destruction date. */
export interface EvidenceBundlesTable {
  id: string;
  caseNumber: string;
  recipient: string | null;
  createdById: string | null;
  createdBy: string;
  createdAt: number;
  purpose: string;
  readCount: number;
  fileName: string;
  sha256: string;
  byteSize: number;
  bookedEvidence: number;
}

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
