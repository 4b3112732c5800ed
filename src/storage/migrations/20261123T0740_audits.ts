// Sampling audits, their samples and outside auditors (R26–R28), misuse flags and the geofences of
// sensitive places (R22, R29). Frozen once landed: add a new migration to change anything.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('audits')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('internal', 'outside')`))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('in_progress', 'signed', 'approved')`))
    .addColumn('period_from', 'bigint', (col) => col.notNull())
    .addColumn('period_to', 'bigint', (col) => col.notNull())
    .addColumn('due_at', 'bigint')
    // The draw: seed, the snapshot of the log it was drawn over, and how many inquiries were there.
    .addColumn('seed', 'text', (col) => col.notNull())
    .addColumn('population_up_to_seq', 'bigint', (col) => col.notNull())
    .addColumn('population', 'integer', (col) => col.notNull())
    .addColumn('sample_size', 'integer', (col) => col.notNull())
    .addColumn('draws', 'integer', (col) => col.notNull())
    .addColumn('outside_agency', 'text')
    .addColumn('started_by', 'text', (col) => col.notNull())
    .addColumn('started_at', 'bigint', (col) => col.notNull())
    .addColumn('auditor_title', 'text', (col) => col.notNull())
    .addColumn('memorandum_to', 'text', (col) => col.notNull())
    .addColumn('filed_with', 'text', (col) => col.notNull())
    .addColumn('summary', 'text')
    .addColumn('data_errors', 'text')
    .addColumn('outcome', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'bigint')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'bigint')
    .addColumn('keep_until', 'bigint')
    .execute();
  await db.schema.createIndex('audits_kind_started').on('audits').columns(['kind', 'started_at']).execute();

  await db.schema
    .createTable('audit_samples')
    .addColumn('audit_id', 'text', (col) => col.notNull().references('audits.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('entry_seq', 'bigint', (col) => col.notNull())
    .addColumn('purpose_specific', 'integer')
    .addColumn('case_number_real', 'integer')
    .addColumn('search_matched_purpose', 'integer')
    .addColumn('notes', 'text')
    .addColumn('data_errors', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addPrimaryKeyConstraint('audit_samples_pk', ['audit_id', 'position'])
    .execute();

  await db.schema
    .createTable('audit_outside_auditors')
    .addColumn('user_id', 'text', (col) => col.primaryKey())
    .addColumn('audit_id', 'text', (col) => col.notNull().references('audits.id'))
    .addColumn('organization', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('misuse_flags')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('entry_seq', 'bigint', (col) => col.notNull())
    .addColumn('actor_username', 'text', (col) => col.notNull())
    .addColumn('at', 'bigint', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('open', 'resolved')`))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolution', 'text')
    .addUniqueConstraint('misuse_flags_rule_entry', ['rule', 'entry_seq'])
    .execute();
  await db.schema.createIndex('misuse_flags_status').on('misuse_flags').columns(['status', 'at']).execute();

  // Each scan records the last access-log seq it covered; the next starts after it.
  await db.schema
    .createTable('misuse_scans')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('from_seq', 'bigint', (col) => col.notNull())
    .addColumn('to_seq', 'bigint', (col) => col.notNull())
    .addColumn('flags', 'integer', (col) => col.notNull())
    .addColumn('ran_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('misuse_scans_to').on('misuse_scans').columns(['to_seq']).execute();

  await db.schema
    .createTable('geofences')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('shape', 'text', (col) => col.notNull().check(sql`shape in ('circle', 'polygon')`))
    .addColumn('center_lat', 'double precision')
    .addColumn('center_lon', 'double precision')
    .addColumn('radius_m', 'double precision')
    .addColumn('polygon', 'text') // JSON [[lat, lon], …]
    .addColumn('active', 'integer', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
}
