// SQL for the account lifecycle (R18). Candidate queries page by id (keyset), so a job works in
// bounded batches and a skipped row is not returned again.
import type { Db } from './access.store.js';

/** Active accounts unused since `cutoff`: last activity (or creation) and last status change both at or before it. */
export const inactiveCandidates = (db: Db, cutoff: number, afterId: string, limit: number) =>
  db
    .selectFrom('users')
    .select(['id', 'username', 'lastActiveAt', 'createdAt'])
    .where('status', '=', 'active')
    .where((eb) => eb(eb.fn.coalesce('lastActiveAt', 'createdAt'), '<=', cutoff))
    .where((eb) => eb.or([eb('statusChangedAt', 'is', null), eb('statusChangedAt', '<=', cutoff)]))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

/** Active accounts whose approval review fell due at or before `now`. */
export const overdueReviewCandidates = (db: Db, now: number, afterId: string, limit: number) =>
  db
    .selectFrom('users')
    .select(['id', 'username', 'reviewDueAt'])
    .where('status', '=', 'active')
    .where('reviewDueAt', '<=', now)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

/** Accounts with no review date yet (created before reviews existed). */
export const unscheduledReviews = (db: Db, limit: number) =>
  db.selectFrom('users').select(['id', 'approvedAt', 'createdAt']).where('reviewDueAt', 'is', null).where('status', '!=', 'deleted').orderBy('id').limit(limit).execute();

/** Suspends an account that is still active; false when it no longer was (a concurrent change). */
export async function suspendIfActive(db: Db, id: string, cause: string, reason: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ status: 'suspended', statusCause: cause, statusReason: reason, statusChangedAt: at, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countActiveAdministrators(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('users.status', '=', 'active')
    .where('userRoles.role', '=', 'administrator')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
