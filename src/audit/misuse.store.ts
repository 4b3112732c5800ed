// SQL for misuse signals and geofences (R22, R29). Functions take the database they run on.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { GeofencesTable, MisuseFlagsTable, Tables } from '../storage/tables.js';
import { inquiryWhere } from './audits.inquiries.js';

export type Db = Kysely<Tables>;
export type FlagRow = Selectable<MisuseFlagsTable>;
export type GeofenceRow = Selectable<GeofencesTable>;

export const lastScannedSeq = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('misuseScans').select('toSeq').orderBy('toSeq', 'desc').limit(1).executeTakeFirst())?.toSeq ?? 0);

export const insertScan = (db: Db, row: Insertable<Tables['misuseScans']>) => db.insertInto('misuseScans').values(row).execute();

/** The next entries after `afterSeq` that rules judge: inquiries and successful or failed sign-ins. */
export const entriesAfter = (db: Db, afterSeq: number, limit: number) =>
  db.selectFrom('accessLog').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();

/** Inquiries in [from, …] up to seq `upTo`, ascending. */
export const inquiriesBetween = (db: Db, from: number, upToSeq: number, actions: readonly string[]) =>
  db.selectFrom('accessLog').selectAll().where('at', '>=', from).where('seq', '<=', upToSeq).where(inquiryWhere(actions)).orderBy('seq', 'asc').execute();

/** Devices and addresses of earlier successful sign-ins of these users. */
export const earlierSignIns = (db: Db, usernames: readonly string[], beforeSeq: number) =>
  usernames.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('accessLog')
        .select(['actorUsername', 'device', 'clientAddress', 'dataElements'])
        .where('category', '=', 'auth')
        .where('action', '=', 'auth.sign_in')
        .where('actorUsername', 'in', [...usernames])
        .where('seq', '<', beforeSeq)
        .execute();

/** Where these plates were read since `from` (only reads with a position). */
export const readPositions = (db: Db, plates: readonly string[], from: number, to: number) =>
  plates.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('reads')
        .innerJoin('plates', 'plates.id', 'reads.plateId')
        .select(['plates.plate', 'reads.lat', 'reads.lon'])
        .where('plates.plate', 'in', [...plates])
        .where('reads.capturedAt', '>=', from)
        .where('reads.capturedAt', '<=', to)
        .where('reads.lat', 'is not', null)
        .where('reads.lon', 'is not', null)
        .execute();

/** Inserts flags, skipping any (rule, entry) already flagged. Returns how many were new. */
export async function insertFlags(db: Db, rows: Insertable<MisuseFlagsTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  let added = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const result = await db.insertInto('misuseFlags').values(rows.slice(i, i + 200)).onConflict((oc) => oc.columns(['rule', 'entrySeq']).doNothing()).executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export const listFlags = (db: Db, status: FlagRow['status'] | undefined, limit: number) => {
  let query = db.selectFrom('misuseFlags').selectAll();
  if (status) query = query.where('status', '=', status);
  return query.orderBy('at', 'desc').limit(limit).execute();
};

export const findFlag = (db: Db, id: string) => db.selectFrom('misuseFlags').selectAll().where('id', '=', id).executeTakeFirst();
export const updateFlag = (db: Db, id: string, changes: Updateable<MisuseFlagsTable>) => db.updateTable('misuseFlags').set(changes).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();

export const listGeofences = (db: Db) => db.selectFrom('geofences').selectAll().orderBy('name').execute();
export const activeGeofences = (db: Db) => db.selectFrom('geofences').selectAll().where('active', '=', 1).execute();
export const findGeofence = (db: Db, id: string) => db.selectFrom('geofences').selectAll().where('id', '=', id).executeTakeFirst();
export const insertGeofence = (db: Db, row: Insertable<GeofencesTable>) => db.insertInto('geofences').values(row).execute();
export const updateGeofence = (db: Db, id: string, changes: Updateable<GeofencesTable>) => db.updateTable('geofences').set(changes).where('id', '=', id).execute();
export const deleteGeofence = (db: Db, id: string) => db.deleteFrom('geofences').where('id', '=', id).execute();
