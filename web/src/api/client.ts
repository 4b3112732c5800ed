// A small typed client for /api/v1. Every shape comes from the server's TypeBox schemas through
// Static<> (STYLE 3). All imports from src/ are type-only, so nothing server-side reaches the bundle.
import type { Static } from 'typebox';
import type * as Access from '../../../src/access/access.schemas.js';
import type * as Alerts from '../../../src/alerts/alerts.schemas.js';
import type * as Approvals from '../../../src/access/approvals.schemas.js';
import type * as Devices from '../../../src/access/devices.schemas.js';
import type { DeviceKind as ServerDeviceKind } from '../../../src/access/devices.service.js';
import type { Permission } from '../../../src/access/permissions.js';
import type * as Purposes from '../../../src/access/purpose.schemas.js';
import type * as Training from '../../../src/access/training.schemas.js';
import type * as Audit from '../../../src/audit/audit.schemas.js';
import type * as Cameras from '../../../src/cameras/cameras.schemas.js';
import type * as Exports from '../../../src/exports/exports.schemas.js';
import type * as Search from '../../../src/search/search.schemas.js';
import type * as Adapters from '../../../src/ingest/adapter.schemas.js';
import type { IngestBatch as IngestBatchSchema } from '../../../src/ingest/ingest.schemas.js';
import type { AgencyView } from '../../../src/policy/policy.routes.js';
import { call, query, segment, send, withPurpose } from './http.js';

export { ApiError, onSignInUnfinished, onUnauthenticated } from './http.js';
export type { Permission };

export type Camera = Static<typeof Cameras.Camera>;
export type CameraInput = Static<typeof Cameras.CameraInput>;
export type CameraUpdate = Static<typeof Cameras.CameraUpdate>;
export type CameraKey = Static<typeof Cameras.CameraKey>;
export type CameraHealthView = Static<typeof Cameras.CameraHealthView>;
export type IssuedKey = Static<typeof Cameras.IssuedKey>;
export type RegisteredCamera = Static<typeof Cameras.RegisteredCamera>;
export type IngestBatch = Static<typeof IngestBatchSchema>;
export type CameraAdapter = Camera['adapter'];

export type SearchKind = Search.SearchKind;
export type SearchBodies = { [K in SearchKind]: Static<(typeof Search.SEARCH_BODIES)[K]> };
export type SearchPage = Static<typeof Search.SearchPage>;
export type ReadView = Static<typeof Search.ReadView>;
export type VehicleMatch = Static<typeof Search.VehicleMatch>;
export type Area = Static<typeof Search.Area>;
export type SearchCamera = Static<typeof Search.CamerasForMap>['cameras'][number];
export type ExportView = Static<typeof Exports.ExportView>;
export type ExportList = Static<typeof Exports.ExportList>;
export type ExportListQuery = Static<typeof Exports.ExportListQuery>;
export type ExportFormat = Static<typeof Exports.ExportFormat>;
export type CameraSetup = Static<typeof Adapters.CameraSetupView>;
export type LastPayload = Static<typeof Adapters.LastPayloadView>;

export type User = Static<typeof Access.PublicUser>;
export type Role = Static<typeof Access.RoleSchema>;
export type SigninStep = Static<typeof Access.SigninStepSchema>;
/** /auth/me; permissions are the server's permission names (permissions.ts). */
export type Me = Omit<Static<typeof Access.MeSchema>, 'permissions'> & { permissions: Permission[] };
export type SignInResult = Static<typeof Access.SignInResultSchema>;
export type NewUser = Static<typeof Access.NewUserBody>;
export type SecondFactorStatus = Static<typeof Access.SecondFactorStatusSchema>;
export type TotpEnrollment = Static<typeof Access.TotpEnrollmentSchema>;
export type ConfirmResult = Static<typeof Access.ConfirmResultSchema>;
export type VerifyProof = Static<typeof Access.VerifyBody>;
export type VerifyResult = Static<typeof Access.VerifyResultSchema>;

export type PendingChange = Static<typeof Approvals.PendingChange>;
export type ChangeStatus = Static<typeof Approvals.ChangeStatusSchema>;

export type Device = Static<typeof Devices.DeviceSchema>;
// Static<> of the kind union (a mapped array of literals) comes out as never; the service's type says the same.
export type DeviceKind = ServerDeviceKind;
export type DeviceInput = Omit<Static<typeof Devices.DeviceInputBody>, 'kind'> & { kind: DeviceKind };
export type IssuedEnrollment = Static<typeof Devices.IssuedEnrollment>;
export type BrowserDeviceStatus = Static<typeof Devices.BrowserDeviceStatus>;
export type EnrolledDevice = Static<typeof Devices.EnrolledDevice>;

