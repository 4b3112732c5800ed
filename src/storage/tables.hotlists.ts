// Hot lists (R5–R8, R13): lists, entries, imports.
// Part of the database's shape (tables.ts): instants are epoch milliseconds, flags 0/1 integers.
import type { Generated } from 'kysely';

/** Hot lists (R5–R8, R12, R13, R20): src/hotlists. */
export interface HotListsTable {
  id: string;
  name: string;
  kind: 'general' | 'agency';
  source: string;
  dataSource: 'agency' | 'state' | 'federal';
  defaultCategory: string;
  priority: number;
  owner: string;
  retentionDays: number;
  refreshIntervalHours: number;
  active: Generated<number>;
  designatedBy: string | null;
  designatedAt: number | null;
  currentImportId: string | null;
  lastUpdatedAt: number | null;
  lastImportError: string | null;
  lastImportFailedAt: number | null;
  lastAttemptAt: number | null;
  feedLocation: string | null;
  feedMapping: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface HotListEntriesTable {
  id: string;
  listId: string;
  importId: string | null;
  status: 'pending' | 'active' | 'rejected' | 'expired';
  plate: string | null;
  state: string | null;
  plateType: string | null;
  pattern: string | null;
  ncicCode: string | null;
  reason: string | null;
  category: string;
  vehicleYear: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleColor: string | null;
  vehicleBody: string | null;
  entryDate: number | null;
  originatingAgency: string | null;
  caseAgent: string | null;
  caseNumber: string | null;
  synopsis: string | null;
  expiresAt: number | null;
  submittedById: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface HotListImportsTable {
  id: string;
  listId: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'upload' | 'scheduled';
  fileName: string | null;
  startedBy: string;
  startedAt: number;
  finishedAt: number | null;
  bytesTotal: number | null;
  bytesRead: Generated<number>;
  rowsRead: Generated<number>;
  rowsImported: Generated<number>;
  rowsDroppedImmigration: Generated<number>;
  rowsInvalid: Generated<number>;
  expectedRows: number | null;
  mapping: string;
  error: string | null;
}
