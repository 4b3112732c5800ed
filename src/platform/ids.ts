import { randomBytes } from 'node:crypto';
import { v7 as uuidv7, validate as uuidValidate } from 'uuid';

// Time-ordered ids keep B-tree inserts at the right edge of the index (ARCHITECTURE: storage).
export const newId = (): string => uuidv7();
export const isUuid = (value: string): boolean => uuidValidate(value);

/** A URL-safe random secret with `bytes` bytes of entropy. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
