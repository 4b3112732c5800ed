// Which UTC days hold reads of each plate, on PostgreSQL (issue 6; R21, R24). SQLite: nothing changes.
//
// WHY. `reads` is partitioned by capture day (20261123T0800_pg_partitions). A plate's reads can only
// be looked up day partition by day partition: a query over a year plans and opens all ~367 day
// indexes. EXPLAIN (ANALYZE, BUFFERS) of one plate over a year, 50k reads: planning 260 ms and 68,000
// buffer hits on a new connection, execution 8 ms for 367 empty index probes — for a plate read
// twice. Searching back in time windows only spreads that cost over several queries, and a plate
// with no recent reads pays all of it. Knowing the days that hold the plate, search names just those
// days, and PostgreSQL plans and opens only their partitions.
//
// HOW. plate_days(plate_id, day) is filled by a statement trigger on `reads` from the inserted
// (and updated) rows, so every path that writes reads (ingest writers, imports, bulk loads, tools)
// keeps it whole without knowing it exists: a day missing here would hide reads from search. A row
// here whose reads are gone (a purged day, a deleted read) costs one empty, pruned range at most; it
// never hides anything. Existing reads are backfilled below.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE TABLE plate_days (
    plate_id bigint NOT NULL,
    day integer NOT NULL,
    PRIMARY KEY (plate_id, day)
  )`.execute(db);
  await sql`CREATE FUNCTION plate_days_note() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO plate_days (plate_id, day)
        SELECT DISTINCT plate_id, floor(captured_at::numeric / 86400000)::integer FROM new_reads
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  // Statement triggers with a transition table: one insert into plate_days per statement, not per row.
  await sql`CREATE TRIGGER plate_days_on_insert AFTER INSERT ON reads REFERENCING NEW TABLE AS new_reads FOR EACH STATEMENT EXECUTE FUNCTION plate_days_note()`.execute(db);
  await sql`CREATE TRIGGER plate_days_on_update AFTER UPDATE ON reads REFERENCING NEW TABLE AS new_reads FOR EACH STATEMENT EXECUTE FUNCTION plate_days_note()`.execute(db);
  await sql`INSERT INTO plate_days (plate_id, day) SELECT DISTINCT plate_id, floor(captured_at::numeric / 86400000)::integer FROM reads`.execute(db);
}
