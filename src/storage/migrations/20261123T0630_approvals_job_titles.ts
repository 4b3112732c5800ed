// Changes that loosen protection wait for a second administrator (issue: accounts), and the job
// titles authorized to access ALPR data are kept by the Administrator in the app (R16), seeded
// from the policy profile; the profile in force is kept, so a looser file waits for approval.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pending_changes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull()) // JSON
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('requested_by_id', 'text', (col) => col.notNull())
    .addColumn('requested_by', 'text', (col) => col.notNull())
    .addColumn('requested_at', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull()) // pending | approved | denied
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('pending_changes_status').on('pending_changes').columns(['status', 'requested_at']).execute();

  // The policy profile in force, and any file version waiting for approval (profile.service.ts).
  await db.schema
    .createTable('policy_profiles')
    .addColumn('sha256', 'text', (col) => col.primaryKey())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('document', 'text', (col) => col.notNull()) // JSON
    .addColumn('status', 'text', (col) => col.notNull()) // active | pending | superseded | denied
    .addColumn('seen_at', 'bigint', (col) => col.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .execute();

  await db.schema
    .createTable('job_titles')
    .addColumn('title_key', 'text', (col) => col.primaryKey()) // case- and space-folded
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull()) // profile | administrator
    .addColumn('added_by', 'text', (col) => col.notNull())
    .addColumn('added_at', 'bigint', (col) => col.notNull())
    .execute();
}
