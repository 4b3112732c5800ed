// The access log (R25, R27; invariant 4): one row per access, administrative change, sign-in and
// audit action, hash-chained by seq and append-only in the database itself (UPDATE, DELETE and, on
// PostgreSQL, TRUNCATE raise). Frozen once landed: add a new migration to change anything.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';
import { appendOnlyTriggers } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // seq is assigned by the writer (head + 1, under the chain lock), never by a sequence: a rolled-back
  // append must not leave a gap, because a gap is how a deleted row shows. On SQLite `integer primary
  // key` is the rowid itself.
  const seqType = dialect === 'sqlite' ? 'integer' : 'bigint';
  await db.schema
    .createTable('access_log')
    .addColumn('seq', seqType, (col) => col.primaryKey())
    .addColumn('id', 'text', (col) => col.notNull().unique()) // UUIDv7
    .addColumn('at', 'bigint', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull().check(sql`category in ('data_access', 'admin_change', 'auth', 'system')`))
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_username', 'text', (col) => col.notNull())
    .addColumn('organization', 'text', (col) => col.notNull())
    .addColumn('purpose_case', 'text')
    .addColumn('purpose_category', 'text', (col) => col.notNull())
    .addColumn('purpose_reason', 'text', (col) => col.notNull())
    .addColumn('data_elements', 'text', (col) => col.notNull()) // canonical JSON
    .addColumn('result_count', 'integer')
    .addColumn('client_address', 'text')
    .addColumn('device', 'text')
    .addColumn('before_value', 'text') // canonical JSON, administrative changes
    .addColumn('after_value', 'text')
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute();
  // Browsing: a time window (and the sampling audit's six months), one user's entries, one case.
  await db.schema.createIndex('access_log_at').on('access_log').columns(['at']).execute();
  await db.schema.createIndex('access_log_actor').on('access_log').columns(['actor_username', 'seq']).execute();
  await db.schema.createIndex('access_log_case').on('access_log').columns(['purpose_case', 'seq']).execute();
  for (const statement of appendOnlyTriggers(dialect, 'access_log')) await statement.execute(db);
}
