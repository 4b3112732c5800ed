// The arithmetic of second factors, pure (R19): TOTP per RFC 6238 (SHA-1, 6 digits, 30-second
// steps: what every authenticator app speaks) and one-time recovery codes.
//
// Recovery codes are stored as SHA-256, not argon2id: each is 80 random bits, so guessing one from
// its hash is as hopeless with a fast hash as with a slow one (a slow hash protects low-entropy
// secrets such as passwords). SHA-256 also lets sign-in find a code by its hash with one indexed
// query instead of running argon2 (19 MiB, ~50 ms) against each of ten stored hashes per attempt.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ALGORITHM = 'SHA1';
/** Codes one step early or late are accepted (clock drift between phone and server). */
export const TOTP_DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** A new 160-bit TOTP secret (RFC 4226 recommends 160 bits), base32-encoded. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpOf = (secret: string, issuer: string, accountName: string) =>
  new TOTP({ issuer, label: accountName, secret: Secret.fromBase32(secret), algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });

/** The otpauth:// URI an authenticator app reads from a QR code. */
export const totpUri = (secret: string, issuer: string, accountName: string): string => totpOf(secret, issuer, accountName).toString();

/** The 30-second step an instant falls in (RFC 6238's T). */
export const stepAt = (at: number): number => Math.floor(at / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The step a code belongs to, if it is valid at `at` within the allowed drift; undefined otherwise.
 * The caller refuses a step at or before the last one accepted (replay, RFC 6238 §5.2).
 */
export function matchTotp(secret: string, code: string, at: number): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return undefined;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, timestamp: at, window: TOTP_DRIFT_STEPS });
  return delta === null ? undefined : stepAt(at) + delta;
}

// Crockford-style base32 without I, L, O, U: no letters to confuse with digits when typed from paper.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A recovery code: 16 characters (80 bits) shown in four groups, e.g. `k3f9-2mzq-…`. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i]! & 31];
  return out.match(/.{4}/g)!.join('-');
}

/** What a person typed, reduced to the code's canonical form (case, spaces and dashes ignored). */
export function normalizeRecoveryCode(typed: string): string {
  return typed
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
}

export const hashRecoveryCode = (typed: string): string => createHash('sha256').update(normalizeRecoveryCode(typed)).digest('hex');
