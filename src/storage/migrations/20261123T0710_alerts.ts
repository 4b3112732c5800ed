// Alerts (issue 5; R9–R12, R28): one row per hit (read × hot-list entry), the steps officers took
// on it, and each user's subscriptions. The alert row keeps a snapshot of the read, the entry and
// the list as they were at the hit (R12: the list's last update), so later list changes do not
// rewrite what the officer was shown.
import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';
import { withAutoId } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // seq is the alert's number: the live stream's event id and the hit purpose's case number (HIT-<seq>).
  await withAutoId(db.schema.createTable('alerts'), dialect, 'seq')
    .addColumn('read_id', 'text', (col) => col.notNull())
    .addColumn('entry_id', 'text', (col) => col.notNull())
    .addColumn('list_id', 'text', (col) => col.notNull())
    .addColumn('list_name', 'text', (col) => col.notNull())
    .addColumn('list_source', 'text', (col) => col.notNull())
    .addColumn('data_source', 'text', (col) => col.notNull()) // agency | state | federal (R20)
    .addColumn('priority', 'integer', (col) => col.notNull())
    .addColumn('list_updated_at', 'bigint') // R12
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('entry', 'text', (col) => col.notNull()) // JSON: plate, state, pattern, reason, vehicle
    .addColumn('match_kind', 'text', (col) => col.notNull())
    .addColumn('state_check', 'text', (col) => col.notNull())
    .addColumn('match', 'text', (col) => col.notNull()) // JSON: strength, confused, agreed
    .addColumn('plate', 'text', (col) => col.notNull())
    .addColumn('region', 'text', (col) => col.notNull())
    .addColumn('camera_id', 'text', (col) => col.notNull())
    .addColumn('captured_at', 'bigint', (col) => col.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('vehicle', 'text', (col) => col.notNull()) // JSON: the read's descriptors
    .addColumn('plate_image', 'text')
    .addColumn('vehicle_image', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull()) // open | closed
    .addColumn('disposition', 'text')
    .addColumn('corrected_plate', 'text') // a misread's plate as the officer read it on the image (R28)
    .addColumn('closed_at', 'bigint')
    .execute();
  // Idempotent per read × entry: a resent read raises no second alert.
  await db.schema.createIndex('alerts_read_entry').unique().on('alerts').columns(['read_id', 'entry_id']).execute();
  await db.schema.createIndex('alerts_camera_disposition').on('alerts').columns(['camera_id', 'disposition']).execute();

  await withAutoId(db.schema.createTable('alert_steps'), dialect, 'id')
    .addColumn('alert_seq', 'bigint', (col) => col.notNull())
    .addColumn('step', 'text', (col) => col.notNull()) // acknowledge | confirm | exigency | verify | action | disposition
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('username', 'text', (col) => col.notNull())
    .addColumn('at', 'bigint', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull()) // JSON
    .execute();
  await db.schema.createIndex('alert_steps_alert').on('alert_steps').columns(['alert_seq', 'id']).execute();

  await db.schema
    .createTable('alert_subscriptions')
    .addColumn('user_id', 'text', (col) => col.primaryKey())
    .addColumn('lists', 'text') // JSON array of list ids; null = every list the user may see
    .addColumn('cameras', 'text') // JSON array of camera ids; null = every camera
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
}