export type PurposeInput = Static<typeof Purposes.PurposeBody>;
export type PurposeProblem = Static<typeof Purposes.PurposeProblem>;
export type PurposeCategories = Static<typeof Purposes.PurposeCategories>;
export type PurposeCheckResult = Static<typeof Purposes.PurposeCheckResult>;
export type RecentPurpose = Static<typeof Purposes.RecentPurposes>['purposes'][number];
export type Eligibility = Static<typeof Purposes.EligibilitySchema>;
export type DataSource = Static<typeof Purposes.Source>;
export type SourcesView = Static<typeof Purposes.SourcesView>;

export type Course = Static<typeof Training.CourseSchema>;
export type NewCourse = Static<typeof Training.NewCourseBody>;
export type CourseChanges = Static<typeof Training.CourseChangesBody>;
export type Completion = Static<typeof Training.CompletionSchema>;
export type NewCompletion = Static<typeof Training.NewCompletionBody>;
export type TrainingStanding = Static<typeof Training.StandingSchema>;

export type AccessLogFilter = Static<typeof Audit.AccessLogFilterQuery>;
export type AccessLogEntry = Static<typeof Audit.AccessLogEntrySchema>;
export type AccessLogPage = Static<typeof Audit.AccessLogPage>;
export type AuditCategory = Static<typeof Audit.AuditCategory>;
export type ChainVerification = Static<typeof Audit.VerifyAnswer>;

const cameraPath = (id: string) => `/cameras/${segment(id)}`;
const userPath = (id: string) => `/users/${segment(id)}`;

export type Agency = Static<typeof AgencyView>;

// Alerts (alerts.schemas.ts). The live stream itself is an EventSource on alertStreamUrl.
export type AlertView = Static<typeof Alerts.AlertView>;
export type AlertDisposition = Static<typeof Alerts.DispositionBody>['disposition'];
export type AlertConfirm = Static<typeof Alerts.ConfirmBody>;
export type AlertVerify = Static<typeof Alerts.VerifyBody>;
export type AlertAction = Static<typeof Alerts.ActionBody>['action'];
export type AlertHistoryFilter = Omit<Static<typeof Alerts.HistoryQuery>, 'purpose'>;
export type AlertAccuracy = Static<typeof Alerts.AccuracyReport>;
export type AlertSubscription = Static<typeof Alerts.Subscription>;
export type AlertSubscriptionView = Static<typeof Alerts.SubscriptionView>;
const alertPath = (seq: number, step?: string) => `/alerts/${seq}${step ? `/${step}` : ''}`;
export const alertStreamUrl = (since?: number) => `/api/v1/alerts/stream${since ? `?since=${since}` : ''}`;
export const alertImageUrl = (seq: number, which: 'plate' | 'vehicle') => `/api/v1/alerts/${seq}/images/${which}`;
export const misreadsCsvUrl = (from?: string, to?: string) => withPurpose(`/alerts/accuracy/misreads.csv${query({ from, to })}`);

