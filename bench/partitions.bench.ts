// Retention on partitions (issue 12; R30): a year of reads purged by dropping day partitions,
// against row deletion of the same data in the plain (pre-#12) table, through the real purge
// (PurgeService, el-cajon-pd: 30 days, so ~335 of 365 days go). Then ingest into each layout
// through the real PostgreSQL sink, and the cost of a global read-id guard (a probe of the ingest
// window's days before each insert) that the partitioned key makes unnecessary (R2; see the
// migration 20261123T0800_pg_partitions).
// Needs PostgreSQL: PLATEKEEPER_BENCH_DATABASE_URL or PLATEKEEPER_TEST_DATABASE_URL.
// Run: npm run bench:partitions -- [--rows=3000000] [--plates=1000000] [--ingest=100000]
import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { AccessLog, SYSTEM_ACTOR } from '../src/audit/access-log.js';
import { ImageStore } from '../src/ingest/image.store.js';
import { createReadSink } from '../src/ingest/read-sink.js';
import type { PreparedRead } from '../src/ingest/read-writer.js';
import { DAY, FakeClock } from '../src/platform/clock.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/database.js';
import { loadProfile } from '../src/policy/index.js';
import { createRetentionRoom } from '../src/retention/index.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { dayOf, ReadPartitions } from '../src/storage/partitions.js';
import type { Tables } from '../src/storage/tables.js';
import { BENCH_PG_URL, createBackend, fmt } from './bench.kit.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROWS = arg('rows', 3_000_000);
const PLATES = arg('plates', 1_000_000);
const INGEST = arg('ingest', 100_000);
const NOW = Date.parse('2026-11-23T12:00:00Z');
const START = NOW - 365 * DAY; // a year of reads, evenly spread

