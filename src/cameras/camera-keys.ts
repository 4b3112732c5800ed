// Ingest keys: one per camera or edge unit, shown once, stored as SHA-256 (the secret is 256 random
// bits, so a slow hash adds nothing), compared in constant time, revocable.
import { createHash, timingSafeEqual } from 'node:crypto';
import { newSecret } from '../platform/ids.js';

const PREFIX = 'pkc_';

export interface ParsedKey {
  keyId: string;
  secret: string;
}

export function makeKey(keyId: string): { key: string; secretHash: string } {
  const secret = newSecret(32);
  return { key: `${PREFIX}${keyId.replace(/-/g, '')}_${secret}`, secretHash: hashSecret(secret) };
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function parseKey(raw: string): ParsedKey | undefined {
  if (!raw.startsWith(PREFIX)) return undefined;
  const hex = raw.slice(PREFIX.length, PREFIX.length + 32);
  const secret = raw.slice(PREFIX.length + 33);
  if (!/^[0-9a-f]{32}$/.test(hex) || raw[PREFIX.length + 32] !== '_' || secret.length < 20) return undefined;
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { keyId, secret };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key from `Authorization: Bearer pkc_…` or `X-Api-Key: pkc_…` (never from a query string). */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer pkc_')) return auth.slice('Bearer '.length).trim();
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.startsWith(PREFIX)) return apiKey.trim();
  return undefined;
}
