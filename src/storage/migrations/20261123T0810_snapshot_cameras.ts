// Snapshot cameras (issue 11): a plain IP camera whose still image Platekeeper fetches at an
// interval and reads itself. Both columns stay null for every other adapter.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cameras').addColumn('snapshot_url', 'text').execute();
  await db.schema.alterTable('cameras').addColumn('snapshot_interval_seconds', 'integer').execute();
}
