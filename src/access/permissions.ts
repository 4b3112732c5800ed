// Roles and the named permissions each holds (R14, R16). Every API route names one permission (or
// 'public' / 'camera'); the permission matrix test walks the route table against this map.

export const ROLES = ['administrator', 'supervisor', 'officer', 'dispatcher', 'analyst', 'auditor', 'custodian'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'ALPR Administrator',
  supervisor: 'Supervisor',
  officer: 'Patrol officer',
  dispatcher: 'Dispatcher',
  analyst: 'Investigator / crime analyst',
  auditor: 'Auditor',
  custodian: 'Custodian of Records',
};

const EVERYONE: readonly Role[] = ROLES;

/** Permission → the roles that hold it. */
export const PERMISSIONS = {
  // R19: the only routes a session that has not passed its second factor may reach (authorize.ts):
  // finishing sign-in (second factor, who am I, sign-out), and changing the password before a
  // second factor exists (first sign-in). Every other permission needs a completed sign-in.
  'session.signin': EVERYONE,
  'session.password': EVERYONE,
  'session.self': EVERYONE,
  'cameras.view': ['administrator', 'supervisor', 'auditor'],
  'cameras.manage': ['administrator'],
  'ingest.health': ['administrator', 'supervisor', 'auditor'],
  'users.view': ['administrator', 'auditor'],
  'users.manage': ['administrator'],
  'devices.manage': ['administrator'],
  'agency.view': EVERYONE,
  // R15: the Administrator enters courses and completions; supervisors and auditors check them.
  'training.manage': ['administrator'],
  'training.view': ['administrator', 'supervisor', 'auditor'],
  'audit.view': ['auditor', 'administrator', 'custodian'],
  'audit.export': ['auditor', 'custodian'],
  // R26–R29: sampling audits, misuse review and the sensitive places misuse rules watch.
  'audits.view': ['auditor', 'administrator', 'custodian'],
  'audits.conduct': ['auditor'],
  'audits.approve': ['administrator'],
  'misuse.review': ['administrator', 'auditor'],
  'geofences.manage': ['administrator'],
  // Issue 5 (R5–R8, R13): hot lists. Metadata to most roles; entries themselves go through the purpose gate.
  'hotlists.view': ['administrator', 'supervisor', 'officer', 'dispatcher', 'analyst', 'auditor'],
  'hotlists.manage': ['administrator'],
  'hotlists.enter': ['officer', 'analyst', 'supervisor', 'administrator'],
  'hotlists.approve': ['supervisor', 'administrator'],
  // Issue 5 (R9–R12, R28): live alerts, the verification workflow, history and data accuracy.
  'alerts.view': ['officer', 'dispatcher', 'supervisor', 'analyst', 'administrator'],
  'alerts.act': ['officer', 'dispatcher', 'supervisor'],
  'alerts.history': ['supervisor', 'administrator', 'auditor'],
  'alerts.accuracy': ['administrator', 'auditor', 'supervisor'],
  // Issue 6 (R21–R25): investigative search; images are fetched through the purpose gate too.
  'search.run': ['analyst', 'officer', 'supervisor', 'administrator'],
  'images.view': ['analyst', 'officer', 'dispatcher', 'supervisor', 'administrator'],
  // R32: the exports registry; custodians record destruction.
  'exports.view': ['custodian', 'administrator', 'auditor'],
  'exports.manage': ['custodian', 'administrator'],
  // Issue 8 (R34–R40): sharing with other agencies; approval stays with the Administrator (or designee, who holds the role).
  'sharing.view': ['administrator', 'custodian', 'auditor'],
  'sharing.manage': ['administrator'],
  'sharing.approve': ['administrator'],
  'sharing.request': ['administrator', 'analyst', 'supervisor'],
  // Issue 7 (R30–R33): retention, legal holds, purge, evidence export. Holds are reviewed by the custodian of records.
  'retention.view': ['custodian', 'administrator', 'auditor'],
  'holds.manage': ['custodian', 'administrator', 'analyst'],
  'purge.run': ['custodian', 'administrator'],
  'evidence.export': ['analyst', 'custodian', 'administrator'],
  // Issue 11 (R3): read the plates in an image with the built-in recognizer. Nothing is stored or
  // looked up, so no purpose is asked; the roles that handle images of vehicles hold it.
  'recognition.run': ['administrator', 'supervisor', 'officer', 'dispatcher', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What a route may declare: a permission, open to anyone, or a camera's ingest key. */
export type RouteAccess = Permission | 'public' | 'camera';

export const isPermission = (value: string): value is Permission => Object.hasOwn(PERMISSIONS, value);

export function rolesGrant(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

export function permissionsOf(roles: readonly string[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => rolesGrant(roles, permission));
}
