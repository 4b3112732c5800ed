// Audits and misuse signals (R22, R26–R29): audits, samples, outside auditors, flags, scans, geofences.
// Part of the database's shape (tables.ts): instants are epoch milliseconds, flags 0/1 integers.

// Sampling audits (R26–R28), misuse flags and geofences (R22, R29): src/audit/audits.*, misuse.*.
export interface AuditsTable {
  id: string;
  kind: 'internal' | 'outside';
  status: 'in_progress' | 'signed' | 'approved';
  periodFrom: number;
  periodTo: number;
  dueAt: number | null;
  seed: string;
  populationUpToSeq: number;
  population: number;
  sampleSize: number;
  draws: number;
  outsideAgency: string | null;
  startedBy: string;
  startedAt: number;
  auditorTitle: string;
  memorandumTo: string;
  filedWith: string;
  summary: string | null;
  dataErrors: string | null;
  outcome: 'compliant' | 'findings' | null;
  signedBy: string | null;
  signedAt: number | null;
  approvedBy: string | null;
  approvedAt: number | null;
  keepUntil: number | null;
}

export interface AuditSamplesTable {
  auditId: string;
  position: number;
  entrySeq: number;
  purposeSpecific: number | null;
  caseNumberReal: number | null;
  searchMatchedPurpose: number | null;
  notes: string | null;
  dataErrors: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface AuditOutsideAuditorsTable {
  userId: string;
  auditId: string;
  organization: string;
  expiresAt: number;
  createdBy: string;
  createdAt: number;
}

export interface MisuseFlagsTable {
  id: string;
  rule: string;
  entrySeq: number;
  actorUsername: string;
  at: number;
  reason: string;
  status: 'open' | 'resolved';
  createdAt: number;
  resolvedBy: string | null;
  resolvedAt: number | null;
  resolution: string | null;
}

export interface MisuseScansTable {
  id: string;
  fromSeq: number;
  toSeq: number;
  flags: number;
  ranAt: number;
}

export interface GeofencesTable {
  id: string;
  name: string;
  kind: string;
  shape: 'circle' | 'polygon';
  centerLat: number | null;
  centerLon: number | null;
  radiusM: number | null;
  polygon: string | null;
  active: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}
