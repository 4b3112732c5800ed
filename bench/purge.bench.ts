// Purge throughput and a concurrent writer's latency (SQLite on disk, or PostgreSQL with
// PLATEKEEPER_TEST_DATABASE_URL): N old reads over 20,000 plates and 1,000 images, purged in
// batches of 5,000 while a writer inserts 100-read groups of new reads in a tight loop.
// Run: npm run bench:purge -- [reads=200000] [sqlite|postgres] [pause ms between batches=50] [nowriter]
import { v7 as uuidv7 } from 'uuid';
import { SYSTEM_ACTOR } from '../src/audit/access-log.js';
import type { DialectName } from '../src/platform/database.js';
import { retentionKit } from '../src/retention/retention.testkit.js';

const total = Number(process.argv[2] ?? 200_000);
const dialect = (process.argv[3] ?? 'sqlite') as DialectName;
const kit = await retentionKit(dialect, 'el-cajon-pd', { now: '2026-06-15T12:00:00Z', pauseMs: Number(process.argv[4] ?? 50) });
const db = kit.database.handle.db;
const cam = await kit.camera('fixed');
const old = Date.parse('2026-01-01T00:00:00Z');
const shas: string[] = [];
for (let i = 0; i < 1000; i++) shas.push(await kit.image(Buffer.from(`bench-image-${i}`)));
for (let p = 0; p < 20_000; p += 1000) await db.insertInto('plates').values(Array.from({ length: 1000 }, (_, i) => ({ plate: `B${p + i}`, region: 'us-ca' }))).execute();
const plateIds = (await db.selectFrom('plates').select('id').execute()).map((r) => r.id);
await db.insertInto('plates').values(Array.from({ length: 1000 }, (_, i) => ({ plate: `N${i}`, region: 'us-ca' }))).execute();
const newPlateIds = (await db.selectFrom('plates').select('id').where('plate', 'like', 'N%').execute()).map((r) => r.id);
const row = (i: number, capturedAt: number, ids = plateIds) => ({ id: uuidv7(), cameraId: cam, plateId: ids[i % ids.length]!, plateRaw: 'X', regionRaw: 'CA', plateCheck: 'standard', confidence: 0.9, capturedAt, receivedAt: capturedAt, lat: null, lon: null, heading: null, vehicleMake: null, vehicleModel: null, vehicleColor: null, vehicleBody: null, plateImage: shas[i % shas.length]!, vehicleImage: null, vendorData: null });
const loadStart = performance.now();
for (let i = 0; i < total; i += 1000) await db.insertInto('reads').values(Array.from({ length: Math.min(1000, total - i) }, (_, j) => row(i + j, old + (i + j) * 10))).execute();
console.log(`${dialect}: loaded ${total} old reads in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

// A writer inserting 100-read groups (as group commit does) while the purge runs; latency per group.
let writing = process.argv[5] !== 'nowriter';
const latencies: number[] = [];
const writer = (async () => {
  let k = 0;
  while (writing) {
    const t0 = performance.now();
    await db.insertInto('reads').values(Array.from({ length: 100 }, (_, j) => row(k++ * 100 + j, Date.parse('2026-06-15T11:00:00Z') + j, newPlateIds))).execute();
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setImmediate(resolve));
  }
})();
const t0 = performance.now();
const run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
const seconds = (performance.now() - t0) / 1000;
writing = false;
await writer;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies.length === 0 ? '-' : latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
for (const c of run.classes) console.log(c.className, c.deleted, JSON.stringify(c.details));
const reads = run.classes.find((c) => c.className === 'fixedReads')!;
console.log(`${dialect}: purged ${reads.deleted} reads (${JSON.stringify(reads.details)}) in ${seconds.toFixed(1)} s = ${Math.round(reads.deleted / seconds)} reads/s`);
console.log(`${dialect}: concurrent writer: ${latencies.length} groups of 100 during the purge; latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms`);
await kit.cleanup();
