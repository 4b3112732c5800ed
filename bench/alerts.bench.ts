// npm run bench:alerts — from ingest request to alert delivered to a connected SSE client, at
// 1,000 reads/s with a fraction hitting the hot lists, on SQLite (issue 5: p99 < 100 ms).
// The whole path runs for real over HTTP: camera batches to POST /api/v1/ingest/reads (group
// commit), 'reads.stored', the matcher (50,000 list entries), the alert row, the purpose gate with
// the hit as the purpose, the access-log entry, and the SSE event parsed by the client. Client and
// server share this process (and its event loop), so the numbers include the client's own work.
// Options: --seconds=N (default 20), --rate=N reads/s (default 1000), --hit=F fraction hitting
// (default 0.02), --clients=N connected officers (default 1), --batch=N reads per request (default 10).
import { v7 as uuidv7 } from 'uuid';
import { startTestApp } from '../test/app.testkit.js';
import { openSse } from '../src/alerts/alerts.sse-client.js';
import type { HitSource, ListInfo } from '../src/alerts/alerts.types.js';
import { buildMatcher, type HotListEntry } from '../src/hotlists/matcher.js';
import { fmt, percentile } from './bench.kit.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 20);
const RATE = arg('rate', 1000);
const HIT = arg('hit', 0.02);
const CLIENTS = arg('clients', 1);
const BATCH = arg('batch', 10);
const ENTRIES = 50_000;

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const listedPlate = (n: number) => `${1 + (n % 9)}${LETTERS[n % 23]}${LETTERS[(n >> 3) % 23]}${LETTERS[(n >> 7) % 23]}${String(n % 1000).padStart(3, '0')}`;
// Unlisted plates: a shape no entry has (letters first), so they never hit, even one confusion away.
const freePlate = (n: number) => `ZZ${String(n % 100_000).padStart(5, '0')}`;

async function main(): Promise<void> {
  console.log(`bench:alerts — ${fmt(RATE)} reads/s for ${SECONDS} s, ${HIT * 100}% hitting, ${CLIENTS} SSE client(s), batches of ${BATCH}, SQLite`);
  const t = await startTestApp('sqlite');
  try {
    const list: ListInfo = { id: 'bench-list', name: 'Bench stolen vehicles', priority: 0, source: 'bench', dataSource: 'state', lastUpdatedAt: Date.now() };
    const entries: HotListEntry[] = [];
    for (let i = 0; i < ENTRIES; i++) entries.push({ id: `e${i}`, listId: list.id, priority: 0, category: 'stolen_vehicle', plate: listedPlate(i) });
    const built = performance.now();
    const matcher = buildMatcher(entries);
    const source: HitSource = { match: (read) => matcher.match(read), listInfo: (id) => (id === list.id ? list : undefined) };
    t.app.alerts.useHitSource(source);
    console.log(`  matcher: ${fmt(ENTRIES)} entries in ${fmt(performance.now() - built)} ms`);

    const base = await t.app.http.listen({ host: '127.0.0.1', port: 0 });
    const camera = await t.registerCamera({ name: 'Bench camera' });
    const sent = new Map<string, number>(); // read id → when its request was sent
    const stored = new Map<string, number>(); // read id → when ingest committed it ('reads.stored')
    t.app.events.on('reads.stored', (reads) => {
      const now = performance.now();
      for (const read of reads) if (sent.has(read.id)) stored.set(read.id, now);
    });
    const latencies: number[][] = [];
    const alertSide: number[][] = [];
    const connections = [];
    for (let c = 0; c < CLIENTS; c++) {
      const officer = await t.createEligibleUser(['officer']);
      const mine: number[] = [];
      const after: number[] = [];
      latencies.push(mine);
      alertSide.push(after);
      const conn = openSse(`${base}/api/v1/alerts/stream`, officer.headers, (event) => {
        if (event.event !== 'alert') return;
        const id = (event.data as { read: { id: string } }).read.id;
        const at = sent.get(id);
        const committed = stored.get(id);
        if (at !== undefined) mine.push(performance.now() - at);
        if (committed !== undefined) after.push(performance.now() - committed);
      });
      await conn.opened;
      connections.push(conn);
    }
    while (t.app.alerts.connectionCount < CLIENTS) await new Promise((resolve) => setTimeout(resolve, 10));

    const acks: number[] = [];
    let hits = 0;
    let n = 0;
    const total = RATE * SECONDS;
    const interval = (1000 * BATCH) / RATE;
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let b = 0; n < total; b++) {
      const due = started + b * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const reads = [];
      const at = performance.now();
      for (let i = 0; i < BATCH && n < total; i++, n++) {
        const id = uuidv7();
        const hit = (n * 7919) % 10_000 < HIT * 10_000;
        if (hit) {
          hits++;
          sent.set(id, at);
        }
        reads.push({ id, capturedAt: new Date().toISOString(), plate: hit ? listedPlate((n * 31) % ENTRIES) : freePlate(n), region: 'us-ca', confidence: 0.9 });
      }
      inflight.push(
        fetch(`${base}/api/v1/ingest/reads`, { method: 'POST', headers: { authorization: `Bearer ${camera.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ reads }) }).then(async (response) => {
          if (!response.ok) throw new Error(`ingest ${response.status}: ${await response.text()}`);
          await response.arrayBuffer();
          acks.push(performance.now() - at);
        }),
      );
    }
    await Promise.all(inflight);
    const sending = (performance.now() - started) / 1000;
    const deadline = Date.now() + 10_000;
    while (latencies.some((l) => l.length < hits) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const conn of connections) conn.close();

    console.log(`  sent ${fmt(n)} reads in ${fmt(sending, 1)} s (${fmt(n / sending)} reads/s), ${fmt(hits)} hitting`);
    acks.sort((a, b) => a - b);
    console.log(`  ingest acknowledgement: p50 ${fmt(percentile(acks, 50), 1)} ms, p95 ${fmt(percentile(acks, 95), 1)} ms, p99 ${fmt(percentile(acks, 99), 1)} ms`);
    let worst = 0;
    latencies.forEach((mine, c) => {
      const sorted = [...mine].sort((a, b) => a - b);
      const p99 = percentile(sorted, 99);
      const side = [...alertSide[c]!].sort((a, b) => a - b);
      worst = Math.max(worst, p99);
      console.log(
        `  client ${c + 1}: ${fmt(mine.length)}/${fmt(hits)} alerts delivered; request → alert p50 ${fmt(percentile(sorted, 50), 1)} ms, p95 ${fmt(percentile(sorted, 95), 1)} ms, p99 ${fmt(p99, 1)} ms, max ${fmt(sorted.at(-1) ?? NaN, 1)} ms`,
      );
      console.log(`            stored → alert (the alerts room's share): p50 ${fmt(percentile(side, 50), 1)} ms, p95 ${fmt(percentile(side, 95), 1)} ms, p99 ${fmt(percentile(side, 99), 1)} ms`);
    });
    const missing = latencies.some((l) => l.length < hits);
    console.log(`  target p99 < 100 ms: ${!missing && worst < 100 ? 'met' : 'NOT met'}${missing ? ' (alerts missing)' : ''}`);
    process.exitCode = missing ? 1 : 0;
  } finally {
    await t.cleanup();
  }
}

await main();
