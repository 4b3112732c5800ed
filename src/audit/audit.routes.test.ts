// The access log over HTTP on both backends (R25, R27; invariant 4): administrative changes and
// sign-ins land in it, auditors browse, filter and download it, the chain verifies, and only the
// roles holding audit.view / audit.export get in. Looking at the log is logged too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';

interface EntryView {
  seq: number;
  category: string;
  action: string;
  actorUsername: string;
  dataElements: Record<string, unknown>;
  beforeValue: unknown;
  afterValue: unknown;
  resultCount: number | null;
  clientAddress: string | null;
}

describe.each(DIALECTS)('audit routes on %s', (dialect) => {
  let t: TestApp;
  const as: Record<string, { authorization: string }> = {};
  let officer: TestUser;
  let cameraId: string;

  const get = (url: string, headers = as.auditor) => t.app.http.inject({ method: 'GET', url, ...(headers ? { headers } : {}) });
  const entries = async (query: string, headers = as.auditor) => {
    const response = await get(`/api/v1/audit/access-log${query}`, headers);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { entries: EntryView[]; nextCursor: number | null };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    as.admin = t.admin;
    as.auditor = (await t.createUser(['auditor'], { username: 'avery.auditor' })).headers;
    as.custodian = (await t.createUser(['custodian'], { username: 'casey.custodian' })).headers;
    officer = await t.createUser(['officer'], { username: 'olive.officer' });
    as.officer = officer.headers;
    cameraId = (await t.registerCamera({ name: 'Main St & 2nd Ave NB' })).id;
    expect((await t.app.http.inject({ method: 'PATCH', url: `/api/v1/cameras/${cameraId}`, headers: t.admin, payload: { name: 'Main St & 2nd Ave SB' } })).statusCode).toBe(200);
    const wrong = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { ...t.browser(), 'user-agent': 'curl/8' }, payload: { username: 'olive.officer', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
  });
  afterAll(async () => t?.cleanup());

  it('records sign-ins, failed ones with the username tried and why', async () => {
    const { entries: auth } = await entries('?action=auth.sign_in');
    expect(auth.map((entry) => [entry.action, entry.actorUsername])).toEqual([
      ['auth.sign_in_failed', 'olive.officer'],
      ['auth.sign_in', 'olive.officer'],
      ['auth.sign_in', 'casey.custodian'],
      ['auth.sign_in', 'avery.auditor'],
      ['auth.sign_in', 'admin'],
    ]);
    expect(auth.every((entry) => entry.category === 'auth')).toBe(true);
    expect(auth[0]).toMatchObject({ dataElements: { outcome: 'failure', failure: 'unauthenticated' }, clientAddress: '127.0.0.1' });
    expect(auth[1]).toMatchObject({ dataElements: { outcome: 'success', step: expect.any(String) } });
    expect(JSON.stringify(auth)).not.toContain('not the password');
  });

  it('records administrative changes with before and after values, never a secret', async () => {
    const { entries: users } = await entries('?action=user.create');
    expect(users.map((entry) => [entry.actorUsername, (entry.afterValue as { username: string }).username])).toEqual([
      ['admin', 'olive.officer'],
      ['admin', 'casey.custodian'],
      ['admin', 'avery.auditor'],
      ['system', 'admin'], // the bootstrap administrator
    ]);
    expect(users.every((entry) => entry.category === 'admin_change' && entry.beforeValue === null)).toBe(true);
    const { entries: changes } = await entries('?action=camera.');
    expect(changes.map((entry) => [entry.action, entry.actorUsername])).toEqual([
      ['camera.update', 'admin'],
      ['camera.register', 'admin'],
    ]);
    const [update, register] = changes;
    expect(update).toMatchObject({ dataElements: { cameraId }, beforeValue: { name: 'Main St & 2nd Ave NB' }, afterValue: { name: 'Main St & 2nd Ave SB' } });
    expect(register).toMatchObject({ beforeValue: null, afterValue: { id: cameraId, placement: 'public_view' } });
    expect(JSON.stringify([...users, ...changes])).not.toMatch(/pkc_|passwordHash|Temp-/);

    const issued = await t.app.http.inject({ method: 'POST', url: `/api/v1/cameras/${cameraId}/keys`, headers: t.admin, payload: { label: 'spare' } });
    const { keyId } = issued.json() as { keyId: string };
    expect((await t.app.http.inject({ method: 'DELETE', url: `/api/v1/cameras/${cameraId}/keys/${keyId}`, headers: t.admin })).statusCode).toBe(204);
    const { entries: keys } = await entries('?action=camera.key_');
    expect(keys.map((entry) => entry.action)).toEqual(['camera.key_revoke', 'camera.key_issue']);
    expect(keys[0]).toMatchObject({ beforeValue: { id: keyId, revokedAt: null }, afterValue: { id: keyId, revokedAt: expect.any(String) } });
    expect(keys[1]).toMatchObject({ afterValue: { keyId, label: 'spare' } });
  });

  it('filters, pages with a cursor and logs each view', async () => {
    const before = await entries('?username=admin&limit=2');
    expect(before.entries).toHaveLength(2);
    expect(before.entries.every((entry) => entry.actorUsername === 'admin')).toBe(true);
    const next = await entries(`?username=admin&limit=2&before=${before.nextCursor}`);
    expect(next.entries[0]!.seq).toBeLessThan(before.entries[1]!.seq);

    const views = await entries('?action=audit.view&username=avery.auditor', as.custodian);
    expect(views.entries.length).toBeGreaterThanOrEqual(4);
    expect(views.entries[0]).toMatchObject({ category: 'system', action: 'audit.view', dataElements: { filter: { username: 'admin' }, before: before.nextCursor }, resultCount: 2 });
    expect((await entries('?plate=7%20abc-123')).entries).toEqual([]);
    expect((await get('/api/v1/audit/access-log?category=everything')).statusCode).toBe(400);
    expect((await get('/api/v1/audit/access-log?from=2026-11-23T08:00:00Z&to=2026-11-23T07:00:00Z')).json()).toMatchObject({ error: { id: 'invalid_time_range' } });
  });

  it('downloads the log as CSV with a header and every matching row, and logs the export', async () => {
    const response = await get('/api/v1/audit/access-log.csv?category=admin_change&action=camera.');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="access-log-.*\.csv"$/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^seq,id,at,category,action,actor_user_id,actor_username,/);
    expect(lines.slice(1).every((line) => line.includes(',admin_change,camera.'))).toBe(true);
    expect(lines).toHaveLength(1 + 4); // register, update, key issue, key revoke
    const { entries: exports } = await entries('?action=audit.export');
    expect(exports[0]).toMatchObject({ actorUsername: 'avery.auditor', resultCount: 4 });
  });

  it('verifies the chain', async () => {
    const response = await get('/api/v1/audit/verify');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, entries: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await t.app.accessLog.verify()).toMatchObject({ ok: true });
  });

  it.each([
    ['an officer', 'officer', '/api/v1/audit/access-log', 403],
    ['an officer', 'officer', '/api/v1/audit/access-log.csv', 403],
    ['an officer', 'officer', '/api/v1/audit/verify', 403],
    ['the administrator', 'admin', '/api/v1/audit/access-log.csv', 403],
    ['the administrator', 'admin', '/api/v1/audit/access-log', 200],
    ['the custodian', 'custodian', '/api/v1/audit/access-log.csv', 200],
  ])('answers %s (%s) on %s with %i', async (_who, role, url, status) => {
    const response = await get(url, as[role]);
    expect(response.statusCode).toBe(status);
    if (status === 403) expect(response.json()).toMatchObject({ error: { id: 'permission_denied' } });
  });

  it('refuses without a session', async () => {
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/audit/access-log' })).statusCode).toBe(401);
  });
});
