// Cameras belong to an agency, and every read carries its camera's agency (issue 12; R2, R30, R31):
// a county's agencies pool their cameras in one deployment, and `reads.agency_id` is the column a
// Citus deployment distributes on (deploy/citus.md). Frozen once landed: add a new migration to
// change anything.
//
// cameras.agency_id: the owning agency, set by the administrator. NULL means "not assigned yet":
// a migration cannot see the policy profile, so the app's cameras.agency-adoption job assigns such
// cameras to the deployment's own agency (its profile's ORI, or its short name) soon after start
// (camera-agency.ts), and moves their reads from the placeholder with them.
//
// reads.agency_id: PostgreSQL has had it since 20261123T0800_pg_partitions (NOT NULL DEFAULT
// 'agency', in the primary key); SQLite gets the same column here, so both backends store and
// return the same row. Existing rows keep the placeholder 'agency' until that job's first run
// rewrites the reads of the cameras it assigns (only those cameras' reads, found by the
// camera-and-time index, and only once: afterwards no camera is unassigned).
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('cameras').addColumn('agency_id', 'text').execute();
  if (dialect === 'sqlite') await sql`ALTER TABLE reads ADD COLUMN agency_id text NOT NULL DEFAULT 'agency'`.execute(db);
}
