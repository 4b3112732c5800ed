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
  'session.self': EVERYONE,
  'cameras.view': ['administrator', 'supervisor', 'auditor'],
  'cameras.manage': ['administrator'],
  'ingest.health': ['administrator', 'supervisor', 'auditor'],
  'users.view': ['administrator', 'auditor'],
  'users.manage': ['administrator'],
  'agency.view': EVERYONE,
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