export const api = {
  // The agency and its ALPR Administrator (policy.routes.ts, R44).
  agency: () => call<Agency>('GET', '/agency'),

  // Sign-in (access.routes.ts, mfa.routes.ts, devices.routes.ts).
  browserDevice: () => call<BrowserDeviceStatus>('GET', '/auth/device', undefined, { expect401: true }),
  enrollDevice: (code: string) => call<EnrolledDevice>('POST', '/devices/enroll', { code }, { expect401: true }),
  signIn: (username: string, password: string) => call<SignInResult>('POST', '/auth/sign-in', { username, password }, { expect401: true }),
  signOut: () => send('POST', '/auth/sign-out'),
  signOutEverywhere: () => send('POST', '/auth/sign-out-everywhere'),
  me: () => call<Me>('GET', '/auth/me', undefined, { expect401: true }),
  changePassword: (currentPassword: string, newPassword: string) => send('POST', '/auth/password', { currentPassword, newPassword }),
  secondFactor: () => call<SecondFactorStatus>('GET', '/auth/mfa'),
  startTotp: () => call<TotpEnrollment>('POST', '/auth/mfa/enroll'),
  confirmTotp: (code: string) => call<ConfirmResult>('POST', '/auth/mfa/confirm', { code }),
  verifySecondFactor: (proof: VerifyProof) => call<VerifyResult>('POST', '/auth/mfa/verify', proof),

  // Purposes and the user's own standing (purpose.routes.ts, training.routes.ts).
  purposeCategories: () => call<PurposeCategories>('GET', '/purposes/categories'),
  checkPurpose: (input: PurposeInput) => call<PurposeCheckResult>('POST', '/purposes/check', input),
  recentPurposes: async () => (await call<Static<typeof Purposes.RecentPurposes>>('GET', '/purposes/recent')).purposes,
  eligibility: () => call<Eligibility>('GET', '/purposes/eligibility'),
  /** States a purpose for the session's data requests; remember the answer with setStatedPurpose (http.ts). */
  statePurpose: (input: PurposeInput) => call<Static<typeof Purposes.StatedPurpose>>('POST', '/purposes/state', input),
  myTraining: () => call<TrainingStanding>('GET', '/me/training'),

  // Users (access.routes.ts, lifecycle.routes.ts, mfa.routes.ts, purpose.routes.ts).
  users: async () => (await call<Static<typeof Access.UserList>>('GET', '/users')).users,
  createUser: (input: NewUser) => call<User>('POST', '/users', input),
  reinstateUser: (id: string) => call<User>('POST', `${userPath(id)}/reinstate`),
  approveUser: (id: string) => call<User>('POST', `${userPath(id)}/approve`),
  markUserLeft: (id: string) => call<User>('POST', `${userPath(id)}/leave`),
  // lifecycle.routes.ts declares this body inline; its one field is the user's jobTitle.
  changeJobTitle: (id: string, jobTitle: User['jobTitle']) => call<User>('PUT', `${userPath(id)}/job-title`, { jobTitle }),
  resetSecondFactor: (id: string) => send('POST', `${userPath(id)}/mfa/reset`),
  dataSources: (id: string) => call<SourcesView>('GET', `${userPath(id)}/data-sources`),
  setDataSources: (id: string, sources: DataSource[]) => call<SourcesView>('PUT', `${userPath(id)}/data-sources`, { sources } satisfies Static<typeof Purposes.SourcesBody>),
  userTraining: (id: string) => call<TrainingStanding>('GET', `${userPath(id)}/training`),
  jobTitles: async () => (await call<Static<typeof Purposes.JobTitles>>('GET', '/access/job-titles')).titles,
  // Adding a title widens access: it waits for a second administrator (approvals.routes.ts).
  requestJobTitle: (title: string) => call<PendingChange>('POST', '/access/job-titles', { title } satisfies Static<typeof Approvals.JobTitleBody>),
  removeJobTitle: (title: string) => send('DELETE', `/access/job-titles/${segment(title)}`),
  pendingChanges: async (status?: ChangeStatus) => (await call<Static<typeof Approvals.PendingChangeList>>('GET', `/approvals${query({ status })}`)).changes,
  approveChange: (id: string) => call<PendingChange>('POST', `/approvals/${segment(id)}/approve`),
  denyChange: (id: string, reason: string) => call<PendingChange>('POST', `/approvals/${segment(id)}/deny`, { reason } satisfies Static<typeof Approvals.DenyBody>),

  // Training (training.routes.ts).
  courses: async () => (await call<Static<typeof Training.CourseList>>('GET', '/training/courses')).courses,
  createCourse: (input: NewCourse) => call<Course>('POST', '/training/courses', input),
  updateCourse: (id: string, changes: CourseChanges) => call<Course>('PATCH', `/training/courses/${segment(id)}`, changes),
  recordCompletion: (input: NewCompletion) => call<Completion>('POST', '/training/completions', input),

  // Devices (devices.routes.ts).
  devices: async () => (await call<Static<typeof Devices.DeviceList>>('GET', '/devices')).devices,
  registerDevice: (input: DeviceInput) => call<IssuedEnrollment>('POST', '/devices', input),
  reissueDeviceCode: (id: string) => call<IssuedEnrollment>('POST', `/devices/${segment(id)}/enrollment-code`),
  revokeDevice: (id: string) => call<Device>('POST', `/devices/${segment(id)}/revoke`),

  // The access log (audit.routes.ts).
  accessLog: (filter: AccessLogFilter, before?: number) => call<AccessLogPage>('GET', `/audit/access-log${query({ ...filter, before, limit: 50 })}`),
  verifyChain: () => call<ChainVerification>('GET', '/audit/verify'),

  // Cameras and ingest (cameras.routes.ts, ingest.routes.ts).
  cameras: async () => (await call<{ cameras: Camera[] }>('GET', '/cameras')).cameras,
  registerCamera: (input: CameraInput) => call<RegisteredCamera>('POST', '/cameras', input),
  updateCamera: (id: string, changes: CameraUpdate) => call<Camera>('PATCH', cameraPath(id), changes),
  cameraKeys: async (id: string) => (await call<{ keys: CameraKey[] }>('GET', `${cameraPath(id)}/keys`)).keys,
  issueKey: (id: string, label?: string) => call<IssuedKey>('POST', `${cameraPath(id)}/keys`, label ? { label } : {}),
  revokeKey: (id: string, keyId: string) => send('DELETE', `${cameraPath(id)}/keys/${segment(keyId)}`),
  // What to configure on the device, and the last payload it sent (adapter.routes.ts).
  cameraSetup: (id: string) => call<CameraSetup>('GET', `${cameraPath(id)}/setup`),
  lastPayload: (id: string) => call<LastPayload>('GET', `${cameraPath(id)}/last-payload`),

  ingestHealth: async () => (await call<{ cameras: CameraHealthView[] }>('GET', '/ingest/health')).cameras,
  // Investigative search (search.routes.ts): the stated purpose goes along as X-Purpose-Id.
  search: <K extends SearchKind>(kind: K, body: SearchBodies[K]) => call<SearchPage>('POST', `/search/${kind}`, body),
  searchCameras: async () => (await call<Static<typeof Search.CamerasForMap>>('GET', '/search/cameras')).cameras,
  // The exports registry (exports.routes.ts, R32). Downloads themselves: web/src/search/exportDownload.ts.
  exports: (filter: ExportListQuery = {}) => call<ExportList>('GET', `/exports${query({ ...filter })}`),
  markExportDestroyed: (id: string, note?: string) => call<ExportView>('POST', `/exports/${segment(id)}/destroyed`, note ? { note } : {}),

  // Alerts (alerts.routes.ts): each call on an alert opens the gate with the hit as its purpose.
  alert: (seq: number) => call<AlertView>('GET', alertPath(seq)),
  acknowledgeAlert: (seq: number) => call<AlertView>('POST', alertPath(seq, 'acknowledge')),
  confirmAlert: (seq: number, body: AlertConfirm) => call<AlertView>('POST', alertPath(seq, 'confirm'), body),
  exigencyAlert: (seq: number, justification: string) => call<AlertView>('POST', alertPath(seq, 'exigency'), { justification }),
  verifyAlert: (seq: number, body: AlertVerify) => call<AlertView>('POST', alertPath(seq, 'verify'), body),
  actionAlert: (seq: number, action: AlertAction, notes?: string) => call<AlertView>('POST', alertPath(seq, 'action'), { action, ...(notes ? { notes } : {}) }),
  disposeAlert: (seq: number, disposition: AlertDisposition, notes?: string) => call<AlertView>('POST', alertPath(seq, 'disposition'), { disposition, ...(notes ? { notes } : {}) }),
  alertHistory: async (filter: AlertHistoryFilter) => (await call<Static<typeof Alerts.HistoryPage>>('GET', `/alerts${query({ ...filter })}`)).alerts,
  alertAccuracy: (from?: string, to?: string) => call<AlertAccuracy>('GET', `/alerts/accuracy${query({ from, to })}`),
  alertSubscriptions: () => call<AlertSubscriptionView>('GET', '/alerts/subscriptions'),
  setAlertSubscriptions: (body: AlertSubscription) => call<AlertSubscriptionView>('PUT', '/alerts/subscriptions', body),
};

/** The CSV download's address for the same filters (a link: the browser sends the session cookie). */
export const accessLogCsvUrl = (filter: AccessLogFilter): string => `/api/v1/audit/access-log.csv${query({ ...filter })}`;

/** The password rules, as the server states them in the password route's OpenAPI description. */
export async function passwordRules(): Promise<string | undefined> {
  try {
    const response = await fetch('/api/openapi.json', {
      credentials: 'same-origin',
    });
    if (!response.ok) return undefined;
    const doc = (await response.json()) as {
      paths?: Record<string, { post?: { description?: string } }>;
    };
    const description = doc.paths?.['/api/v1/auth/password']?.post?.description ?? '';
    return /Rules: (.+?)\.(?: |$)/.exec(description)?.[1];
  } catch {
    return undefined;
  }
}
