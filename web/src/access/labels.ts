// How access fields read on screen. Each record is keyed by the server's type, so a new role, kind
// or state fails to compile until it has a label here.
import type { AuditCategory, DeviceKind, Role, TrainingStanding } from '../api/client.js';
import type { BadgeTone } from '../ui/Badge.js';

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'ALPR Administrator',
  supervisor: 'Supervisor',
  officer: 'Patrol officer',
  dispatcher: 'Dispatcher',
  analyst: 'Investigator / crime analyst',
  auditor: 'Auditor',
  custodian: 'Custodian of Records',
};
export const ROLES = Object.keys(ROLE_LABELS) as Role[];
export const roleLabel = (role: string): string => (ROLE_LABELS as Record<string, string>)[role] ?? role;

export const USER_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'good' },
  suspended: { label: 'Suspended', tone: 'warn' },
  deleted: { label: 'Left the agency', tone: 'muted' },
};
export const userStatus = (status: string) => USER_STATUS[status] ?? { label: status, tone: 'neutral' as const };

/** R18: why an account is not active. */
export const STATUS_CAUSES: Record<string, string> = {
  inactivity: 'Not used for too long',
  review_overdue: 'Annual review overdue',
  job_title: 'Job title not authorized',
  left: 'Left the agency',
};

export const DEVICE_KIND_LABELS: Record<DeviceKind, string> = {
  workstation: 'Workstation',
  laptop: 'Laptop',
  mobile_data_computer: 'Mobile data computer (patrol car)',
  phone: 'Phone',
  tablet: 'Tablet',
};
export const DEVICE_KINDS = Object.keys(DEVICE_KIND_LABELS) as DeviceKind[];

export const TRAINING_STATE: Record<TrainingStanding['status'], { label: string; tone: BadgeTone }> = {
  current: { label: 'Current', tone: 'good' },
  missing: { label: 'Not completed', tone: 'bad' },
  expired: { label: 'Expired', tone: 'bad' },
};

export const AUDIT_CATEGORY_LABELS: Record<AuditCategory, string> = {
  data_access: 'Data access',
  admin_change: 'Administrative change',
  auth: 'Sign-in',
  system: 'System',
};
