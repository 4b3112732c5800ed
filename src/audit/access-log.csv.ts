// The access log as CSV (RFC 4180, CRLF): what an auditor downloads. The hashes are included so a
// copy can be checked against the live log.
import type { AccessLogRow } from './access-log.store.js';

export const CSV_COLUMNS = [
  'seq',
  'id',
  'at',
  'category',
  'action',
  'actor_user_id',
  'actor_username',
  'organization',
  'purpose_case',
  'purpose_category',
  'purpose_reason',
  'data_elements',
  'result_count',
  'client_address',
  'device',
  'before_value',
  'after_value',
  'prev_hash',
  'hash',
] as const;

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

/**
 * One field. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * prefixed with an apostrophe (OWASP "CSV injection"): user-typed purposes and usernames end up here.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(row: AccessLogRow): string {
  const fields: (string | number | null)[] = [
    row.seq,
    row.id,
    new Date(row.at).toISOString(),
    row.category,
    row.action,
    row.actorUserId,
    row.actorUsername,
    row.organization,
    row.purposeCase,
    row.purposeCategory,
    row.purposeReason,
    row.dataElements,
    row.resultCount,
    row.clientAddress,
    row.device,
    row.beforeValue,
    row.afterValue,
    row.prevHash,
    row.hash,
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
}
