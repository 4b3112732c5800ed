// SQL for sharing (issue 8): one small function per query, over a Kysely db or transaction.
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  RecordsRequestsTable, SharingAgenciesTable, SharingAgreementsTable, SharingLinksTable, SharingRequestsTable, SharingTransfersTable, Tables,
} from '../storage/tables.js';

export type Db = Kysely<Tables>;
export type AgencyRow = Selectable<SharingAgenciesTable>;
export type AgreementRow = Selectable<SharingAgreementsTable>;
export type LinkRow = Selectable<SharingLinksTable>;
export type RequestRow = Selectable<SharingRequestsTable>;
export type TransferRow = Selectable<SharingTransfersTable>;
export type RecordsRow = Selectable<RecordsRequestsTable>;

export const listAgencies = (db: Db) => db.selectFrom('sharingAgencies').selectAll().orderBy('name').execute();
export const findAgency = (db: Db, id: string) => db.selectFrom('sharingAgencies').selectAll().where('id', '=', id).executeTakeFirst();
export const insertAgency = (db: Db, row: AgencyRow) => db.insertInto('sharingAgencies').values(row).execute();

export const listAgreements = (db: Db) => db.selectFrom('sharingAgreements').selectAll().orderBy('createdAt', 'desc').execute();
export const insertAgreement = async (db: Db, row: AgreementRow, signatoryIds: string[]) => {
  await db.insertInto('sharingAgreements').values(row).execute();
  await db.insertInto('sharingAgreementSignatories').values(signatoryIds.map((agencyId) => ({ agreementId: row.id, agencyId }))).execute();
};
export const signatories = (db: Db) =>
  db
    .selectFrom('sharingAgreementSignatories')
    .innerJoin('sharingAgencies', 'sharingAgencies.id', 'sharingAgreementSignatories.agencyId')
    .select(['sharingAgreementSignatories.agreementId', 'sharingAgencies.id', 'sharingAgencies.name'])
    .execute();

/** Agreements in force at `at` that this agency signed. */
export const agreementsInForceFor = (db: Db, agencyId: string, at: number) =>
  db
    .selectFrom('sharingAgreements')
    .innerJoin('sharingAgreementSignatories', 'sharingAgreementSignatories.agreementId', 'sharingAgreements.id')
    .select(['sharingAgreements.id', 'sharingAgreements.title'])
    .where('sharingAgreementSignatories.agencyId', '=', agencyId)
    .where('sharingAgreements.startsAt', '<=', at)
    .where((eb) => eb.or([eb('sharingAgreements.endsAt', 'is', null), eb('sharingAgreements.endsAt', '>', at)]))
    .orderBy('sharingAgreements.startsAt')
    .execute();

