// Hot lists: lists, entries, imports (R5–R8, R12, R13, R20, R37). Frozen once landed: add a new
// migration to change anything.
import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('hot_lists')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull()) // general | agency
    .addColumn('source', 'text', (col) => col.notNull()) // ncic_stolen_vehicles … | agency
    .addColumn('data_source', 'text', (col) => col.notNull()) // agency | state | federal (R20)
    .addColumn('default_category', 'text', (col) => col.notNull())
    .addColumn('priority', 'integer', (col) => col.notNull())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('retention_days', 'integer', (col) => col.notNull())
    .addColumn('refresh_interval_hours', 'integer', (col) => col.notNull())
    // R5: used by the matcher only while the Administrator has it designated.
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('designated_by', 'text')
    .addColumn('designated_at', 'bigint')
    // General lists: the import whose rows are the list's contents (the swap is one update of this).
    .addColumn('current_import_id', 'text')
    .addColumn('last_updated_at', 'bigint')
    .addColumn('last_import_error', 'text')
    .addColumn('last_import_failed_at', 'bigint')
    .addColumn('last_attempt_at', 'bigint')
    .addColumn('feed_location', 'text')
    .addColumn('feed_mapping', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('hot_list_entries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('list_id', 'text', (col) => col.notNull().references('hot_lists.id').onDelete('cascade'))
    // General lists: the import that staged the row; it counts only while it is the list's current import.
    .addColumn('import_id', 'text')
    .addColumn('status', 'text', (col) => col.notNull()) // pending | active | rejected | expired
    .addColumn('plate', 'text')
    .addColumn('state', 'text')
    .addColumn('plate_type', 'text')
    .addColumn('pattern', 'text')
    .addColumn('ncic_code', 'text')
    .addColumn('reason', 'text')
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('vehicle_year', 'integer')
    .addColumn('vehicle_make', 'text')
    .addColumn('vehicle_model', 'text')
    .addColumn('vehicle_color', 'text')
    .addColumn('vehicle_body', 'text')
    .addColumn('entry_date', 'bigint')
    .addColumn('originating_agency', 'text')
    .addColumn('case_agent', 'text')
    .addColumn('case_number', 'text')
    .addColumn('synopsis', 'text')
    .addColumn('expires_at', 'bigint')
    .addColumn('submitted_by_id', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  // Loading the matcher pages through one list's current import in id order (a range scan, no
  // sort); the swap deletes by list and import; the queue and expiry go by status.
  await db.schema.createIndex('hot_list_entries_list_import').on('hot_list_entries').columns(['list_id', 'import_id', 'id']).execute();
  await db.schema.createIndex('hot_list_entries_status').on('hot_list_entries').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('hot_list_imports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('list_id', 'text', (col) => col.notNull().references('hot_lists.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull()) // running | succeeded | failed
    .addColumn('trigger', 'text', (col) => col.notNull()) // upload | scheduled
    .addColumn('file_name', 'text')
    .addColumn('started_by', 'text', (col) => col.notNull())
    .addColumn('started_at', 'bigint', (col) => col.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('bytes_total', 'bigint')
    .addColumn('bytes_read', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('rows_read', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rows_imported', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rows_dropped_immigration', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rows_invalid', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('expected_rows', 'integer')
    .addColumn('mapping', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('hot_list_imports_list').on('hot_list_imports').columns(['list_id', 'started_at']).execute();
}
