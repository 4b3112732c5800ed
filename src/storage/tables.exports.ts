// The exports registry (R32): every download, share or print of ALPR data and its destruction date.
// Part of the database's shape (tables.ts): instants are epoch milliseconds, flags 0/1 integers.

/** The exports registry (R32): every download, print or share of ALPR data and when it must be destroyed. */
export interface ExportsTable {
  id: string;
  format: string;
  description: string;
  query: string | null;
  recordCount: number;
  caseNumber: string;
  purposeCategory: string;
  purposeReason: string;
  accessContext: string;
  createdById: string;
  createdBy: string;
  createdAt: number;
  destroyDueAt: number;
  destroyedAt: number | null;
  destroyedBy: string | null;
  note: string | null;
  /** 1: booked into evidence (R31), kept with the case rather than destroyed on schedule. */
  evidence: number;
}
