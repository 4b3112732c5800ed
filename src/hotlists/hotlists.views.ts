// Rows to API views (epoch-ms instants → ISO strings) and the staleness rule (R6, R12).
import { DAY, HOUR } from '../platform/clock.js';
import type { ColumnMapping } from './hotlists.csv.js';
import { HOT_LIST_SOURCES, type EntryView, type HotListView, type ImportView } from './hotlists.schemas.js';
import type { EntryRow, ImportRow, ListRow } from './hotlists.store.js';

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const isoOf = (ms: number): string => new Date(ms).toISOString();

export const parseMapping = (text: string | null): ColumnMapping => {
  if (!text) return {};
  try {
    return JSON.parse(text) as ColumnMapping;
  } catch {
    return {};
  }
};

export const sourceLabel = (source: string): string => (HOT_LIST_SOURCES as Record<string, { label: string } | undefined>)[source]?.label ?? source;

/** Whether a list may be out of date, and why, in words an officer can weigh (R12). */
export function staleness(list: ListRow, now: number): { stale: boolean; staleReason: string | null } {
  if (list.kind === 'agency') return { stale: false, staleReason: null };
  const held = list.lastUpdatedAt === null ? 'nothing yet' : `the contents imported ${isoOf(list.lastUpdatedAt)}`;
  if (list.lastImportError !== null) {
    return { stale: true, staleReason: `The last import failed${list.lastImportFailedAt ? ` at ${isoOf(list.lastImportFailedAt)}` : ''}: ${list.lastImportError} Nothing was changed: the list still holds ${held}.` };
  }
  if (list.lastUpdatedAt === null) return { stale: true, staleReason: 'Never imported: upload a file or set a feed for the scheduled download (R6).' };
  const age = now - list.lastUpdatedAt;
  if (age > list.refreshIntervalHours * HOUR) {
    return { stale: true, staleReason: `Last updated ${Math.floor(age / HOUR)} hours ago (${isoOf(list.lastUpdatedAt)}); it should be refreshed every ${list.refreshIntervalHours} hours (R6).` };
  }
  return { stale: false, staleReason: null };
}

export const deletesAt = (list: ListRow): number => (list.lastUpdatedAt ?? list.createdAt) + list.retentionDays * DAY;

export function listView(list: ListRow, counts: { active: number; pending: number }, now: number): HotListView {
  return {
    id: list.id,
    name: list.name,
    kind: list.kind,
    source: list.source,
    sourceLabel: sourceLabel(list.source),
    dataSource: list.dataSource,
    defaultCategory: list.defaultCategory,
    priority: list.priority,
    owner: list.owner,
    retentionDays: list.retentionDays,
    refreshIntervalHours: list.refreshIntervalHours,
    active: list.active === 1,
    designatedBy: list.designatedBy,
    designatedAt: iso(list.designatedAt),
    lastUpdatedAt: iso(list.lastUpdatedAt),
    ...staleness(list, now),
    lastImportError: list.lastImportError,
    lastImportFailedAt: iso(list.lastImportFailedAt),
    activeEntries: counts.active,
    pendingEntries: counts.pending,
    feedLocation: list.feedLocation,
    feedMapping: parseMapping(list.feedMapping),
    deletesAt: isoOf(deletesAt(list)),
    createdBy: list.createdBy,
    createdAt: isoOf(list.createdAt),
  };
}

export const importView = (row: ImportRow): ImportView => ({
  id: row.id,
  listId: row.listId,
  status: row.status,
  trigger: row.trigger,
  fileName: row.fileName,
  startedBy: row.startedBy,
  startedAt: isoOf(row.startedAt),
  finishedAt: iso(row.finishedAt),
  bytesTotal: row.bytesTotal,
  bytesRead: row.bytesRead,
  rowsRead: row.rowsRead,
  rowsImported: row.rowsImported,
  rowsDroppedImmigration: row.rowsDroppedImmigration,
  rowsInvalid: row.rowsInvalid,
  expectedRows: row.expectedRows,
  error: row.error,
});

export const entryView = (row: EntryRow, listName: string): EntryView => ({
  id: row.id,
  listId: row.listId,
  listName,
  status: row.status,
  plate: row.plate,
  pattern: row.pattern,
  state: row.state,
  plateType: row.plateType,
  ncicCode: row.ncicCode,
  reason: row.reason,
  category: row.category,
  vehicle: { year: row.vehicleYear, make: row.vehicleMake, model: row.vehicleModel, color: row.vehicleColor, bodyType: row.vehicleBody },
  entryDate: iso(row.entryDate),
  originatingAgency: row.originatingAgency,
  caseAgent: row.caseAgent,
  caseNumber: row.caseNumber,
  synopsis: row.synopsis,
  expiresAt: iso(row.expiresAt),
  submittedBy: row.submittedBy,
  decidedBy: row.decidedBy,
  decidedAt: iso(row.decidedAt),
  decisionReason: row.decisionReason,
  createdAt: isoOf(row.createdAt),
});
