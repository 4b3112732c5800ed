// Second factors over HTTP on both backends (R19), with a fake clock and real TOTP codes computed by
// otpauth: enrollment, sign-in, wrong and replayed codes, drift, recovery codes, lockout, reset, and
// what a session that has not finished signing in may reach.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { profileWithAccess } from '../../test/profile.fixtures.js';
import { FakeClock } from '../platform/clock.js';

const PASSWORD = 'Initial-Password-2026';
const codeAt = (secret: string, at: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface SignInBody {
  step: 'enroll' | 'totp' | 'done';
  token: string;
  user: { id: string; mustChangePassword: boolean; secondFactorEnrolled: boolean };
}

describe.each(DIALECTS)('second factor on %s', (dialect) => {
  let t: TestApp;
  const clock = new FakeClock('2026-03-02T10:00:00Z');
  const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.http.inject({ method: 'POST', url, headers: { ...t.browser(), 'x-platekeeper-token': 'body', ...headers }, ...(payload ? { payload } : {}) });
  const get = (url: string, headers: Record<string, string>) => t.app.http.inject({ method: 'GET', url, headers });
  const signIn = async (username: string, password: string) => {
    const response = await post('/api/v1/auth/sign-in', { username, password });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as SignInBody;
  };
  let counter = 0;
  const newAccount = async (roles: string[] = ['supervisor']) => {
    const username = `mfa.user${++counter}`;
    const created = await post('/api/v1/users', { username, displayName: username, jobTitle: 'Crime analyst', roles, password: PASSWORD }, t.admin);
    expect(created.statusCode, created.body).toBe(201);
    return username;
  };
  /** A fully enrolled account with a changed password; returns its secret and recovery codes. */
  const enrolledAccount = async () => {
    const username = await newAccount();
    const first = await signIn(username, PASSWORD);
    const secret = ((await post('/api/v1/auth/mfa/enroll', undefined, bearer(first.token))).json() as { secret: string }).secret;
    const confirmed = (await post('/api/v1/auth/mfa/confirm', { code: codeAt(secret, clock.now().getTime()) }, bearer(first.token))).json() as { token: string; recoveryCodes: string[] };
    const password = 'Changed-Password-2026';
    expect((await post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: password }, bearer(confirmed.token))).statusCode).toBe(204);
    clock.advance(30_000); // the confirming code's step is spent
    return { username, password, secret, recoveryCodes: confirmed.recoveryCodes };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
  });
  afterAll(async () => t?.cleanup());

  it('enrolls with a real TOTP code, then signs in with password and code (R19)', async () => {
    const username = await newAccount();
    const first = await signIn(username, PASSWORD);
    expect(first).toMatchObject({ step: 'enroll', user: { mustChangePassword: true, secondFactorEnrolled: false } });
    const pending = bearer(first.token);

    // Before the second factor: no data routes, not even for a role that holds their permission.
    const refused = await get('/api/v1/cameras', pending);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { id: 'second_factor_required' } });
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(/mfa\/enroll/);
    expect((await get('/api/v1/auth/me', pending)).json()).toMatchObject({ signinStep: 'enroll', user: { username } });

    const enrollment = await post('/api/v1/auth/mfa/enroll', undefined, pending);
    expect(enrollment.statusCode, enrollment.body).toBe(200);
    const { secret, uri } = enrollment.json() as { secret: string; uri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(new RegExp(`^otpauth://totp/.*${username}\\?.*secret=${secret}`));

    const confirmed = await post('/api/v1/auth/mfa/confirm', { code: codeAt(secret, clock.now().getTime()) }, pending);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const done = confirmed.json() as SignInBody & { recoveryCodes: string[] };
    expect(done.step).toBe('done');
    expect(done.recoveryCodes).toHaveLength(10);
    expect(new Set(done.recoveryCodes).size).toBe(10);
    expect(done.token).not.toBe(first.token);
    expect(confirmed.headers['set-cookie']).toMatch(/^pk_session=.*HttpOnly/);
    expect((await get('/api/v1/auth/me', pending)).statusCode).toBe(401); // the pending session ended

    // The temporary password comes next, then data routes open.
    const full = bearer(done.token);
    expect((await get('/api/v1/cameras', full)).json()).toMatchObject({ error: { id: 'password_change_required' } });
    expect((await post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Changed-Password-2026' }, full)).statusCode).toBe(204);
    expect((await get('/api/v1/cameras', full)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/mfa/enroll', undefined, full)).json()).toMatchObject({ error: { id: 'second_factor_already_enrolled' } });

    // Signing in again asks for a code.
    clock.advance(60_000);
    const again = await signIn(username, 'Changed-Password-2026');
    expect(again.step).toBe('totp');
    expect((await get('/api/v1/cameras', bearer(again.token))).json()).toMatchObject({ error: { id: 'second_factor_required' } });
    // With a second factor enrolled, the password cannot be changed with the password alone.
    expect((await post('/api/v1/auth/password', { currentPassword: 'Changed-Password-2026', newPassword: 'Hijacked-Password-2026' }, bearer(again.token))).json()).toMatchObject({ error: { id: 'second_factor_required' } });
    const verified = await post('/api/v1/auth/mfa/verify', { code: codeAt(secret, clock.now().getTime()) }, bearer(again.token));
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ step: 'done', recoveryCodesLeft: 10 });
    expect((await get('/api/v1/cameras', bearer((verified.json() as SignInBody).token))).statusCode).toBe(200);
  });

  it('refuses a wrong code with a clear error', async () => {
    const account = await enrolledAccount();
    const pending = bearer((await signIn(account.username, account.password)).token);
    const wrong = await post('/api/v1/auth/mfa/verify', { code: '000000' === codeAt(account.secret, clock.now().getTime()) ? '111111' : '000000' }, pending);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { id: 'wrong_code', field: 'code' } });
    expect((await post('/api/v1/auth/mfa/verify', { code: 'abcdef' }, pending)).json()).toMatchObject({ error: { id: 'wrong_code' } });
    expect((await post('/api/v1/auth/mfa/verify', {}, pending)).json()).toMatchObject({ error: { id: 'code_or_recovery_code' } });
    // The session is still waiting for the right code.
    expect((await post('/api/v1/auth/mfa/verify', { code: codeAt(account.secret, clock.now().getTime()) }, pending)).statusCode).toBe(200);
  });

  it('refuses a replayed code and accepts one step of drift (RFC 6238 §5.2)', async () => {
    const account = await enrolledAccount();
    const usedAt = clock.now().getTime();
    const code = codeAt(account.secret, usedAt);
    expect((await post('/api/v1/auth/mfa/verify', { code }, bearer((await signIn(account.username, account.password)).token))).statusCode).toBe(200);

    // The same code again, within its window: refused as a replay.
    const replay = await post('/api/v1/auth/mfa/verify', { code }, bearer((await signIn(account.username, account.password)).token));
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: { id: 'code_already_used', field: 'code' } });

    // One step later the previous step's code is still within drift, but it was used: refused.
    clock.advance(30_000);
    const pending = bearer((await signIn(account.username, account.password)).token);
    expect((await post('/api/v1/auth/mfa/verify', { code }, pending)).json()).toMatchObject({ error: { id: 'code_already_used' } });

    // A phone a step behind: accepted. Two steps behind: refused.
    clock.advance(90_000);
    expect((await post('/api/v1/auth/mfa/verify', { code: codeAt(account.secret, clock.now().getTime() - 60_000) }, pending)).json()).toMatchObject({ error: { id: 'wrong_code' } });
    expect((await post('/api/v1/auth/mfa/verify', { code: codeAt(account.secret, clock.now().getTime() - 30_000) }, pending)).statusCode).toBe(200);
  });

  it('accepts each recovery code once, however it is typed', async () => {
    const account = await enrolledAccount();
    const [firstCode] = account.recoveryCodes;
    expect(firstCode).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    const typed = ` ${firstCode!.toUpperCase().replace(/-/g, ' ')} `;
    const used = await post('/api/v1/auth/mfa/verify', { recoveryCode: typed }, bearer((await signIn(account.username, account.password)).token));
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toMatchObject({ step: 'done', recoveryCodesLeft: 9 });

    const again = await post('/api/v1/auth/mfa/verify', { recoveryCode: firstCode }, bearer((await signIn(account.username, account.password)).token));
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { id: 'wrong_recovery_code', field: 'recoveryCode' } });
    const status = await get('/api/v1/auth/mfa', bearer((used.json() as SignInBody).token));
    expect(status.json()).toMatchObject({ enrolled: true, recoveryCodesLeft: 9 });
  });

  it('counts wrong codes toward the lockout, and a correct password does not reset the count (R14)', async () => {
    const account = await enrolledAccount();
    let pending = bearer((await signIn(account.username, account.password)).token);
    for (let i = 0; i < 2; i++) expect((await post('/api/v1/auth/mfa/verify', { code: 'abcdef' }, pending)).statusCode).toBe(400);
    pending = bearer((await signIn(account.username, account.password)).token); // the password again…
    for (let i = 0; i < 2; i++) expect((await post('/api/v1/auth/mfa/verify', { code: 'abcdef' }, pending)).statusCode).toBe(400);
    const fifth = await post('/api/v1/auth/mfa/verify', { code: 'abcdef' }, pending); // …does not buy more guesses
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ error: { id: 'account_locked' } });
    expect((await get('/api/v1/auth/me', pending)).statusCode).toBe(401); // its sessions ended
    const locked = await post('/api/v1/auth/sign-in', { username: account.username, password: account.password });
    expect(locked.statusCode).toBe(423);

    clock.advance(16 * 60_000);
    const after = await signIn(account.username, account.password);
    expect((await post('/api/v1/auth/mfa/verify', { code: codeAt(account.secret, clock.now().getTime()) }, bearer(after.token))).statusCode).toBe(200);
  });

  it('lets an administrator reset a second factor; the user enrolls again', async () => {
    const account = await enrolledAccount();
    const session = await post('/api/v1/auth/mfa/verify', { code: codeAt(account.secret, clock.now().getTime()) }, bearer((await signIn(account.username, account.password)).token));
    const full = bearer((session.json() as SignInBody).token);
    const userId = (session.json() as SignInBody).user.id;

    const byUser = await post(`/api/v1/users/${userId}/mfa/reset`, undefined, full);
    expect(byUser.json()).toMatchObject({ error: { id: 'permission_denied' } });
    expect((await post(`/api/v1/users/${userId}/mfa/reset`, undefined, t.admin)).statusCode).toBe(204);
    expect((await get('/api/v1/auth/me', full)).statusCode).toBe(401); // sessions ended
    const next = await signIn(account.username, account.password);
    expect(next).toMatchObject({ step: 'enroll', user: { secondFactorEnrolled: false } });
    const logged = await t.app.database.db.selectFrom('accessLog').select(['action', 'actorUsername']).where('action', '=', 'user.second_factor_reset').execute();
    expect(logged).toEqual([{ action: 'user.second_factor_reset', actorUsername: 'admin' }]);
  });

  it('refuses verify for a session that has nothing to verify', async () => {
    const username = await newAccount();
    const pending = bearer((await signIn(username, PASSWORD)).token);
    expect((await post('/api/v1/auth/mfa/verify', { code: '123456' }, pending)).json()).toMatchObject({ error: { id: 'second_factor_not_enrolled' } });
    expect((await post('/api/v1/auth/mfa/confirm', { code: '123456' }, pending)).json()).toMatchObject({ error: { id: 'enrollment_not_started' } });
    expect((await post('/api/v1/auth/mfa/verify', { code: '123456' }, t.admin)).json()).toMatchObject({ error: { id: 'second_factor_already_verified' } });
  });
});

describe.each(DIALECTS)('a profile without the two-factor requirement on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { profile: profileWithAccess({ twoFactorRequired: false, agencyDevicesOnly: false }) });
  });
  afterAll(async () => t?.cleanup());

  it('signs a user without a second factor in with the password alone, and one with a second factor still asks for it', async () => {
    const created = await t.app.http.inject({ method: 'POST', url: '/api/v1/users', headers: t.admin, payload: { username: 'single.factor', displayName: 'S', jobTitle: 'Crime analyst', roles: ['supervisor'], password: PASSWORD } });
    expect(created.statusCode).toBe(201);
    const signIn = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'single.factor', password: PASSWORD } });
    expect(signIn.json()).toMatchObject({ step: 'done' });
    // The administrator enrolled in startTestApp, so the second factor is asked for.
    const admin = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'admin', password: t.adminUser.password } });
    expect(admin.json()).toMatchObject({ step: 'totp' });
  });
});
