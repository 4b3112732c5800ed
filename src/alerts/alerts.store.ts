// SQL for alerts, their steps and subscriptions (STYLE 2, 6): one function per query, written once
// for SQLite and PostgreSQL.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlertsTable, AlertStepsTable, Tables } from '../storage/tables.js';

export type Db = Kysely<Tables>;
export type AlertRow = Selectable<AlertsTable>;
export type StepRow = Selectable<AlertStepsTable>;
export type NewAlertRow = Omit<AlertsTable, 'seq'>;

/** Inserts the alerts that do not exist yet (read × entry is unique); returns the new rows' numbers. */
export async function insertAlerts(db: Db, rows: readonly NewAlertRow[]): Promise<{ seq: number; readId: string; entryId: string }[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('alerts')
    .values([...rows])
    .onConflict((oc) => oc.columns(['readId', 'entryId']).doNothing())
    .returning(['seq', 'readId', 'entryId'])
    .execute();
  return inserted.map((row) => ({ ...row, seq: Number(row.seq) }));
}

const normalize = (row: AlertRow): AlertRow => ({
  ...row,
  seq: Number(row.seq),
  priority: Number(row.priority),
  capturedAt: Number(row.capturedAt),
  createdAt: Number(row.createdAt),
  listUpdatedAt: row.listUpdatedAt === null ? null : Number(row.listUpdatedAt),
  closedAt: row.closedAt === null ? null : Number(row.closedAt),
});

export async function alertBySeq(db: Db, seq: number): Promise<AlertRow | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('seq', '=', seq).executeTakeFirst();
  return row && normalize(row);
}

export async function alertsBySeq(db: Db, seqs: readonly number[]): Promise<AlertRow[]> {
  if (seqs.length === 0) return [];
  return (await db.selectFrom('alerts').selectAll().where('seq', 'in', [...seqs]).orderBy('seq').execute()).map(normalize);
}

/** Alerts after `seq`, oldest first (a reconnecting stream's replay). */
export async function alertsAfter(db: Db, seq: number, limit: number): Promise<AlertRow[]> {
  return (await db.selectFrom('alerts').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute()).map(normalize);
}

/** Open alerts raised since `since`, oldest first (what a fresh stream starts with). */
export async function openAlertsSince(db: Db, since: number, limit: number): Promise<AlertRow[]> {
  const rows = await db.selectFrom('alerts').selectAll().where('status', '=', 'open').where('createdAt', '>=', since).orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(normalize).reverse();
}

export interface HistoryFilter {
  from?: number;
  to?: number;
  disposition?: string;
  status?: 'open' | 'closed';
  cameraId?: string;
  before?: number;
  /** R20: only alerts from these data sources. */
  dataSources?: readonly string[];
  limit: number;
}

export async function history(db: Db, filter: HistoryFilter): Promise<AlertRow[]> {
  let query = db.selectFrom('alerts').selectAll();
  if (filter.from !== undefined) query = query.where('createdAt', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('createdAt', '<', filter.to);
  if (filter.disposition) query = query.where('disposition', '=', filter.disposition);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.cameraId) query = query.where('cameraId', '=', filter.cameraId);
  if (filter.before !== undefined) query = query.where('seq', '<', filter.before);
  if (filter.dataSources) query = filter.dataSources.length ? query.where('dataSource', 'in', [...filter.dataSources]) : query.where(sql<boolean>`1 = 0`);
  return (await query.orderBy('seq', 'desc').limit(filter.limit).execute()).map(normalize);
}

export async function stepsOf(db: Db, seqs: readonly number[]): Promise<StepRow[]> {
  if (seqs.length === 0) return [];
  const rows = await db.selectFrom('alertSteps').selectAll().where('alertSeq', 'in', [...seqs]).orderBy('id').execute();
  return rows.map((row) => ({ ...row, id: Number(row.id), alertSeq: Number(row.alertSeq), at: Number(row.at) }));
}

export async function addStep(db: Db, step: Omit<AlertStepsTable, 'id'>): Promise<void> {
  await db.insertInto('alertSteps').values(step).execute();
}

export async function close(db: Db, seq: number, disposition: string, correctedPlate: string | null, at: number): Promise<void> {
  await db.updateTable('alerts').set({ status: 'closed', disposition, correctedPlate, closedAt: at }).where('seq', '=', seq).execute();
}

export interface CameraAccuracyRow {
  cameraId: string;
  alerts: number;
  verified: number;
  misreads: number;
}

/** Per camera: alerts raised, alerts whose visual check was recorded, and misreads (R28). */
export async function accuracy(db: Db, from: number, to: number): Promise<CameraAccuracyRow[]> {
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => [
      'cameraId',
      eb.fn.countAll<number>().as('alerts'),
      eb.fn.sum<number>(eb.case().when('disposition', '=', 'misread').then(1).else(0).end()).as('misreads'),
    ])
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .groupBy('cameraId')
    .execute();
  const verified = await db
    .selectFrom('alertSteps')
    .innerJoin('alerts', 'alerts.seq', 'alertSteps.alertSeq')
    .select((eb) => ['alerts.cameraId', eb.fn.countAll<number>().as('n')])
    .where('alertSteps.step', '=', 'verify')
    .where('alerts.createdAt', '>=', from)
    .where('alerts.createdAt', '<', to)
    .groupBy('alerts.cameraId')
    .execute();
  const verifiedBy = new Map(verified.map((row) => [row.cameraId, Number(row.n)]));
  return rows.map((row) => ({ cameraId: row.cameraId, alerts: Number(row.alerts), misreads: Number(row.misreads ?? 0), verified: verifiedBy.get(row.cameraId) ?? 0 }));
}

export async function misreads(db: Db, from: number, to: number, dataSources: readonly string[], limit: number): Promise<AlertRow[]> {
  if (dataSources.length === 0) return [];
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('disposition', '=', 'misread')
    .where('dataSource', 'in', [...dataSources])
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(normalize);
}

export async function subscriptionOf(db: Db, userId: string): Promise<{ lists: string[] | null; cameras: string[] | null; updatedAt: number } | undefined> {
  const row = await db.selectFrom('alertSubscriptions').selectAll().where('userId', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  return { lists: row.lists === null ? null : (JSON.parse(row.lists) as string[]), cameras: row.cameras === null ? null : (JSON.parse(row.cameras) as string[]), updatedAt: Number(row.updatedAt) };
}

export async function setSubscription(db: Db, userId: string, lists: readonly string[] | null, cameras: readonly string[] | null, at: number): Promise<void> {
  const values = { lists: lists === null ? null : JSON.stringify(lists), cameras: cameras === null ? null : JSON.stringify(cameras), updatedAt: at };
  await db
    .insertInto('alertSubscriptions')
    .values({ userId, ...values })
    .onConflict((oc) => oc.column('userId').doUpdateSet(values))
    .execute();
}

/** Lists alerts have come from, for the subscription page (the hot-list room owns the lists themselves). */
export async function knownLists(db: Db): Promise<{ listId: string; listName: string; dataSource: string }[]> {
  return db.selectFrom('alerts').select(['listId', 'listName', 'dataSource']).distinct().orderBy('listName').limit(500).execute();
}