export const insertLink = (db: Db, row: LinkRow) => db.insertInto('sharingLinks').values(row).execute();
export const findLinkByHash = (db: Db, tokenHash: string) => db.selectFrom('sharingLinks').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
/** Marks a link used, once: true only for the caller that used it (a second, racing use gets false). */
export const useLink = async (db: Db, id: string, at: number, requestId: string, notAfter: number): Promise<boolean> => {
  const result = await db
    .updateTable('sharingLinks')
    .set({ usedAt: at, requestId })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', notAfter)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const insertRequest = (db: Db, row: RequestRow) => db.insertInto('sharingRequests').values(row).execute();
export const findRequest = (db: Db, id: string) => db.selectFrom('sharingRequests').selectAll().where('id', '=', id).executeTakeFirst();
export const listRequests = (db: Db, status?: RequestRow['status']) => {
  let query = db.selectFrom('sharingRequests').selectAll().orderBy('receivedAt', 'desc').limit(500);
  if (status) query = query.where('status', '=', status);
  return query.execute();
};
/** Records a decision on a pending request; false when it was no longer pending. */
export const decideRequest = async (db: Db, id: string, decision: { status: 'approved' | 'denied'; decidedBy: string; decidedAt: number; decisionReason: string }): Promise<boolean> => {
  const result = await db.updateTable('sharingRequests').set(decision).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};
export const markFulfilled = (db: Db, id: string) => db.updateTable('sharingRequests').set({ status: 'fulfilled' }).where('id', '=', id).where('status', '=', 'approved').execute();

export const insertTransfer = (db: Db, row: TransferRow) => db.insertInto('sharingTransfers').values(row).execute();
export const listTransfers = (db: Db, requestId?: string) => {
  let query = db
    .selectFrom('sharingTransfers')
    .innerJoin('sharingAgencies', 'sharingAgencies.id', 'sharingTransfers.agencyId')
    .innerJoin('sharingRequests', 'sharingRequests.id', 'sharingTransfers.requestId')
    .selectAll('sharingTransfers')
    .select(['sharingAgencies.name as agencyName', 'sharingRequests.caseNumber'])
    .orderBy('sharingTransfers.transferredAt', 'desc')
    .limit(1000);
  if (requestId) query = query.where('sharingTransfers.requestId', '=', requestId);
  return query.execute();
};
export const transferCounts = async (db: Db): Promise<Map<string, number>> => {
  const rows = await db.selectFrom('sharingTransfers').select(['requestId', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('requestId').execute();
  return new Map(rows.map((row) => [row.requestId, Number(row.n)]));
};
/** Every agency shared with: how many transfers, and the last. */
export const sharedWith = (db: Db) =>
  db
    .selectFrom('sharingTransfers')
    .innerJoin('sharingAgencies', 'sharingAgencies.id', 'sharingTransfers.agencyId')
    .select(['sharingAgencies.name', 'sharingAgencies.kind', (eb) => eb.fn.countAll<string | number>().as('transfers'), (eb) => eb.fn.max('sharingTransfers.transferredAt').as('lastTransferAt')])
    .groupBy(['sharingAgencies.id', 'sharingAgencies.name', 'sharingAgencies.kind'])
    .orderBy('sharingAgencies.name')
    .execute();

export interface ReleasedRead {
  id: string;
  plate: string;
  region: string;
  capturedAt: number;
  cameraName: string;
  lat: number | null;
  lon: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleColor: string | null;
}

/** The reads a request asks for: its plates, in its time range, inside its area when it has one. */
export const readsFor = (db: Db, criteria: { plates: string[]; fromAt: number; toAt: number; area: { south: number; west: number; north: number; east: number } | null }, limit: number) => {
  let query = db
    .selectFrom('reads')
    .innerJoin('plates', 'plates.id', 'reads.plateId')
    .innerJoin('cameras', 'cameras.id', 'reads.cameraId')
    .select([
      'reads.id', 'plates.plate', 'plates.region', 'reads.capturedAt', 'cameras.name as cameraName',
      sql<number | null>`coalesce(${sql.ref('reads.lat')}, ${sql.ref('cameras.lat')})`.as('lat'),
      sql<number | null>`coalesce(${sql.ref('reads.lon')}, ${sql.ref('cameras.lon')})`.as('lon'),
      'reads.vehicleMake', 'reads.vehicleModel', 'reads.vehicleColor',
    ])
    .where('plates.plate', 'in', criteria.plates)
    .where('reads.capturedAt', '>=', criteria.fromAt)
    .where('reads.capturedAt', '<=', criteria.toAt);
  const area = criteria.area;
  if (area) {
    const lat = sql<number>`coalesce(${sql.ref('reads.lat')}, ${sql.ref('cameras.lat')})`;
    const lon = sql<number>`coalesce(${sql.ref('reads.lon')}, ${sql.ref('cameras.lon')})`;
    query = query.where(lat, '>=', area.south).where(lat, '<=', area.north).where(lon, '>=', area.west).where(lon, '<=', area.east);
  }
  return query.orderBy('reads.capturedAt').limit(limit).execute() as Promise<ReleasedRead[]>;
};

export const listRecords = (db: Db) => db.selectFrom('recordsRequests').selectAll().orderBy('receivedAt', 'desc').limit(500).execute();
export const findRecords = (db: Db, id: string) => db.selectFrom('recordsRequests').selectAll().where('id', '=', id).executeTakeFirst();
export const insertRecords = (db: Db, row: RecordsRow) => db.insertInto('recordsRequests').values(row).execute();
export const updateRecords = (db: Db, id: string, changes: Partial<Omit<RecordsRow, 'id'>>) => db.updateTable('recordsRequests').set(changes).where('id', '=', id).execute();
