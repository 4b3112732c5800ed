// SQL for the purpose gate's own tables: recent purposes (R21) and data-source authorizations (R20).
import { sql } from 'kysely';
import type { Db } from './access.store.js';
import type { DataSource } from './access-context.js';

/** How many accepted purposes a user gets back for reuse. */
export const RECENT_PURPOSES_KEPT = 10;

export interface RecentPurposeRow {
  caseNumber: string;
  category: string;
  reason: string;
  lastUsedAt: number;
  useCount: number;
}

/** Records an accepted purpose (or bumps it) and keeps only the user's newest RECENT_PURPOSES_KEPT. */
export async function rememberPurpose(
  db: Db,
  row: { id: string; userId: string; fingerprint: string; caseNumber: string; category: string; reason: string; at: number },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('recentPurposes')
      .values({ id: row.id, userId: row.userId, fingerprint: row.fingerprint, caseNumber: row.caseNumber, category: row.category, reason: row.reason, firstUsedAt: row.at, lastUsedAt: row.at, useCount: 1 })
      .onConflict((oc) => oc.columns(['userId', 'fingerprint']).doUpdateSet({ lastUsedAt: row.at, useCount: sql<number>`recent_purposes.use_count + 1` }))
      .execute();
    const keep = tx.selectFrom('recentPurposes').select('id').where('userId', '=', row.userId).orderBy('lastUsedAt', 'desc').orderBy('id', 'desc').limit(RECENT_PURPOSES_KEPT);
    await tx.deleteFrom('recentPurposes').where('userId', '=', row.userId).where('id', 'not in', keep).execute();
  });
}

export const recentPurposes = (db: Db, userId: string): Promise<RecentPurposeRow[]> =>
  db
    .selectFrom('recentPurposes')
    .select(['caseNumber', 'category', 'reason', 'lastUsedAt', 'useCount'])
    .where('userId', '=', userId)
    .orderBy('lastUsedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(RECENT_PURPOSES_KEPT)
    .execute();

export async function dataSourcesOf(db: Db, userId: string): Promise<DataSource[]> {
  const rows = await db.selectFrom('userDataSources').select('source').where('userId', '=', userId).orderBy('source').execute();
  return rows.map((row) => row.source);
}

export async function replaceDataSources(db: Db, userId: string, sources: readonly DataSource[], grantedBy: string | null, at: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('userDataSources').where('userId', '=', userId).execute();
    if (sources.length) await tx.insertInto('userDataSources').values(sources.map((source) => ({ userId, source, grantedBy, grantedAt: at }))).execute();
  });
}

/** The id of a user's remembered purpose, by its fingerprint. */
export async function purposeIdOf(db: Db, userId: string, fingerprint: string): Promise<string | undefined> {
  const row = await db.selectFrom('recentPurposes').select('id').where('userId', '=', userId).where('fingerprint', '=', fingerprint).executeTakeFirst();
  return row?.id;
}

/** One of the user's remembered purposes by id (never another user's). */
export async function statedPurpose(db: Db, userId: string, id: string): Promise<{ caseNumber: string; category: string; reason: string } | undefined> {
  return db.selectFrom('recentPurposes').select(['caseNumber', 'category', 'reason']).where('userId', '=', userId).where('id', '=', id).executeTakeFirst();
}
