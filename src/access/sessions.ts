// Session tokens: 256-bit random bearer tokens. Only their SHA-256 is stored, so a copy of the
// database cannot be used to sign in. Idle timeout and absolute lifetime come from the profile.
import { createHash } from 'node:crypto';
import { newSecret } from '../platform/ids.js';

export const SESSION_COOKIE = 'pk_session';

export const newSessionToken = (): string => `pks_${newSecret(32)}`;
export const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Reads the session token from `Authorization: Bearer …` or the session cookie. */
export function tokenFrom(headers: { authorization?: string | undefined; cookie?: string | undefined }): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer pks_')) return auth.slice('Bearer '.length).trim();
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (): string => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;

/**
 * What a sign-in step answers: the session token travels in the HttpOnly cookie; the JSON body
 * carries it too only for API clients that ask with `X-Platekeeper-Token: body`, so a script in a
 * browser page never sees it.
 */
export function presentSession<T extends { token: string }>(headers: Record<string, string | string[] | undefined>, result: T): Omit<T, 'token'> & { token?: string } {
  if (headers['x-platekeeper-token'] === 'body') return result;
  const { token: _token, ...rest } = result;
  return rest;
}
