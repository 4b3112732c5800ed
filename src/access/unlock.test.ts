// An administrator can lift a lockout after repeated failed sign-ins (R14), and it is logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';

describe('unlocking an account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('locks after five failures and opens again when an administrator unlocks', async () => {
    const user = await t.createUser(['officer'], { username: 'locked.officer' });
    const signIn = (password: string) => t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: t.browser(), payload: { username: user.username, password } });
    for (let i = 0; i < 5; i++) expect((await signIn('wrong password entirely')).statusCode).toBe(401);
    const locked = await signIn(user.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.id).toBe('account_locked');

    const officer = await t.createUser(['officer'], { username: 'not.an.admin' });
    expect((await t.app.http.inject({ method: 'POST', url: `/api/v1/users/${user.id}/unlock`, headers: officer.headers })).statusCode).toBe(403);
    expect((await t.app.http.inject({ method: 'POST', url: `/api/v1/users/${user.id}/unlock`, headers: t.admin })).statusCode).toBe(200);
    expect((await signIn(user.password)).statusCode).toBe(200);
    const actions = (await t.app.database.db.selectFrom('accessLog').select('action').execute()).map((row) => row.action);
    expect(actions).toContain('user.unlock');
  });
});
