// The hash chain of the access log (invariant 4), pure. Each entry's hash is SHA-256 over one
// canonical serialization of its fields and the previous entry's hash, so editing, deleting,
// inserting or reordering a row breaks the chain at that row. Changing this serialization breaks
// every landed chain: give a new one a new CHAIN_FORMAT and keep verifying the old one.
import { hash } from 'node:crypto';
import type { AccessLogTable } from '../storage/tables.js';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the serialization below; part of every hashed text. */
export const CHAIN_FORMAT = 'platekeeper.access_log.v1';

/** The fields an entry's hash covers: every column but the hash itself, as stored (JSON columns
 * as their canonical text). */
export type ChainFields = Omit<AccessLogTable, 'hash' | 'category'> & { category: string };

/**
 * The hashed text: a JSON array in this fixed order, no whitespace —
 * [CHAIN_FORMAT, seq, id, at, category, action, actorUserId, actorUsername, organization,
 *  purposeCase, purposeCategory, purposeReason, dataElements, resultCount, clientAddress, device,
 *  beforeValue, afterValue, prevHash].
 * Absent values are JSON null; JSON columns go in as their stored text (a string), so the hash does
 * not depend on how a driver parses them. A value of the wrong type (a number stored as text)
 * serializes differently and so fails verification.
 */
export function canonicalEntry(entry: ChainFields): string {
  return JSON.stringify([
    CHAIN_FORMAT,
    entry.seq,
    entry.id,
    entry.at,
    entry.category,
    entry.action,
    entry.actorUserId,
    entry.actorUsername,
    entry.organization,
    entry.purposeCase,
    entry.purposeCategory,
    entry.purposeReason,
    entry.dataElements,
    entry.resultCount,
    entry.clientAddress,
    entry.device,
    entry.beforeValue,
    entry.afterValue,
    entry.prevHash,
  ]);
}

/** Lowercase hex SHA-256 of the entry's canonical text (UTF-8). */
export function entryHash(entry: ChainFields): string {
  return hash('sha256', canonicalEntry(entry), 'hex');
}

/**
 * JSON with object keys sorted at every level, so that the same value always gives the same text
 * (the JSON columns are stored this way). undefined members are dropped, as JSON.stringify does;
 * a top-level undefined is null.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, [])) ?? 'null';
}

function sortKeys(value: unknown, path: object[]): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (path.includes(value)) throw new TypeError('A value to log refers to itself; it cannot be written as JSON.');
  path.push(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((item) => sortKeys(item, path));
  else {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key], path);
    out = sorted;
  }
  path.pop();
  return out;
}
