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