if (!BENCH_PG_URL) {
  console.log('bench:partitions needs PostgreSQL: set PLATEKEEPER_BENCH_DATABASE_URL=postgres://…');
  process.exit(0);
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** The same year of reads in either layout: half from 20,000 regulars, half from the whole plate pool (many seen once). */
async function load(db: Kysely<Tables>, partitioned: boolean): Promise<number> {
  const t0 = performance.now();
  await sql`INSERT INTO cameras (id, name, kind, status, placement, attested_by, attested_at, created_at, updated_at) VALUES ('cam-bench', 'bench', 'fixed', 'active', 'public_view', 'bench', 0, 0, 0)`.execute(db);
  await sql`INSERT INTO plates (plate, region) SELECT 'P' || g, 'us-ca' FROM generate_series(1, ${PLATES}::int) g`.execute(db);
  if (partitioned) {
    const partitions = new ReadPartitions(db, new FakeClock(new Date(NOW)));
    for (let day = dayOf(START); day <= dayOf(NOW); day++) await partitions.create(day);
  } else {
    // The pre-#12 layout: one plain table with the same columns and indexes.
    await sql`ALTER TABLE reads RENAME TO reads_partitioned`.execute(db);
    await sql`CREATE TABLE reads (LIKE reads_partitioned INCLUDING DEFAULTS)`.execute(db);
    await sql`DROP TABLE reads_partitioned`.execute(db);
  }
  const step = (NOW - START) / ROWS;
  for (let from = 0; from < ROWS; from += 500_000) {
    const to = Math.min(ROWS, from + 500_000);
    await sql`INSERT INTO reads (id, camera_id, plate_id, plate_raw, region_raw, plate_check, confidence, captured_at, received_at)
      SELECT md5('bench' || g)::uuid, 'cam-bench',
        CASE WHEN g % 2 = 0 THEN (g::bigint * 7919) % 20000 + 1 ELSE (hashint4(g)::bigint & 2147483647) % ${PLATES} + 1 END,
        'X', 'CA', 'standard', 0.9, ${START}::bigint + floor(g * ${step}::float8)::bigint, ${START}::bigint + floor(g * ${step}::float8)::bigint
      FROM generate_series(${from}::int, ${to - 1}::int) g`.execute(db);
  }
  if (!partitioned) {
    // The same key as the partitioned table (the sink's ON CONFLICT target); PK (id) would be 8% smaller.
    await sql`ALTER TABLE reads ADD PRIMARY KEY (id, captured_at, agency_id)`.execute(db);
    await sql`CREATE INDEX reads_plate_time ON reads (plate_id, captured_at)`.execute(db);
    await sql`CREATE INDEX reads_time ON reads (captured_at)`.execute(db);
    await sql`CREATE INDEX reads_camera_time ON reads (camera_id, captured_at)`.execute(db);
    await sql`CREATE INDEX reads_plate_image ON reads (plate_image) WHERE plate_image IS NOT NULL`.execute(db);
    await sql`CREATE INDEX reads_vehicle_image ON reads (vehicle_image) WHERE vehicle_image IS NOT NULL`.execute(db);
  }
  await sql`VACUUM ANALYZE`.execute(db);
  return seconds(t0);
}

async function purge(handle: DatabaseHandle<Tables>, dataDir: string) {
  const clock = new FakeClock(new Date(NOW));
  const profile = loadProfile('el-cajon-pd');
  const room = createRetentionRoom({
    db: handle.db,
    clock,
    profile,
    audit: new AccessLog(handle, clock, { organization: profile.agency.name }),
    images: new ImageStore(`${dataDir}/images`, 10_000_000),
    ingest: { idle: () => Promise.resolve(), forgetPlates: () => Promise.resolve() },
    dataDir,
    limits: { batchSize: 5000, pauseMs: 0 },
  });
  const t0 = performance.now();
  const run = await room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
  const s = seconds(t0);
  const reads = run.classes.find((c) => c.className === 'fixedReads')!;
  if (run.outcome !== 'ok') throw new Error(run.error ?? 'purge failed');
  return { seconds: s, deleted: reads.deleted, details: reads.details ?? {} };
}

function prepared(i: number, capturedAt: number): PreparedRead {
  return { id: uuidv7(), cameraId: 'cam-bench', plate: `P${(i * 7919) % PLATES + 1}`, region: 'us-ca', plateRaw: 'X', regionRaw: 'CA', plateCheck: 'standard', confidence: 0.9, capturedAt, receivedAt: capturedAt, lat: null, lon: null, heading: null, vehicleMake: null, vehicleModel: null, vehicleColor: null, vehicleBody: null, plateImage: null, vehicleImage: null, vendorData: null, agencyId: 'agency' };
}

/** Reads/s through the real PostgreSQL sink, in groups of 500 (as group commit does), today's reads; with the id guard, a probe first. */
async function ingest(handle: DatabaseHandle<Tables>, partitioned: boolean, guard = false): Promise<number> {
  const partitions = partitioned ? new ReadPartitions(handle.db, new FakeClock(new Date(NOW))) : undefined;
  const sink = createReadSink(handle, partitions);
  const windowStart = NOW - 30 * DAY;
  const t0 = performance.now();
  for (let i = 0; i < INGEST; i += 500) {
    const group = Array.from({ length: 500 }, (_, j) => prepared(i + j, NOW - 3_600_000 + i + j));
    if (guard) await sql`SELECT id FROM reads WHERE id = ANY(${group.map((r) => r.id)}::uuid[]) AND captured_at >= ${windowStart}`.execute(handle.db);
    await sink.commit(group, []);
  }
  return INGEST / seconds(t0);
}

console.log(`bench:partitions — ${fmt(ROWS)} reads over 365 days, ${fmt(PLATES)} plates; purge to 30 days (el-cajon-pd). PostgreSQL at ${new URL(BENCH_PG_URL).host}.`);
const results: Record<string, { load: number; purge: Awaited<ReturnType<typeof purge>>; ingest: number }> = {};
for (const layout of ['partitioned', 'plain'] as const) {
  const backend = await createBackend('postgres', `partitions_${layout}`);
  const handle = await openDatabase<Tables>({ databaseUrl: backend.databaseUrl!, dataDir: backend.dataDir });
  try {
    await migrateToLatest(handle.db, 'postgres');
    const loadSeconds = await load(handle.db, layout === 'partitioned');
    console.log(`${layout}: loaded in ${loadSeconds.toFixed(1)} s`);
    const purged = await purge(handle, backend.dataDir);
    console.log(`${layout}: purge ${fmt(purged.deleted)} reads in ${purged.seconds.toFixed(1)} s (${JSON.stringify(purged.details)})`);
    const rate = await ingest(handle, layout === 'partitioned');
    console.log(`${layout}: ingest ${fmt(INGEST)} reads in groups of 500: ${fmt(rate)} reads/s`);
    results[layout] = { load: loadSeconds, purge: purged, ingest: rate };
    if (layout === 'partitioned') {
      const guarded = await ingest(handle, true, true);
      console.log(`partitioned + global id guard (probe of the 30-day window before each group): ${fmt(guarded)} reads/s (${((1 - guarded / rate) * 100).toFixed(0)}% slower)`);
    }
  } finally {
    await handle.close();
    await backend.cleanup();
  }
}
const p = results.partitioned!;
const r = results.plain!;
console.log('');
console.log(`purge a year to 30 days: drop partitions ${p.purge.seconds.toFixed(1)} s vs row deletion ${r.purge.seconds.toFixed(1)} s — ${(r.purge.seconds / p.purge.seconds).toFixed(1)}× faster (${fmt(p.purge.deleted)} vs ${fmt(r.purge.deleted)} reads)`);
console.log(`ingest: partitioned ${fmt(p.ingest)} reads/s vs plain ${fmt(r.ingest)} reads/s`);
console.log('(measured on the shared 2-core machine under load: compare ratios, not absolute figures)');
