// The account lifecycle on both backends with a fake clock (R18; invariant 5): inactivity and
// annual-review suspensions at their exact boundaries, reinstatement (which sets needs_retraining,
// R15), leaving the agency, and job titles the profile does not authorize.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { DAY, FakeClock, MINUTE } from '../platform/clock.js';
import { JOB_TITLE_REASON } from './lifecycle.service.js';

const T0 = '2026-01-15T09:00:00Z';
const at = (iso: string) => new Date(iso).getTime();

interface UserView {
  id: string;
  status: string;
  statusCause: string | null;
  statusReason: string | null;
  needsRetraining: boolean;
  reviewDueAt: number | null;
  approvedAt: number | null;
  jobTitle: string;
}

describe.each(DIALECTS)('account lifecycle on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  const start = async (profile?: string) => {
    clock = new FakeClock(T0);
    t = await startTestApp(dialect, { clock, ...(profile ? { profile } : {}) });
    return t;
  };
  afterEach(async () => t?.cleanup());

  const userView = async (id: string): Promise<UserView> => {
    const users = (await t.app.http.inject({ method: 'GET', url: '/api/v1/users', headers: t.admin })).json() as { users: UserView[] };
    return users.users.find((user) => user.id === id)!;
  };
  const act = (user: { id: string }, action: string, payload?: object) =>
    t.app.http.inject({ method: action === 'job-title' ? 'PUT' : 'POST', url: `/api/v1/users/${user.id}/${action}`, headers: t.admin, ...(payload ? { payload } : {}) });
  /** Moves the fake clock and signs the administrator in again (their session would have expired). */
  const moveTo = async (instant: number) => {
    clock.set(new Date(instant));
    await t.refreshAdmin();
  };
  const signInStatus = async (user: TestUser) =>
    t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: t.browser(), payload: { username: user.username, password: user.password } });

  it('suspends an account unused for 12 months, not a day sooner', async () => {
    await start();
    const analyst = await t.createUser(['analyst']); // last active at T0
    clock.set(new Date(at('2027-01-14T09:00:00Z')));
    expect((await t.app.scheduler.runOnce('access.inactivity')).summary).toMatchObject({ suspended: 0 });
    const stored = await t.app.database.db.selectFrom('users').select('status').where('id', '=', analyst.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe('active');

    clock.set(new Date(at('2027-01-15T09:00:00Z'))); // exactly 12 calendar months
    const run = await t.app.scheduler.runOnce('access.inactivity');
    expect(run).toMatchObject({ ok: true, summary: { suspended: 1, skipped: 1 } }); // the last administrator is kept
    await t.refreshAdmin();
    expect(await userView(analyst.id)).toMatchObject({ status: 'suspended', statusCause: 'inactivity', statusReason: expect.stringMatching(/not used for 12 months \(last use 2026-01-15\)/) });
    const refused = await signInStatus(analyst);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { id: 'account_suspended', message: expect.stringMatching(/not used for 12 months/) } });
    expect((await t.app.database.db.selectFrom('accessLog').select('actorUsername').where('action', '=', 'user.suspend').execute())).toEqual([{ actorUsername: 'system' }]);
  });

  it('counts a never-used account from its creation, and keeps using activity as use', async () => {
    await start();
    const created = (await t.app.http.inject({ method: 'POST', url: '/api/v1/users', headers: t.admin, payload: { username: 'never.used', displayName: 'N', jobTitle: 'Crime analyst', roles: ['analyst'], password: 'Initial-Password-2026' } })).json() as { id: string };
    const busy = await t.createUser(['analyst']);
    await moveTo(at('2026-12-01T09:00:00Z'));
    await t.signInAs(busy); // used within the year
    clock.set(new Date(at('2027-01-15T09:00:00Z')));
    expect((await t.app.scheduler.runOnce('access.inactivity')).summary).toMatchObject({ suspended: 1 });
    await t.refreshAdmin();
    expect(await userView(created.id)).toMatchObject({ status: 'suspended', statusReason: expect.stringMatching(/never used since it was created 2026-01-15/) });
    expect((await userView(busy.id)).status).toBe('active');
  });

  it('suspends an account past its annual review until the administrator reinstates it, which sets needs_retraining', async () => {
    await start();
    const officer = await t.createUser(['officer']);
    expect(await userView(officer.id)).toMatchObject({ approvedAt: at(T0), reviewDueAt: at('2027-01-15T09:00:00Z'), needsRetraining: false });
    await moveTo(at('2026-12-20T09:00:00Z'));
    await t.signInAs(officer); // active, so only the review applies

    clock.set(new Date(at('2027-01-15T09:00:00Z') - MINUTE));
    expect((await t.app.scheduler.runOnce('access.approval-review')).summary).toMatchObject({ suspended: 0 });
    clock.set(new Date(at('2027-01-15T09:00:00Z')));
    expect((await t.app.scheduler.runOnce('access.approval-review')).summary).toMatchObject({ suspended: 1, skipped: 1 });
    await t.refreshAdmin();
    expect(await userView(officer.id)).toMatchObject({ status: 'suspended', statusCause: 'review_overdue' });
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: officer.headers })).statusCode).toBe(401); // sessions ended
    expect((await act(officer, 'approve')).json()).toMatchObject({ error: { id: 'user_not_active' } });

    const reinstated = await act(officer, 'reinstate');
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect(reinstated.json()).toMatchObject({ status: 'active', statusCause: null, statusReason: null, needsRetraining: true, approvedAt: at('2027-01-15T09:00:00Z'), reviewDueAt: at('2028-01-15T09:00:00Z') });
    expect((await signInStatus(officer)).statusCode).toBe(200);
    expect((await act(officer, 'reinstate')).json()).toMatchObject({ error: { id: 'user_not_suspended' } });
    // The job does not suspend a reinstated account again for its old inactivity or review.
    const rerun = await t.app.scheduler.runOnce('access.approval-review');
    expect(rerun.summary).toMatchObject({ suspended: 0 });
  });

  it('moves the review date when the administrator records the annual review', async () => {
    await start();
    const officer = await t.createUser(['officer']);
    await moveTo(at('2026-07-15T09:00:00Z'));
    expect((await act(officer, 'approve')).json()).toMatchObject({ status: 'active', reviewDueAt: at('2027-07-15T09:00:00Z') });
    await t.signInAs(officer);
    clock.set(new Date(at('2027-01-15T09:00:00Z') + DAY));
    expect((await t.app.scheduler.runOnce('access.approval-review')).summary).toMatchObject({ suspended: 0 });
  });

  it('reinstating after inactivity requires retraining and is not undone by the next run', async () => {
    await start();
    const analyst = await t.createUser(['analyst']);
    clock.set(new Date(at('2027-02-01T00:00:00Z')));
    await t.app.scheduler.runOnce('access.inactivity');
    await t.refreshAdmin();
    expect((await act(analyst, 'reinstate')).json()).toMatchObject({ status: 'active', needsRetraining: true });
    expect((await t.app.scheduler.runOnce('access.inactivity')).summary).toMatchObject({ suspended: 0 });
    expect((await userView(analyst.id)).status).toBe('active');
  });

  it('marks a user who left as deleted: sessions end, the password hash is wiped, the username stays', async () => {
    await start();
    const leaver = await t.createUser(['analyst']);
    const left = await act(leaver, 'leave');
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toMatchObject({ status: 'deleted', statusCause: 'left', secondFactorEnrolled: false });
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: leaver.headers })).statusCode).toBe(401);
    const row = await t.app.database.db.selectFrom('users').select(['username', 'passwordHash', 'status']).where('id', '=', leaver.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ username: leaver.username, passwordHash: '', status: 'deleted' });
    expect(await t.app.database.db.selectFrom('userTotp').select('userId').where('userId', '=', leaver.id).execute()).toEqual([]);
    expect((await signInStatus(leaver)).statusCode).toBe(401);
    expect(await userView(leaver.id)).toBeUndefined(); // no longer an authorized user
    expect((await act(leaver, 'leave')).json()).toMatchObject({ error: { id: 'user_left' } });
    expect((await act(leaver, 'reinstate')).json()).toMatchObject({ error: { id: 'user_left' } });
    expect((await act(t.adminUser, 'leave')).json()).toMatchObject({ error: { id: 'cannot_remove_self' } });
  });

  it('ends access on a move to a job title the profile does not authorize (R16, R18)', async () => {
    await start('los-altos-pd'); // authorizes: Sworn police officer, Crime analyst, Communications dispatcher
    const analyst = await t.createUser(['analyst'], { jobTitle: 'Crime analyst' });
    expect((await act(analyst, 'job-title', { jobTitle: 'communications dispatcher' })).json()).toMatchObject({ status: 'active', jobTitle: 'communications dispatcher' });

    const moved = await act(analyst, 'job-title', { jobTitle: 'Parking enforcement officer' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'suspended', statusCause: 'job_title', statusReason: JOB_TITLE_REASON, needsRetraining: true });
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: analyst.headers })).statusCode).toBe(401);
    expect((await act(analyst, 'reinstate')).json()).toMatchObject({ error: { id: 'job_title_not_authorized' } });

    expect((await act(analyst, 'job-title', { jobTitle: 'Sworn police officer' })).json()).toMatchObject({ status: 'suspended' }); // re-applies…
    expect((await act(analyst, 'reinstate')).json()).toMatchObject({ status: 'active', needsRetraining: true }); // …and is reinstated to retrain
    const log = await t.app.database.db.selectFrom('accessLog').select('action').where('action', 'in', ['user.job_title', 'user.suspend', 'user.reinstate']).orderBy('seq').execute();
    expect(log.map((entry) => entry.action)).toEqual(['user.job_title', 'user.suspend', 'user.job_title', 'user.job_title', 'user.reinstate']);
  });

  it('treats every title as unauthorized while the profile lists none, but never strands the last administrator', async () => {
    await start(); // ca-doj-template: authorizedJobTitles is empty
    const officer = await t.createUser(['officer']);
    expect((await act(officer, 'job-title', { jobTitle: 'Sergeant' })).json()).toMatchObject({ status: 'suspended', statusCause: 'job_title' });
    expect((await act(t.adminUser, 'job-title', { jobTitle: 'Lieutenant' })).json()).toMatchObject({ error: { id: 'last_administrator' } });
  });

  it('lets only administrators use the lifecycle routes', async () => {
    await start();
    const supervisor = await t.createUser(['supervisor']);
    const response = await t.app.http.inject({ method: 'POST', url: `/api/v1/users/${supervisor.id}/reinstate`, headers: supervisor.headers });
    expect(response.json()).toMatchObject({ error: { id: 'permission_denied' } });
  });
});
