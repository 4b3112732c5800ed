// SQL for the camera registry and ingest keys.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CamerasTable, Tables } from '../storage/tables.js';

export type Db = Kysely<Tables>;
export type CameraRow = Selectable<CamerasTable>;

// Registered cameras first, then the demo network's.
export const listCameras = (db: Db) => db.selectFrom('cameras').selectAll().orderBy('origin', 'desc').orderBy('name').execute();
export const findCamera = (db: Db, id: string) => db.selectFrom('cameras').selectAll().where('id', '=', id).executeTakeFirst();
export const insertCamera = (db: Db, row: Insertable<CamerasTable>) => db.insertInto('cameras').values(row).execute();
export const updateCamera = (db: Db, id: string, changes: Partial<Omit<CameraRow, 'id'>>) => db.updateTable('cameras').set(changes).where('id', '=', id).execute();

export const insertKey = (db: Db, row: Insertable<Tables['cameraKeys']>) => db.insertInto('cameraKeys').values(row).execute();
export const findKey = (db: Db, id: string) => db.selectFrom('cameraKeys').selectAll().where('id', '=', id).executeTakeFirst();
export const keysOf = (db: Db, cameraId: string) =>
  db.selectFrom('cameraKeys').select(['id', 'label', 'createdAt', 'createdBy', 'revokedAt', 'lastUsedAt']).where('cameraId', '=', cameraId).orderBy('createdAt').execute();
export const revokeKey = (db: Db, id: string, at: number) => db.updateTable('cameraKeys').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
export const touchKey = (db: Db, id: string, at: number) => db.updateTable('cameraKeys').set({ lastUsedAt: at }).where('id', '=', id).execute();

export interface HealthDelta {
  accepted: number;
  duplicate: number;
  rejected: number;
  lastSeenAt: number | null;
  lastRejection: string | null;
  lastRejectionAt: number | null;
}

export async function addHealth(db: Db, cameraId: string, delta: HealthDelta): Promise<void> {
  await db
    .updateTable('cameras')
    .set((eb) => ({
      readsAccepted: eb('readsAccepted', '+', delta.accepted),
      readsDuplicate: eb('readsDuplicate', '+', delta.duplicate),
      readsRejected: eb('readsRejected', '+', delta.rejected),
      ...(delta.lastSeenAt !== null ? { lastSeenAt: delta.lastSeenAt } : {}),
      ...(delta.lastRejection !== null ? { lastRejection: delta.lastRejection, lastRejectionAt: delta.lastRejectionAt } : {}),
    }))
    .where('id', '=', cameraId)
    .execute();
}
