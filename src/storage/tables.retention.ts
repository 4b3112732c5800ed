// Retention (R30–R33): legal holds, purge runs, outside copies, evidence bundles.
// Part of the database's shape (tables.ts): instants are epoch milliseconds, flags 0/1 integers.

/** Issue 7 (R31): a legal hold by case number; legal_hold_reads lists the reads it keeps. */
export interface LegalHoldsTable {
  id: string;
  caseNumber: string;
  reason: string;
  /** JSON: { readIds } or { plate, region, from, to }, as placed. */
  selection: string;
  readCount: number;
  placedById: string | null;
  placedBy: string;
  placedAt: number;
  /** The hold lapses at this instant; null = until released. */
  until: number | null;
  releasedAt: number | null;
  releasedBy: string | null;
  releaseReason: string | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

export interface LegalHoldReadsTable {
  holdId: string;
  readId: string;
}

/** Issue 7: one row per purge run (dry runs included); classes is JSON, one entry per data class. */
export interface PurgeRunsTable {
  id: string;
  startedAt: number;
  finishedAt: number;
  trigger: 'schedule' | 'cli' | 'api';
  dryRun: number;
  actor: string;
  classes: string;
  totalDeleted: number;
  notices: number;
  outcome: 'ok' | 'failed';
  error: string | null;
}

/** Issue 7 (R33): copies of ALPR data held outside this server, due for destruction with the data. */
export interface OutsideCopiesTable {
  id: string;
  recipient: string;
  description: string;
  caseNumber: string | null;
  source: 'sharing' | 'evidence' | 'manual';
  readCount: number;
  newestCapturedAt: number | null;
  sentAt: number;
  recordedBy: string;
  destroyDueAt: number | null;
  noticeAt: number | null;
  noticeRunId: string | null;
  destroyedAt: number | null;
  destroyedBy: string | null;
  destructionNote: string | null;
}

/** Issue 7 (R31, R32): evidence bundles; booked evidence is exempt from the export destruction date. */
export interface EvidenceBundlesTable {
  id: string;
  caseNumber: string;
  recipient: string | null;
  createdById: string | null;
  createdBy: string;
  createdAt: number;
  purpose: string;
  readCount: number;
  fileName: string;
  sha256: string;
  byteSize: number;
  bookedEvidence: number;
}
