// What counts as a detection-browsing inquiry (R26, R29): a data access (category 'data_access')
// whose action is a search ('search.' and anything after it) or one of the listed actions that
// also look into reads, hits or hot-list entries. Sampling audits draw from these; misuse rules
// watch them. The app may pass its own list (AuditsOptions.inquiryActions).
import { sql, type ExpressionBuilder } from 'kysely';
import type { Tables } from '../storage/tables.js';

export const INQUIRY_ACTION_PREFIX = 'search.';

/** Data-access actions besides `search.*` that are inquiries into ALPR data. */
export const DEFAULT_INQUIRY_ACTIONS: readonly string[] = ['alert.view', 'hit.view', 'hotlist.entry.check', 'evidence.export', 'read.view', 'image.view'];

export const isInquiry = (entry: { category: string; action: string }, actions: readonly string[] = DEFAULT_INQUIRY_ACTIONS): boolean =>
  entry.category === 'data_access' && (entry.action.startsWith(INQUIRY_ACTION_PREFIX) || actions.includes(entry.action));

/** The same test in SQL, for a where clause over access_log. substr, not LIKE: actions hold '_'. */
export function inquiryWhere(actions: readonly string[]) {
  return (eb: ExpressionBuilder<Tables, 'accessLog'>) =>
    eb.and([
      eb('category', '=', 'data_access'),
      eb.or([
        eb(eb.fn<string>('substr', ['action', eb.lit(1), eb.lit(INQUIRY_ACTION_PREFIX.length)]), '=', sql.lit(INQUIRY_ACTION_PREFIX)),
        ...(actions.length > 0 ? [eb('action', 'in', [...actions])] : []),
      ]),
    ]);
}

/**
 * Plates named in an entry's data elements: string values (or arrays of strings) under keys that
 * mention "plate", kept when they look like a normalized plate (A–Z, 0–9, 2–8 characters; partial
 * patterns with wildcards are left out).
 */
export function platesIn(dataElements: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, key: string, depth: number): void => {
    if (depth > 4 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (/plate/i.test(key) && /^[A-Z0-9]{2,8}$/.test(value)) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key, depth + 1);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k, depth + 1);
    }
  };
  visit(dataElements, '', 0);
  return [...found];
}
