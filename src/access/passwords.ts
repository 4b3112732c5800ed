// Passwords are hashed with argon2id (OWASP's recommended parameters: 19 MiB, 2 passes).
import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '../platform/errors.js';

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_RULES = 'at least 12 characters, not all the same character, not a common password, and not containing the username';

const COMMON = new Set(['password1234', '123456789012', 'qwertyuiopas', 'passwordpassword', 'letmeinletmein', 'platekeeper123', 'administrator', 'changemechangeme']);

export function checkPasswordRules(password: string, username: string): void {
  const fail = (why: string) => badRequest('weak_password', `Password ${why}. Use ${PASSWORD_RULES}.`, 'password');
  if (password.length < 12) throw fail('is shorter than 12 characters');
  if (password.length > 256) throw fail('is longer than 256 characters');
  if (/^(.)\1*$/.test(password)) throw fail('repeats one character');
  if (COMMON.has(password.toLowerCase())) throw fail('is a commonly used password');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) throw fail('contains the username');
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
