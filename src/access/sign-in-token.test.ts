// The session token stays in the HttpOnly cookie for browsers; only API clients that ask get it in
// the body (R14, R42).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';

describe('where the session token goes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('answers a browser with the cookie only, and an API client that asks with the token too', async () => {
    const signIn = (headers: Record<string, string>) =>
      t.app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { ...t.browser(), ...headers }, payload: { username: 'admin', password: t.adminUser.password } });
    const browser = await signIn({});
    expect(browser.statusCode).toBe(200);
    expect(browser.json()).not.toHaveProperty('token');
    expect(String(browser.headers['set-cookie'])).toMatch(/pk_session=pks_[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const api = await signIn({ 'x-platekeeper-token': 'body' });
    expect(api.json().token).toMatch(/^pks_/);
  });
});
