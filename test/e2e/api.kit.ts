// What the Chromium e2e tests share besides the page helpers in web.kit.ts: the browser itself
// (a missing Chromium skips them, or fails them where CI sets PLATEKEEPER_REQUIRE_CHROMIUM), and a
// small API client for the setup an administrator would do in other rooms (token in the body via
// X-Platekeeper-Token, the agency device's cookie along).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { totpCode } from './web.kit.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.PLATEKEEPER_REQUIRE_CHROMIUM) throw new Error(`PLATEKEEPER_REQUIRE_CHROMIUM is set but there is no Chromium at ${CHROMIUM}.`);

/** Headless Chromium with the flags this machine needs (no sandbox, GPU, background network). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', ...extraArgs] });
}

export class Api {
  token = '';
  constructor(
    private readonly base: string,
    readonly deviceCookie: string,
  ) {}

  /** A call that must succeed (status < 300); a string body goes as is, with `contentType`. */
  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const response = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        'x-platekeeper-token': 'body',
        cookie: this.deviceCookie,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** Enrolls an agency device with the start's enrollment code; returns its cookie value. */
export async function enrollDeviceCookie(base: string, code: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const cookie = /pk_device=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`device enrollment set no cookie: ${response.status} ${await response.text()}`);
  return cookie;
}

/** First sign-in through the API: password, authenticator, password change. Returns the TOTP secret. */
export async function firstSignIn(api: Api, username: string, password: string, newPassword: string): Promise<string> {
  api.token = (await api.call<{ token: string }>('POST', '/auth/sign-in', { username, password })).token;
  const { secret } = await api.call<{ secret: string }>('POST', '/auth/mfa/enroll');
  api.token = (await api.call<{ token: string }>('POST', '/auth/mfa/confirm', { code: totpCode(secret) })).token;
  await api.call('POST', '/auth/password', { currentPassword: password, newPassword });
  return secret;
}
