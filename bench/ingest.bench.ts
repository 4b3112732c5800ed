// npm run bench:ingest — reads per second through the ingest API (batches of 500 reads with images
// by reference) into a store that already holds 1M reads, for SQLite and PostgreSQL (issue: core
// platform; target 50,000/s on SQLite and 25,000/s on PostgreSQL on a 2-core machine).
// Options: --preload=N (default 1,000,000), --reads=N (default 300,000), --concurrency=N (default 4).
import { v7 as uuidv7 } from 'uuid';
import sharp from 'sharp';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import type { DialectName } from '../src/platform/database.js';
import { createBackend, fmt, percentile, selectedDialects } from './bench.kit.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const PRELOAD = arg('preload', 1_000_000);
const READS = arg('reads', 300_000);
const CONCURRENCY = arg('concurrency', 4);
const BATCH = 500;
const DISTINCT_PLATES = 200_000;

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const plateOf = (n: number) => `${1 + (n % 9)}${LETTERS[n % 23]}${LETTERS[(n >> 3) % 23]}${LETTERS[(n >> 7) % 23]}${String(n % 1000).padStart(3, '0')}`;

async function preload(app: Awaited<ReturnType<typeof createApp>>, cameraId: string): Promise<void> {
  const db = app.database.db;
  const started = performance.now();
  const now = Date.now();
  if (app.database.dialect === 'postgres') {
    await sql`INSERT INTO plates (plate, region) SELECT 'P' || lpad(g::text, 7, '0'), 'CA' FROM generate_series(1, ${DISTINCT_PLATES}) g ON CONFLICT DO NOTHING`.execute(db);
    await sql`INSERT INTO reads (id, camera_id, plate_id, plate_raw, plate_check, confidence, captured_at, received_at, lat, lon, vehicle_make, vehicle_color)
      SELECT gen_random_uuid(), ${cameraId}, 1 + (g % ${DISTINCT_PLATES}), 'P' || lpad((1 + g % ${DISTINCT_PLATES})::text, 7, '0'), 'nonstandard', 0.9,
             ${now}::bigint - (g::bigint * 2000), ${now}, 32.79, -116.96, 'Toyota', 'white'
      FROM generate_series(1, ${PRELOAD}) g`.execute(db);
    await sql`ANALYZE`.execute(db);
  } else {
    await sql`WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${DISTINCT_PLATES}) INSERT OR IGNORE INTO plates (plate, region) SELECT 'P' || printf('%07d', n), 'CA' FROM g`.execute(db);
    await sql`WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${PRELOAD})
      INSERT INTO reads (id, camera_id, plate_id, plate_raw, plate_check, confidence, captured_at, received_at, lat, lon, vehicle_make, vehicle_color)
      SELECT lower(hex(randomblob(16))), ${cameraId}, 1 + (n % ${DISTINCT_PLATES}), 'P' || printf('%07d', 1 + n % ${DISTINCT_PLATES}), 'nonstandard', 0.9, ${now} - n * 2000, ${now}, 32.79, -116.96, 'Toyota', 'white' FROM g`.execute(db);
    await sql`ANALYZE`.execute(db);
  }
  console.log(`  preloaded ${fmt(PRELOAD)} reads over ${fmt(DISTINCT_PLATES)} plates in ${fmt((performance.now() - started) / 1000, 1)} s`);
}

async function run(dialect: DialectName): Promise<void> {
  const backend = await createBackend(dialect, 'ingest');
  const config = loadConfig({ env: {}, flags: { dataDir: backend.dataDir, databaseUrl: backend.databaseUrl, 'demo.enabled': false, 'log.level': 'warn' } });
  const app = await createApp(config);
  try {
    const { camera, key } = await app.cameras.register({ name: 'Bench camera', kind: 'fixed', location: { lat: 32.79, lon: -116.96 }, placement: 'public_view', attestation: true }, 'bench');
    await preload(app, camera.id);
    const image = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const upload = await app.http.inject({ method: 'POST', url: '/api/v1/ingest/images', headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/jpeg' }, payload: image });
    const { sha256 } = upload.json() as { sha256: string };

    // Build the request bodies before timing: the client's work is not the server's.
    const start = Date.now();
    const bodies: string[] = [];
    for (let b = 0; b < READS / BATCH; b++) {
      const reads = [];
      for (let i = 0; i < BATCH; i++) {
        const n = b * BATCH + i;
        // Zipf-ish: most reads are of plates already seen, some are new.
        const plate = n % 5 === 0 ? plateOf(1_000_000 + n) : `P${String(1 + ((n * 7919) % DISTINCT_PLATES)).padStart(7, '0')}`;
        reads.push({ id: uuidv7(), capturedAt: new Date(start - (READS - n) * 5).toISOString(), plate, region: 'us-ca', confidence: 0.91, vehicle: { make: 'Honda', model: 'Civic', color: 'gray', bodyType: 'sedan' }, plateImage: { sha256 }, vehicleImage: { sha256 } });
      }
      bodies.push(JSON.stringify({ reads }));
    }
    const headers = { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' };
    const latencies: number[] = [];
    let next = 0;
    let accepted = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const t0 = performance.now();
          const response = await app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers, payload: body });
          latencies.push(performance.now() - t0);
          if (response.statusCode !== 200) throw new Error(`ingest failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
          accepted += (response.json() as { accepted: number }).accepted;
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `  ${dialect.padEnd(8)} ${fmt(accepted)} reads in ${fmt(seconds, 2)} s = ${fmt(accepted / seconds)} reads/s  (batch latency p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms; ${CONCURRENCY} concurrent batches of ${BATCH})`,
    );
  } finally {
    await app.close();
    await backend.cleanup();
  }
}

console.log(`bench:ingest — ${fmt(READS)} reads in batches of ${BATCH} (images by reference) into a store preloaded with ${fmt(PRELOAD)} reads`);
for (const dialect of selectedDialects()) await run(dialect);
