// Retention, legal holds, purge and evidence export (issue 7; R30–R33). Frozen once landed.
//   legal_holds / legal_hold_reads: holds by case number and the reads each one keeps (R31).
//   purge_runs: one row per purge run, dry runs included (what, how many, oldest remaining).
//   outside_copies: copies that left the server (partners, regional centers), due for destruction
//     with the data (R33); the sharing room adds its releases here.
//   evidence_bundles: evidence exports booked under R31 (exempt from the R32 destruction date).
// Two partial indexes on reads.plate_image / vehicle_image let the purge tell, batch by batch,
// whether an image is still referenced without scanning reads.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';
import { uuidType } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('case_number', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('selection', 'text', (col) => col.notNull()) // JSON: { readIds } or { plate, region, from, to }
    .addColumn('read_count', 'integer', (col) => col.notNull())
    .addColumn('placed_by_id', 'text')
    .addColumn('placed_by', 'text', (col) => col.notNull())
    .addColumn('placed_at', 'bigint', (col) => col.notNull())
    .addColumn('until', 'bigint') // null: until released
    .addColumn('released_at', 'bigint')
    .addColumn('released_by', 'text')
    .addColumn('release_reason', 'text')
    .addColumn('reviewed_at', 'bigint')
    .addColumn('reviewed_by', 'text')
    .addColumn('review_note', 'text')
    .execute();
  await db.schema.createIndex('legal_holds_case').on('legal_holds').columns(['case_number']).execute();

  await db.schema
    .createTable('legal_hold_reads')
    .addColumn('hold_id', 'text', (col) => col.notNull())
    .addColumn('read_id', uuidType(dialect), (col) => col.notNull())
    .addPrimaryKeyConstraint('legal_hold_reads_pk', ['hold_id', 'read_id'])
    .execute();
  await db.schema.createIndex('legal_hold_reads_read').on('legal_hold_reads').columns(['read_id']).execute();

  await db.schema
    .createTable('purge_runs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('started_at', 'bigint', (col) => col.notNull())
    .addColumn('finished_at', 'bigint', (col) => col.notNull())
    .addColumn('trigger', 'text', (col) => col.notNull()) // schedule | cli | api
    .addColumn('dry_run', 'integer', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('classes', 'text', (col) => col.notNull()) // JSON: per class cutoff, deleted, held, oldest remaining
    .addColumn('total_deleted', 'bigint', (col) => col.notNull())
    .addColumn('notices', 'integer', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull()) // ok | failed
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('purge_runs_started').on('purge_runs').columns(['started_at']).execute();

  await db.schema
    .createTable('outside_copies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('case_number', 'text')
    .addColumn('source', 'text', (col) => col.notNull()) // sharing | evidence | manual
    .addColumn('read_count', 'integer', (col) => col.notNull())
    .addColumn('newest_captured_at', 'bigint') // the newest read in the copy: due once it is past retention
    .addColumn('sent_at', 'bigint', (col) => col.notNull())
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('destroy_due_at', 'bigint') // a date agreed with the recipient, if any
    .addColumn('notice_at', 'bigint')
    .addColumn('notice_run_id', 'text')
    .addColumn('destroyed_at', 'bigint')
    .addColumn('destroyed_by', 'text')
    .addColumn('destruction_note', 'text')
    .execute();

  await db.schema
    .createTable('evidence_bundles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('case_number', 'text', (col) => col.notNull())
    .addColumn('recipient', 'text')
    .addColumn('created_by_id', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull()) // JSON: case, category, reason
    .addColumn('read_count', 'integer', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('byte_size', 'bigint', (col) => col.notNull())
    .addColumn('booked_evidence', 'integer', (col) => col.notNull()) // 1: booked under R31, exempt from the R32 destruction date
    .execute();

  await db.schema.createIndex('reads_plate_image').on('reads').column('plate_image').where(sql.ref('plate_image'), 'is not', null).execute();
  await db.schema.createIndex('reads_vehicle_image').on('reads').column('vehicle_image').where(sql.ref('vehicle_image'), 'is not', null).execute();
}
