// SQL for agency devices (R19). Functions take the database (or a transaction) they run on.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DevicesTable } from '../storage/tables.js';
import type { Db } from './access.store.js';

export type DeviceRow = Selectable<DevicesTable>;

export const insertDevice = (db: Db, row: Insertable<DevicesTable>) => db.insertInto('devices').values(row).execute();

export const findDevice = (db: Db, id: string) => db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();

export const findLiveByIdentifier = (db: Db, identifier: string) =>
  db.selectFrom('devices').selectAll().where('identifier', '=', identifier).where('revokedAt', 'is', null).executeTakeFirst();

export const findByTokenHash = (db: Db, tokenHash: string) => db.selectFrom('devices').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();

export const findByEnrollmentCodeHash = (db: Db, codeHash: string) =>
  db.selectFrom('devices').selectAll().where('enrollmentCodeHash', '=', codeHash).executeTakeFirst();

export const listDevices = (db: Db) => db.selectFrom('devices').selectAll().orderBy('revokedAt', 'desc').orderBy('name').execute();

export const updateDevice = (db: Db, id: string, changes: Updateable<DevicesTable>) => db.updateTable('devices').set(changes).where('id', '=', id).execute();

/**
 * Spends an enrollment code: sets the device's token, only if the code is still unspent, unexpired
 * and the device not revoked. False when another request spent it first.
 */
export async function spendEnrollmentCode(db: Db, id: string, codeHash: string, tokenHash: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('devices')
    .set({ tokenHash, enrolledAt: at, lastSeenAt: at, enrollmentCodeHash: null, enrollmentExpiresAt: null, updatedAt: at })
    .where('id', '=', id)
    .where('enrollmentCodeHash', '=', codeHash)
    .where('enrollmentExpiresAt', '>', at)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Live devices that have been enrolled (the device requirement can be met). */
export const countEnrolledLive = async (db: Db): Promise<number> =>
  Number(
    (await db.selectFrom('devices').select((eb) => eb.fn.countAll<number>().as('n')).where('revokedAt', 'is', null).where('tokenHash', 'is not', null).executeTakeFirstOrThrow()).n,
  );

export const revokeSessionsOnDevice = (db: Db, deviceId: string, at: number) =>
  db.updateTable('sessions').set({ revokedAt: at }).where('deviceId', '=', deviceId).where('revokedAt', 'is', null).execute();

/** Usernames by id, for showing who approved a device. */
export async function usernames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.username]));
}
