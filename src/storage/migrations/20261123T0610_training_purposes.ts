// Training, recent purposes and data-source authorizations (R15, R20, R21). Frozen once landed: add
// a new migration to change anything.
import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // R15: one row per course version; a new version of a course is a new row, so completions of the
  // old version stay on record and the Administrator decides when the new one becomes required.
  await db.schema
    .createTable('training_courses')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('validity_months', 'integer', (col) => col.notNull())
    .addColumn('required', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('training_courses_title_version', ['title', 'version'])
    .execute();

  await db.schema
    .createTable('training_completions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (col) => col.notNull().references('training_courses.id'))
    .addColumn('course_version', 'text', (col) => col.notNull())
    .addColumn('completed_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('entered_by', 'text', (col) => col.notNull())
    .addColumn('entered_at', 'bigint', (col) => col.notNull())
    .addColumn('notes', 'text')
    .execute();
  // The gate asks "this user's completions" on every opening.
  await db.schema.createIndex('training_completions_user').on('training_completions').columns(['user_id', 'course_id']).execute();

  // R21: a user's last accepted purposes (at most ten are kept), to state again in one click.
  await db.schema
    .createTable('recent_purposes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (col) => col.notNull())
    .addColumn('case_number', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('first_used_at', 'bigint', (col) => col.notNull())
    .addColumn('last_used_at', 'bigint', (col) => col.notNull())
    .addColumn('use_count', 'integer', (col) => col.notNull().defaultTo(1))
    .addUniqueConstraint('recent_purposes_user_fingerprint', ['user_id', 'fingerprint'])
    .execute();
  await db.schema.createIndex('recent_purposes_user_time').on('recent_purposes').columns(['user_id', 'last_used_at']).execute();

  // R20: which sources' data each user may see; none until the Administrator grants them.
  await db.schema
    .createTable('user_data_sources')
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source', 'text', (col) => col.notNull()) // agency | state | federal
    .addColumn('granted_by', 'text')
    .addColumn('granted_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('user_data_sources_pk', ['user_id', 'source'])
    .execute();
}
