// The recognizer's confidence travels with an alert (R10): an officer acting on a hit must see that
// the plate was read below the profile's recognition.confidenceThreshold before anything else.
// Alerts copy the read's facts when raised (the read may be purged before the alert is closed), so
// the confidence is copied too; alerts raised before this migration take it from their read if it
// is still stored.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('confidence', 'real').execute();
  await sql`UPDATE alerts SET confidence = (SELECT reads.confidence FROM reads WHERE reads.id = alerts.read_id)`.execute(db);
}
