// Sharing (R34–R40): agencies, agreements, request links, requests, transfers, records requests.
// Part of the database's shape (tables.ts): instants are epoch milliseconds, flags 0/1 integers.

// Sharing (issue 8; R34–R40): src/sharing. No price column anywhere (R40).
export interface SharingAgenciesTable {
  id: string;
  name: string;
  kind: string;
  jurisdiction: string;
  ori: string | null;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}
export interface SharingAgreementsTable {
  id: string;
  title: string;
  reference: string | null;
  startsAt: number;
  endsAt: number | null;
  createdBy: string;
  createdAt: number;
}
export interface SharingAgreementSignatoriesTable {
  agreementId: string;
  agencyId: string;
}
export interface SharingLinksTable {
  id: string;
  tokenHash: string;
  agencyId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  requestId: string | null;
}
export interface SharingRequestsTable {
  id: string;
  agencyId: string;
  agreementId: string | null;
  source: 'entered' | 'link';
  requesterName: string;
  requesterTitle: string;
  requesterContact: string;
  caseNumber: string;
  category: string;
  reason: string;
  plates: string;
  fromAt: number;
  toAt: number;
  area: string | null;
  attestation: string;
  receivedAt: number;
  enteredBy: string;
  status: 'pending' | 'approved' | 'denied' | 'fulfilled';
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  keepUntil: number;
}
export interface SharingTransfersTable {
  id: string;
  requestId: string;
  agencyId: string;
  method: 'download' | 'email';
  description: string;
  recipient: string;
  readCount: number | null;
  bundleSha256: string | null;
  transferredAt: number;
  recordedBy: string;
  destructionDueAt: number;
}
export interface RecordsRequestsTable {
  id: string;
  requester: string;
  kind: string;
  receivedAt: number;
  description: string;
  considerations: string;
  outcome: string;
  outcomeNotes: string | null;
  outcomeAt: number | null;
  enteredBy: string;
  updatedAt: number;
}
