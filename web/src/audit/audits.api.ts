// Typed calls for sampling audits, misuse review and geofences (audits.routes.ts, misuse.routes.ts).
// Every shape comes from the server's TypeBox schemas (STYLE 3); imports from src/ are type-only.
import type { Static } from 'typebox';
import type * as Audits from '../../../src/audit/audits.schemas.js';
import type * as Misuse from '../../../src/audit/misuse.schemas.js';
import type { GeofenceKind as ServerGeofenceKind } from '../../../src/audit/misuse.service.js';
import { call, query, segment, send } from '../api/http.js';

export type AuditKind = 'internal' | 'outside';
export type AuditsOverview = Static<typeof Audits.AuditsOverview>;
export type AuditSummary = Static<typeof Audits.AuditSummarySchema>;
export type AuditDetail = Static<typeof Audits.AuditDetailSchema>;
export type AuditSample = Static<typeof Audits.SampleSchema>;
export type DueAudit = Static<typeof Audits.DueAuditSchema>;
export type Decision = Static<typeof Audits.DecisionBody>;
export type SignInput = Static<typeof Audits.SignBody>;
export type OutsideAuditorInput = Static<typeof Audits.OutsideAuditorBody>;
export type OutsideAuditor = Static<typeof Audits.OutsideAuditorAnswer>;

export type MisuseFlag = Static<typeof Misuse.FlagSchema>;
export type MisuseRule = Static<typeof Misuse.RuleSchema>;
export type Geofence = Static<typeof Misuse.GeofenceSchema>;
export type GeofenceKind = ServerGeofenceKind;
export type GeofenceInput = Omit<Static<typeof Misuse.GeofenceBody>, 'kind'> & { kind: GeofenceKind };

const auditPath = (id: string) => `/audits/${segment(id)}`;
export const memorandumUrl = (id: string, format: 'html' | 'pdf') => `/api/v1${auditPath(id)}/memorandum.${format}`;

export const auditsApi = {
  overview: () => call<AuditsOverview>('GET', '/audits'),
  start: (kind: AuditKind, outsideAgency?: string) => call<AuditDetail>('POST', '/audits', { kind, ...(outsideAgency ? { outsideAgency } : {}) }),
  get: (id: string) => call<AuditDetail>('GET', auditPath(id)),
  redraw: (id: string, reason: string) => call<AuditDetail>('POST', `${auditPath(id)}/redraw`, { reason }),
  decide: (id: string, position: number, decision: Decision) => call<AuditSample>('PUT', `${auditPath(id)}/samples/${position}`, decision),
  sign: (id: string, input: SignInput) => call<AuditDetail>('POST', `${auditPath(id)}/sign`, input),
  approve: (id: string) => call<AuditDetail>('POST', `${auditPath(id)}/approve`),
  addOutsideAuditor: (id: string, input: OutsideAuditorInput) => call<OutsideAuditor>('POST', `${auditPath(id)}/outside-auditors`, input),

  flags: async (status?: 'open' | 'resolved') => (await call<Static<typeof Misuse.FlagsAnswer>>('GET', `/misuse/flags${query({ status })}`)).flags,
  resolveFlag: (id: string, note: string) => call<MisuseFlag>('POST', `/misuse/flags/${segment(id)}/resolve`, { note }),
  scan: () => call<Static<typeof Misuse.ScanAnswer>>('POST', '/misuse/scan'),
  rules: async () => (await call<Static<typeof Misuse.RulesAnswer>>('GET', '/misuse/rules')).rules,

  geofences: async () => (await call<Static<typeof Misuse.GeofencesAnswer>>('GET', '/geofences')).geofences,
  createGeofence: (input: GeofenceInput) => call<Geofence>('POST', '/geofences', input),
  updateGeofence: (id: string, input: GeofenceInput) => call<Geofence>('PUT', `/geofences/${segment(id)}`, input),
  deleteGeofence: (id: string) => send('DELETE', `/geofences/${segment(id)}`),
};
