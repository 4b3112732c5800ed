// The core platform: the agency, accounts and sessions, cameras and their keys, images, distinct
// plates and reads (R1, R2, R4, R14). Frozen once landed: add a new migration to change anything.
import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';
import { uuidType, withAutoId } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('agency')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('job_title', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull()) // active | suspended | deleted
    .addColumn('status_reason', 'text')
    .addColumn('must_change_password', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('failed_sign_ins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('last_active_at', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey()) // SHA-256 of the bearer token; the token itself is never stored
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('client_address', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

  await db.schema
    .createTable('cameras')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull()) // fixed | mobile
    .addColumn('adapter', 'text', (col) => col.notNull().defaultTo('native'))
    .addColumn('origin', 'text', (col) => col.notNull().defaultTo('registered')) // registered | demo
    .addColumn('status', 'text', (col) => col.notNull()) // active | disabled
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('direction', 'integer')
    .addColumn('placement', 'text', (col) => col.notNull()) // public_view | court_order (R4)
    .addColumn('court_order_ref', 'text')
    .addColumn('attested_by', 'text', (col) => col.notNull())
    .addColumn('attested_at', 'bigint', (col) => col.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint')
    .addColumn('reads_accepted', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('reads_duplicate', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('reads_rejected', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('last_rejection', 'text')
    .addColumn('last_rejection_at', 'bigint')
    .execute();

  await db.schema
    .createTable('camera_keys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('camera_id', 'text', (col) => col.notNull().references('cameras.id').onDelete('cascade'))
    .addColumn('secret_hash', 'text', (col) => col.notNull()) // SHA-256 of a 256-bit random secret
    .addColumn('label', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('camera_keys_camera').on('camera_keys').columns(['camera_id']).execute();

  await db.schema
    .createTable('images')
    .addColumn('sha256', 'text', (col) => col.primaryKey())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('byte_size', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  // Distinct plates: partial and fuzzy search scan this (far fewer rows than reads).
  await withAutoId(db.schema.createTable('plates'), dialect, 'id')
    .addColumn('plate', 'text', (col) => col.notNull())
    .addColumn('region', 'text', (col) => col.notNull())
    .addUniqueConstraint('plates_plate_region', ['plate', 'region'])
    .execute();

  await db.schema
    .createTable('reads')
    .addColumn('id', uuidType(dialect), (col) => col.primaryKey()) // the camera's own UUID: resends are idempotent (R2)
    .addColumn('camera_id', 'text', (col) => col.notNull())
    .addColumn('plate_id', 'bigint', (col) => col.notNull())
    .addColumn('plate_raw', 'text', (col) => col.notNull())
    .addColumn('region_raw', 'text')
    .addColumn('plate_check', 'text', (col) => col.notNull()) // standard | vanity | nonstandard | unverified: the state-format check
    .addColumn('confidence', 'real')
    .addColumn('captured_at', 'bigint', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('heading', 'real')
    .addColumn('vehicle_make', 'text')
    .addColumn('vehicle_model', 'text')
    .addColumn('vehicle_color', 'text')
    .addColumn('vehicle_body', 'text')
    .addColumn('plate_image', 'text')
    .addColumn('vehicle_image', 'text')
    .addColumn('vendor_data', 'text')
    .execute();
  // Only the indexes the queries need: a plate's history, time windows (canvass, retention), a camera's reads.
  await db.schema.createIndex('reads_plate_time').on('reads').columns(['plate_id', 'captured_at']).execute();
  await db.schema.createIndex('reads_time').on('reads').columns(['captured_at']).execute();
  await db.schema.createIndex('reads_camera_time').on('reads').columns(['camera_id', 'captured_at']).execute();
}
