// Device enrollment codes and device tokens (R19). A code is typed once on the device (60 random
// bits, short-lived, single use); the token it buys is 256 random bits in an HttpOnly cookie. Both
// are stored as SHA-256 only: they are random, so a slow hash adds nothing.
import { createHash, randomBytes } from 'node:crypto';
import { newSecret } from '../platform/ids.js';

export const DEVICE_COOKIE = 'pk_device';
/** Only sign-in reads the device cookie, so the browser sends it nowhere else. */
export const DEVICE_COOKIE_PATH = '/api/v1/auth';
/** Browsers keep a cookie at most about 400 days; after that the device enrolls again. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An enrollment code such as `7KQ2-M9XA-3FDP` (12 characters, 60 bits). */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[bytes[i]! & 31];
  return out.match(/.{4}/g)!.join('-');
}

export const normalizeEnrollmentCode = (typed: string): string =>
  typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');

export const hashEnrollmentCode = (typed: string): string => sha256(`code:${normalizeEnrollmentCode(typed)}`);

export const newDeviceToken = (): string => `pkd_${newSecret(32)}`;
export const hashDeviceToken = (token: string): string => sha256(`token:${token}`);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The device token from the request's cookie header, if any. */
export function deviceTokenFrom(headers: { cookie?: string | undefined }): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === DEVICE_COOKIE) {
      const value = decodeURIComponent(rest.join('='));
      return value.startsWith('pkd_') ? value : undefined;
    }
  }
  return undefined;
}

export function deviceCookie(token: string, secure: boolean): string {
  return `${DEVICE_COOKIE}=${encodeURIComponent(token)}; Path=${DEVICE_COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`;
}

export const clearedDeviceCookie = (): string => `${DEVICE_COOKIE}=; Path=${DEVICE_COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`;
