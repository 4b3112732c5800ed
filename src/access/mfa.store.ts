// SQL for second factors: TOTP authenticators and recovery codes. Functions take the database (or
// a transaction) they run on.
import type { Selectable } from 'kysely';
import type { UserTotpTable } from '../storage/tables.js';
import type { Db } from './access.store.js';

export type TotpRow = Selectable<UserTotpTable>;

export const findTotp = (db: Db, userId: string) => db.selectFrom('userTotp').selectAll().where('userId', '=', userId).executeTakeFirst();

/** Starts (or restarts) an enrollment: a new secret, not yet confirmed. */
export async function putPendingTotp(db: Db, userId: string, secret: string, at: number): Promise<void> {
  await db.deleteFrom('userTotp').where('userId', '=', userId).execute();
  await db.insertInto('userTotp').values({ userId, secret, createdAt: at, confirmedAt: null, lastUsedStep: null }).execute();
}

/**
 * Records that a code of `step` was accepted, only if no code of this step or a later one was
 * accepted before. False means a replay (or a concurrent use of the same code): refuse it.
 */
export async function claimStep(db: Db, userId: string, step: number, confirmAt?: number): Promise<boolean> {
  const result = await db
    .updateTable('userTotp')
    .set({ lastUsedStep: step, ...(confirmAt === undefined ? {} : { confirmedAt: confirmAt }) })
    .where('userId', '=', userId)
    .where((eb) => eb.or([eb('lastUsedStep', 'is', null), eb('lastUsedStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: string, rows: { id: string; codeHash: string }[], at: number): Promise<void> {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  if (rows.length) await db.insertInto('recoveryCodes').values(rows.map((row) => ({ ...row, userId, createdAt: at, usedAt: null }))).execute();
}

/** Marks an unused recovery code used; false when there is no such unused code. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: at })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const countUnusedRecoveryCodes = async (db: Db, userId: string): Promise<number> =>
  Number(
    (await db.selectFrom('recoveryCodes').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', userId).where('usedAt', 'is', null).executeTakeFirstOrThrow()).n,
  );

/** Users with a confirmed authenticator, for user lists. */
export async function enrolledUserIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('userTotp').select('userId').where('confirmedAt', 'is not', null).execute();
  return new Set(rows.map((row) => row.userId));
}

/** Removes a user's authenticator and recovery codes (administrator reset, or the user left). */
export async function deleteSecondFactor(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  await db.deleteFrom('userTotp').where('userId', '=', userId).execute();
}
