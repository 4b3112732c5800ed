// PostgreSQL layout for volume (issue 12; R2, R30, R31). SQLite: nothing changes (the embedded
// default stays exactly as simple as it is). Frozen once landed: add a new migration to change anything.
//
// `reads` becomes a table partitioned by capture day: declarative RANGE partitioning on captured_at
// (epoch ms), one partition per UTC day named reads_dYYYYMMDD covering [00:00, 24:00) UTC — the
// same UTC day the retention rule counts in (retention.rules.ts) — plus reads_default for anything
// no day partition covers (far past or future, rows a test or a tool inserted directly, held rows
// kept after their day was dropped). src/storage/partitions.ts creates the day partitions (ahead,
// by a job, and on demand by the ingest writer) and moves rows out of the default partition; the
// purge drops whole days past retention (src/retention/purge.partitions.ts).
//
// THE KEY. PostgreSQL requires the partition key in every unique constraint of a partitioned table,
// so the primary key is (id, captured_at, agency_id). Is that enough for R2 (a resend is never
// stored twice)? Yes, and we keep no global id guard:
//  - A resend is the same read sent again: the camera or edge unit replays the read from its queue
//    (edge/forwarder.ts), a vendor adapter derives the id from the vendor's event, which carries its
//    own capture time. The id and the capture time come from the same stored payload, so a resend
//    always has the same captured_at (and the same agency: the camera's) and hits the primary key:
//    ON CONFLICT (id, captured_at, agency_id) DO NOTHING reports it as a duplicate, as before.
//  - What the key no longer refuses is a *different* payload under a reused id (a camera bug): it is
//    now stored as its own read instead of being dropped as a "duplicate" — nothing is lost (R2).
//  - A global guard would cost either a second, unpartitioned unique index on id (a random-UUID
//    B-tree of ~40 bytes a row, 4 GB per 100M reads, written at every insert and emptied by row
//    deletion, which is exactly what partition drops are meant to avoid), or a probe of every day
//    in the ingest window (30 partitions by default) per read before each insert. Measured
//    (bench/partitions.bench.ts, 3M reads over a year, groups of 500, shared 2-core machine under
//    load): the probe takes ingest from 11,800 to 5,700 reads/s (−52%) for no resend it would catch
//    that the key does not. The key alone is what ships.
//
// THE DISTRIBUTION COLUMN (deploy/citus.md). agency_id: every read carries the agency whose camera
// took it ('agency', the id of the one row in `agency`, until a pooled deployment registers
// several). It is in the primary key, so a Citus deployment can distribute `reads` on it (Citus
// requires the distribution column in every unique constraint) without rebuilding the key; plate_id
// (NOT NULL on every read, indexed with captured_at) is the second level. The application never
// names the column: its default fills it, so the typed schema and SQLite are unchanged.
//
// FOREIGN KEYS. None references reads(id) (alerts.read_id, legal_hold_reads.read_id and the
// exports/evidence tables hold the id without a constraint), so none has to be dropped or widened.
// A future one would have to reference (id, captured_at, agency_id).
//
// Existing rows move in one statement: each UTC day that holds reads gets its partition first, so
// nothing lands in the default partition; indexes are built after the copy (faster than
// maintaining them row by row). Index names stay the same, so queries and plans are unchanged.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

const DAY = 86_400_000;

const dayName = (day: number): string => `reads_d${new Date(day * DAY).toISOString().slice(0, 10).replaceAll('-', '')}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`ALTER TABLE reads RENAME TO reads_unpartitioned`.execute(db);
  for (const index of ['reads_pkey', 'reads_plate_time', 'reads_time', 'reads_camera_time', 'reads_plate_image', 'reads_vehicle_image']) {
    await sql`ALTER INDEX IF EXISTS ${sql.id(index)} RENAME TO ${sql.id(`${index}_unpartitioned`)}`.execute(db);
  }
  await sql`CREATE TABLE reads (
    id uuid NOT NULL,
    camera_id text NOT NULL,
    plate_id bigint NOT NULL,
    plate_raw text NOT NULL,
    region_raw text,
    plate_check text NOT NULL,
    confidence real,
    captured_at bigint NOT NULL,
    received_at bigint NOT NULL,
    lat double precision,
    lon double precision,
    heading real,
    vehicle_make text,
    vehicle_model text,
    vehicle_color text,
    vehicle_body text,
    plate_image text,
    vehicle_image text,
    vendor_data text,
    agency_id text NOT NULL DEFAULT 'agency'
  ) PARTITION BY RANGE (captured_at)`.execute(db);
  await sql`CREATE TABLE reads_default PARTITION OF reads DEFAULT`.execute(db);
  const days = await sql<{ day: number }>`SELECT DISTINCT floor(captured_at::numeric / ${DAY})::bigint AS day FROM reads_unpartitioned ORDER BY 1`.execute(db);
  for (const { day } of days.rows) {
    const from = Number(day) * DAY;
    await sql`CREATE TABLE ${sql.id(dayName(Number(day)))} PARTITION OF reads FOR VALUES FROM (${sql.lit(from)}) TO (${sql.lit(from + DAY)})`.execute(db);
  }
  const columns = sql.raw(
    'id, camera_id, plate_id, plate_raw, region_raw, plate_check, confidence, captured_at, received_at, lat, lon, heading, vehicle_make, vehicle_model, vehicle_color, vehicle_body, plate_image, vehicle_image, vendor_data',
  );
  await sql`INSERT INTO reads (${columns}) SELECT ${columns} FROM reads_unpartitioned`.execute(db);
  await sql`DROP TABLE reads_unpartitioned`.execute(db);

  // The same indexes as before, now one per partition (each day's are small and go with the day).
  await sql`ALTER TABLE reads ADD CONSTRAINT reads_pkey PRIMARY KEY (id, captured_at, agency_id)`.execute(db);
  await sql`CREATE INDEX reads_plate_time ON reads (plate_id, captured_at)`.execute(db);
  await sql`CREATE INDEX reads_time ON reads (captured_at)`.execute(db);
  await sql`CREATE INDEX reads_camera_time ON reads (camera_id, captured_at)`.execute(db);
  await sql`CREATE INDEX reads_plate_image ON reads (plate_image) WHERE plate_image IS NOT NULL`.execute(db);
  await sql`CREATE INDEX reads_vehicle_image ON reads (vehicle_image) WHERE vehicle_image IS NOT NULL`.execute(db);
}
