// Second factors, agency devices and the account lifecycle (R14, R18, R19). Frozen once landed:
// add a new migration to change anything.
//
// SQLite adds one column per ALTER TABLE statement, so each column is its own statement.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // The account lifecycle (R18): why an account is suspended (a machine-readable cause beside the
  // existing status_reason text), since when, the approval and its annual review, and the flag the
  // training room reads after a reactivation (R15).
  await db.schema.alterTable('users').addColumn('status_cause', 'text').execute(); // inactivity | review_overdue | job_title | left
  await db.schema.alterTable('users').addColumn('status_changed_at', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('approved_at', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('review_due_at', 'bigint').execute(); // null: the review job sets it from approved_at
  await db.schema.alterTable('users').addColumn('needs_retraining', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.updateTable('users').set({ approved_at: sql`created_at` }).execute();

  // Sessions record how far sign-in got and the agency device it came from (R19).
  await db.schema.alterTable('sessions').addColumn('signin_step', 'text', (col) => col.notNull().defaultTo('totp')).execute(); // enroll | totp | done
  await db.schema.alterTable('sessions').addColumn('device_id', 'text').execute();
  await db.schema.createIndex('sessions_device').on('sessions').columns(['device_id']).execute();
  // Sessions from before second factors existed end here: everyone signs in again, with two factors.
  await db.updateTable('sessions').set({ revoked_at: sql`last_seen_at` }).where(sql.ref('revoked_at'), 'is', null).execute();

  // TOTP (RFC 6238). The secret is stored as is (base32): there is no key management yet to
  // encrypt it with. Known limitation: a copy of the database yields the TOTP secrets (not the
  // passwords or recovery codes, which are hashed).
  await db.schema
    .createTable('user_totp')
    .addColumn('user_id', 'text', (col) => col.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('confirmed_at', 'bigint') // null: enrollment started, not yet confirmed with a code
    .addColumn('last_used_step', 'bigint') // the 30-second step of the last accepted code: refuses replays
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull()) // SHA-256 of an 80-bit random code
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('recovery_codes_user_hash').on('recovery_codes').columns(['user_id', 'code_hash']).unique().execute();

  // Agency-issued devices (R19): registered by the administrator, enrolled once with a code, then
  // known by a long-lived token kept in an HttpOnly cookie. Only hashes of the code and token.
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull()) // workstation | laptop | mobile_data_computer | phone | tablet
    .addColumn('identifier', 'text', (col) => col.notNull()) // the agency's asset tag or serial number
    .addColumn('notes', 'text')
    .addColumn('approved_by', 'text') // user id; null: issued by the platform at first start
    .addColumn('approved_at', 'bigint', (col) => col.notNull())
    .addColumn('enrollment_code_hash', 'text')
    .addColumn('enrollment_expires_at', 'bigint')
    .addColumn('token_hash', 'text')
    .addColumn('enrolled_at', 'bigint')
    .addColumn('last_seen_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('devices_token').on('devices').columns(['token_hash']).unique().execute();
  await db.schema.createIndex('devices_enrollment_code').on('devices').columns(['enrollment_code_hash']).unique().execute();
  await db.schema.createIndex('devices_identifier_live').on('devices').columns(['identifier']).unique().where(sql.ref('revoked_at'), 'is', null).execute();
}
