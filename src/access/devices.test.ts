// Agency devices over HTTP on both backends (R19): with the requirement on, sign-in needs an
// enrolled device (cookie pk_device) and records it on the session; revoking a device ends its
// sessions; with the requirement off, any browser may sign in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { profileWithAccess } from '../../test/profile.fixtures.js';
import { FakeClock, HOUR } from '../platform/clock.js';
import { sessionIdOf } from './sessions.js';

interface Issued {
  device: { id: string; status: string; approvedBy: string | null };
  enrollmentCode: string;
  enrollmentExpiresAt: number;
}

describe.each(DIALECTS)('agency devices required, on %s', (dialect) => {
  let t: TestApp;
  const clock = new FakeClock('2026-05-04T08:00:00Z');
  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) =>
    t.app.http.inject({ method, url, headers: { 'x-platekeeper-token': 'body', ...headers }, ...(payload ? { payload } : {}) });
  const register = async (identifier: string) => {
    const response = await inject('POST', '/api/v1/devices', t.admin, { name: `MDC ${identifier}`, kind: 'mobile_data_computer', identifier });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Issued;
  };
  const enroll = async (code: string) => {
    const response = await inject('POST', '/api/v1/devices/enroll', {}, { code });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'pk_device')!;
    return { cookie: `pk_device=${cookie.value}`, raw: response.headers['set-cookie'] as string };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
  });
  afterAll(async () => t?.cleanup());

  it('refuses sign-in from a browser that is not an enrolled device, before checking the password', async () => {
    expect(t.app.firstDevice).toBeDefined(); // the first-start code the testkit enrolled with
    for (const password of [t.adminUser.password, 'wrong password entirely']) {
      const response = await inject('POST', '/api/v1/auth/sign-in', {}, { username: 'admin', password });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { id: 'agency_device_required' } });
    }
    expect((await inject('POST', '/api/v1/auth/sign-in', { cookie: 'pk_device=pkd_forged' }, { username: 'admin', password: t.adminUser.password })).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/auth/sign-in', t.browser(), { username: 'admin', password: t.adminUser.password })).json()).toMatchObject({ step: 'totp' });
    expect((await inject('GET', '/api/v1/auth/device', {})).json()).toEqual({ required: true, device: null });
    expect((await inject('GET', '/api/v1/auth/device', t.browser())).json()).toMatchObject({ required: true, device: { kind: 'workstation' } });
  });

  it('registers a device, enrolls it once with its code, records it on sessions, and revoking it ends them', async () => {
    const issued = await register('ASSET-1001');
    expect(issued.device).toMatchObject({ status: 'awaiting_enrollment', approvedBy: 'admin' });
    expect(issued.enrollmentCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await inject('POST', '/api/v1/devices', t.admin, { name: 'Again', kind: 'laptop', identifier: 'ASSET-1001' })).json()).toMatchObject({ error: { id: 'device_identifier_taken' } });

    const { cookie, raw } = await enroll(issued.enrollmentCode.toLowerCase().replace(/-/g, ''));
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/Path=\/api\/v1\/auth/);
    expect(raw).toMatch(/SameSite=Strict/);
    // The code works once.
    const twice = await inject('POST', '/api/v1/devices/enroll', {}, { code: issued.enrollmentCode });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ error: { id: 'invalid_enrollment_code', field: 'code' } });

    const officer = await t.createUser(['officer']);
    const signIn = await inject('POST', '/api/v1/auth/sign-in', { cookie }, { username: officer.username, password: officer.password });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const verified = await inject('POST', '/api/v1/auth/mfa/verify', { authorization: `Bearer ${(signIn.json() as { token: string }).token}` }, { code: t.totpCode(officer.totpSecret) });
    const token = (verified.json() as { token: string }).token;
    const session = await t.app.database.db.selectFrom('sessions').select(['deviceId', 'signinStep']).where('id', '=', sessionIdOf(token)).executeTakeFirstOrThrow();
    expect(session).toEqual({ deviceId: issued.device.id, signinStep: 'done' });
    const listed = (await inject('GET', '/api/v1/devices', t.admin)).json() as { devices: { id: string; status: string; lastSeenAt: number | null }[] };
    expect(listed.devices.find((d) => d.id === issued.device.id)).toMatchObject({ status: 'enrolled', lastSeenAt: clock.now().getTime() });

    const revoked = await inject('POST', `/api/v1/devices/${issued.device.id}/revoke`, t.admin);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: 'admin' });
    expect((await inject('GET', '/api/v1/auth/me', { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    expect((await inject('POST', '/api/v1/auth/sign-in', { cookie }, { username: officer.username, password: officer.password })).json()).toMatchObject({ error: { id: 'agency_device_required' } });
    // Sessions on other devices go on.
    expect((await inject('GET', '/api/v1/auth/me', officer.headers)).statusCode).toBe(200);
    const log = await t.app.database.db.selectFrom('accessLog').select('action').where('action', 'like', 'device.%').orderBy('seq').execute();
    expect(log.map((row) => row.action)).toEqual(expect.arrayContaining(['device.register', 'device.enroll', 'device.revoke']));
  });

  it('refuses an expired enrollment code, and a new code enrolls the device', async () => {
    const issued = await register('ASSET-2002');
    clock.advance(73 * HOUR);
    await t.refreshAdmin();
    expect((await inject('POST', '/api/v1/devices/enroll', {}, { code: issued.enrollmentCode })).json()).toMatchObject({ error: { id: 'invalid_enrollment_code' } });
    const again = await inject('POST', `/api/v1/devices/${issued.device.id}/enrollment-code`, t.admin);
    expect(again.statusCode, again.body).toBe(200);
    await enroll((again.json() as Issued).enrollmentCode);
  });

  it('lets only administrators manage devices', async () => {
    const supervisor = await t.createUser(['supervisor']);
    expect((await inject('GET', '/api/v1/devices', supervisor.headers)).json()).toMatchObject({ error: { id: 'permission_denied' } });
    expect((await inject('POST', '/api/v1/devices', supervisor.headers, { name: 'x', kind: 'phone', identifier: 'x' })).statusCode).toBe(403);
  });
});

describe.each(DIALECTS)('agency devices not required, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { profile: profileWithAccess({ agencyDevicesOnly: false }) });
  });
  afterAll(async () => t?.cleanup());

  it('signs in from any browser, and still records an enrolled device when there is one', async () => {
    expect(t.app.firstDevice).toBeUndefined();
    expect(t.deviceCookie).toBeUndefined();
    const plain = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'admin', password: t.adminUser.password } });
    expect(plain.json()).toMatchObject({ step: 'totp' });

    const issued = (await t.app.http.inject({ method: 'POST', url: '/api/v1/devices', headers: t.admin, payload: { name: 'Desk 4', kind: 'workstation', identifier: 'WS-4' } })).json() as Issued;
    const enrolled = await t.app.http.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: issued.enrollmentCode } });
    const cookie = `pk_device=${enrolled.cookies.find((c) => c.name === 'pk_device')!.value}`;
    const withDevice = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { cookie, 'x-platekeeper-token': 'body' }, payload: { username: 'admin', password: t.adminUser.password } });
    const token = (withDevice.json() as { token: string }).token;
    const session = await t.app.database.db.selectFrom('sessions').select('deviceId').where('id', '=', sessionIdOf(token)).executeTakeFirstOrThrow();
    expect(session.deviceId).toBe(issued.device.id);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/device' })).json()).toEqual({ required: false, device: null });
  });
});
