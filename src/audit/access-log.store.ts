// SQL for the access log. Appends run inside chainTransaction, the one place where the two
// backends differ (STYLE 6): it makes "read the head, insert head + 1" atomic across processes.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from '../platform/database.js';
import type { AccessLogTable, Tables } from '../storage/tables.js';

export type Db = Kysely<Tables>;
export type AccessLogRow = Selectable<AccessLogTable>;
export type AccessLogCategory = AccessLogTable['category'];

/** pg_advisory_xact_lock key of the chain: "pk_log" in ASCII. Every process appending takes it. */
export const CHAIN_LOCK_KEY = 0x706b5f6c6f67;

type ChainTransaction = <T>(db: Db, work: (tx: Db) => Promise<T>) => Promise<T>;

/**
 * A transaction in which no other process can append, so the head read inside it stays the head
 * until commit.
 * - PostgreSQL: a transaction-scoped advisory lock, released at commit or rollback. Under READ
 *   COMMITTED the head query after it sees what the previous holder committed.
 * - SQLite: BEGIN IMMEDIATE takes the database's write lock before the head is read (a plain BEGIN
 *   would read first and could fail to upgrade); other processes wait out busy_timeout.
 * The primary key on seq backs both: a second writer with a stale head fails instead of forking.
 */
export const chainTransaction: Record<DialectName, ChainTransaction> = {
  postgres: (db, work) =>
    db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK_KEY)})`.execute(tx);
      return work(tx);
    }),
  sqlite: (db, work) =>
    db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => undefined);
        throw error;
      }
    }),
};

export const head = (db: Db) => db.selectFrom('accessLog').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();

export const insertEntry = (db: Db, row: Insertable<AccessLogTable>) => db.insertInto('accessLog').values(row).execute();

/** Entries after `afterSeq` up to `upToSeq`, oldest first: verification walks the chain in these pages. */
export const pageAfter = (db: Db, afterSeq: number, upToSeq: number, limit: number) =>
  db.selectFrom('accessLog').selectAll().where('seq', '>', afterSeq).where('seq', '<=', upToSeq).orderBy('seq', 'asc').limit(limit).execute();

export interface AccessLogFilter {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  username?: string;
  /** Matches actions starting with this text: "search." finds every search. */
  actionPrefix?: string;
  category?: AccessLogCategory;
  caseNumber?: string;
  /** Normalized plate text (A–Z, 0–9), found anywhere in the data elements. */
  plate?: string;
  /** Only entries up to this seq (a fixed snapshot for exports). */
  upToSeq?: number;
}

function filtered(db: Db, filter: AccessLogFilter) {
  let query = db.selectFrom('accessLog');
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  if (filter.username !== undefined) query = query.where('actorUsername', '=', filter.username);
  if (filter.actionPrefix !== undefined) {
    const prefix = filter.actionPrefix;
    // substr, not LIKE: action names hold '_', which LIKE reads as a wildcard.
    query = query.where((eb) => eb(eb.fn<string>('substr', ['action', eb.lit(1), eb.lit(prefix.length)]), '=', prefix));
  }
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  if (filter.caseNumber !== undefined) query = query.where('purposeCase', '=', filter.caseNumber);
  // A normalized plate holds no LIKE wildcards; upper() makes the match case-blind on both backends.
  if (filter.plate !== undefined) query = query.where((eb) => eb(eb.fn<string>('upper', ['dataElements']), 'like', `%${filter.plate}%`));
  if (filter.upToSeq !== undefined) query = query.where('seq', '<=', filter.upToSeq);
  return query;
}

/** One page, newest first: entries with seq below `beforeSeq` (the cursor), at most `limit`. */
export const pageNewestFirst = (db: Db, filter: AccessLogFilter, beforeSeq: number | undefined, limit: number) => {
  const query = filtered(db, filter).selectAll();
  return (beforeSeq === undefined ? query : query.where('seq', '<', beforeSeq)).orderBy('seq', 'desc').limit(limit).execute();
};

export async function countMatching(db: Db, filter: AccessLogFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
