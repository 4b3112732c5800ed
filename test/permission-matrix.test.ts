// Every API route × every role, signed out and suspended (R14, R16): generated from the server's
// own route table, so a new route is covered the moment it exists. A route a role may not use
// answers 403 permission_denied; one it may use gets past the permission check (whatever the
// handler then says about the empty request); signed out, everything but public routes is 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, isPermission, rolesGrant, type Role } from '../src/access/permissions.js';
import type { RouteEntry } from '../src/platform/http.js';
import { startTestApp, type TestApp, type TestUser } from './app.testkit.js';

const DUMMY_ID = '0193a0b2-7c3e-7000-8000-000000000001';
const urlOf = (route: RouteEntry) => route.url.replace(/:[A-Za-z]+/g, DUMMY_ID);
// Routes that end the caller's own session are checked signed out only; using them would sign the role's user out.
const endsSession = (route: RouteEntry) => /sign-out/.test(route.url);

describe('permission matrix', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  const users = new Map<Role, TestUser>();
  let suspended: TestUser;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    routes = t.app.http.routeTable;
    for (const role of ROLES) users.set(role, await t.createUser([role], { username: `matrix.${role}`, jobTitle: 'Crime analyst' }));
    suspended = await t.createUser(['supervisor'], { username: 'matrix.suspended', jobTitle: 'Crime analyst' });
    await t.app.database.db.updateTable('users').set({ status: 'suspended', statusReason: 'test' }).where('id', '=', suspended.id).execute();
  }, 120_000);
  afterAll(async () => t?.cleanup());

  const call = (route: RouteEntry, headers: Record<string, string>) =>
    t.app.http.inject({ method: route.method as 'GET', url: urlOf(route), headers, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });

  it('every route declares a known permission, public or camera', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(isPermission(route.access) || route.access === 'public' || route.access === 'camera', `${route.method} ${route.url}: ${route.access}`).toBe(true);
  });

  it('refuses every non-public route when signed out (401)', async () => {
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const response = await call(route, {});
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses a suspended user everywhere but public routes', async () => {
    for (const route of routes.filter((r) => r.access !== 'public' && r.access !== 'camera')) {
      const response = await call(route, suspended.headers);
      expect([401, 403], `${route.method} ${route.url}`).toContain(response.statusCode);
    }
  });

  it('gives an untrained user the permissions of their role, and refuses them ALPR data at the gate (R15)', async () => {
    const untrained = users.get('analyst')!;
    const eligibility = (await t.app.http.inject({ method: 'GET', url: '/api/v1/purposes/eligibility', headers: untrained.headers })).json() as { ok: boolean; refusal: { id: string } | null };
    expect(eligibility.ok).toBe(false);
    expect(eligibility.refusal?.id).toMatch(/^training_|job_title_not_authorized|no_data_sources/);
  });

  it.each(ROLES)('lets %s use exactly the routes its permissions name', async (role) => {
    const user = users.get(role)!;
    for (const route of routes.filter((r) => isPermission(r.access) && !endsSession(r))) {
      const granted = rolesGrant([role], route.access as keyof typeof PERMISSIONS);
      const response = await call(route, user.headers);
      const id = response.headers['content-type']?.toString().startsWith('application/json') ? (response.json() as { error?: { id?: string } }).error?.id : undefined;
      if (granted) expect(id, `${role} should reach ${route.method} ${route.url} (got ${response.statusCode} ${id})`).not.toBe('permission_denied');
      else expect([response.statusCode, id], `${role} must be refused ${route.method} ${route.url}`).toEqual([403, 'permission_denied']);
      expect(response.statusCode, `${role} ${route.method} ${route.url}`).not.toBe(401);
    }
  });
});
