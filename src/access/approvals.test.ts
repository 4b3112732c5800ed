// Changes that loosen protection take a second administrator (issue: accounts); the authorized job
// titles are the Administrator's list, seeded from the profile (R16).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';

describe.each(DIALECTS)('two-administrator approvals on %s', (dialect) => {
  let t: TestApp;
  let second: TestUser;
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const actions = async () => (await t.app.database.db.selectFrom('accessLog').select('action').orderBy('seq').execute()).map((row) => row.action);

  beforeAll(async () => {
    t = await startTestApp(dialect, { profile: 'los-altos-pd' });
    // One administrator exists, so there is nobody to ask: the first extra administrator is granted at once.
    second = await t.createUser(['administrator'], { username: 'second.admin', jobTitle: 'Sworn police officer' });
  });
  afterAll(async () => t?.cleanup());

  it('lets the sole administrator make a second one, then needs two for a third', async () => {
    expect((await t.app.access.me(second.id)).roles).toContain('administrator');
    const officer = await t.createUser(['officer'], { username: 'future.admin', jobTitle: 'Sworn police officer' });
    const asked = await inject('PUT', `/api/v1/users/${officer.id}/roles`, t.admin, { roles: ['officer', 'administrator'] });
    expect(asked.statusCode).toBe(200);
    const { pending } = asked.json() as { pending: { id: string; status: string } };
    expect(pending.status).toBe('pending');
    expect((await t.app.access.me(officer.id)).roles).toEqual(['officer']);

    const self = await inject('POST', `/api/v1/approvals/${pending.id}/approve`, t.admin);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.id).toBe('second_administrator_required');

    const approved = await inject('POST', `/api/v1/approvals/${pending.id}/approve`, second.headers);
    expect(approved.statusCode).toBe(200);
    expect((await t.app.access.me(officer.id)).roles).toEqual(['administrator', 'officer']);
    expect((await inject('POST', `/api/v1/approvals/${pending.id}/approve`, second.headers)).json().error.id).toBe('change_already_decided');
    expect(await actions()).toEqual(expect.arrayContaining(['approval.request', 'approval.approve', 'user.roles']));
  });

  it('holds back the administrator role on a new account until approved, and applies removals at once', async () => {
    const created = await inject('POST', '/api/v1/users', t.admin, { username: 'new.admin', displayName: 'New Admin', jobTitle: 'Crime analyst', roles: ['analyst', 'administrator'], password: 'a long enough passphrase 9' });
    expect(created.statusCode).toBe(201);
    expect(created.json().roles).toEqual(['analyst']);
    const pending = (await inject('GET', '/api/v1/approvals?status=pending', t.admin)).json().changes as { id: string; kind: string }[];
    expect(pending.map((change) => change.kind)).toContain('user.grant_administrator');
    const denied = await inject('POST', `/api/v1/approvals/${pending[0]!.id}/deny`, second.headers, { reason: 'not needed for an analyst' });
    expect(denied.json()).toMatchObject({ status: 'denied', decidedBy: 'second.admin' });

    const narrowed = await inject('PUT', `/api/v1/users/${created.json().id}/roles`, t.admin, { roles: ['auditor'] });
    expect(narrowed.json()).toMatchObject({ roles: ['auditor'], pending: null });
  });

  it('keeps the job titles: seeded from the profile, added with approval, removed at once (R16)', async () => {
    const list = async () => (await inject('GET', '/api/v1/access/job-titles', t.admin)).json().titles as string[];
    expect(await list()).toEqual(expect.arrayContaining(['Sworn police officer', 'Crime analyst']));

    const asked = await inject('POST', '/api/v1/access/job-titles', t.admin, { title: 'Parking enforcement officer' });
    expect(asked.statusCode).toBe(202);
    expect(await list()).not.toContain('Parking enforcement officer');
    await inject('POST', `/api/v1/approvals/${asked.json().id}/approve`, second.headers);
    expect(await list()).toContain('Parking enforcement officer');

    const analyst = await t.createUser(['analyst'], { username: 'title.analyst', jobTitle: 'Crime analyst' });
    expect((await inject('DELETE', `/api/v1/access/job-titles/${encodeURIComponent('crime ANALYST')}`, t.admin)).statusCode).toBe(204);
    expect(await list()).not.toContain('Crime analyst');
    const eligibility = (await inject('GET', '/api/v1/purposes/eligibility', analyst.headers)).json() as { ok: boolean; refusal: { id: string } };
    expect(eligibility).toMatchObject({ ok: false, refusal: { id: 'job_title_not_authorized' } });
  });
});
