// The recognizer's confidence travels with an alert (R10): an officer acting on a hit must see that
// the plate was read below the profile's recognition.confidenceThreshold before anything else.
// Alerts copy the read's facts when raised (the read may be purged before the alert is closed), so
// the confidence is copied too; alerts raised before this migration take it from their read if it
// is still stored.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('confidence', 'real').execute();
  // PostgreSQL's reads.id is a uuid and alerts.read_id text: one hash join over the two, rather than
  // a cast per row that no index serves. SQLite looks each alert's read up by its key.
  if (dialect === 'postgres') await sql`UPDATE alerts SET confidence = r.confidence FROM reads r WHERE r.id::text = alerts.read_id`.execute(db);
  else await sql`UPDATE alerts SET confidence = (SELECT reads.confidence FROM reads WHERE reads.id = alerts.read_id)`.execute(db);
}
