// npm run bench:cluster — the cluster topology end to end (issue 12): camera batches over HTTP to N
// API nodes (round-robin, as behind a load balancer) → JetStream (3 NATS nodes, stream replicas 3)
// → N writers → rows in PostgreSQL, and → one matcher → alert row → every API node → an officer's
// live stream (SSE). Runs with N = 1, 2 and 4 API+writer processes and reports sustained reads/s
// (acknowledged to the camera, and stored in PostgreSQL over the same window) with the cameras
// sending as fast as they are answered, then the alert latency (camera request sent → alert event
// parsed by the SSE client) p50/p99 at a steady --rate below that ceiling (a saturated pipeline's
// latency is only its queue), and how far the matcher lagged behind at the ceiling.
// Everything shares this machine's cores with the load generator itself (this process), PostgreSQL
// and the NATS nodes, so the figures are a floor for a real deployment; read them with the
// machine's load (printed) in mind.
// Options: --seconds=N per phase (default 15), --sizes=1,2,4, --senders=N concurrent camera
// connections (default 8), --batch=N reads per request (default 50), --hit=F (default 0.01),
// --rate=N reads/s for the latency phase (default 1000).
// Needs nats-server, PostgreSQL (PLATEKEEPER_BENCH_DATABASE_URL or PLATEKEEPER_TEST_DATABASE_URL;
// default postgres://postgres@127.0.0.1:5432/postgres) and dist/ (npm run build:server).
import { cpus, loadavg } from 'node:os';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { CONSUMERS, READS_STREAM } from '../src/cluster/bus.js';
import { openSse } from '../src/alerts/alerts.sse-client.js';
import { missingPrerequisite, startTopology } from '../deploy/local/topology.js';
import { LoadGenerator, setUpAgency, setUpOfficer } from '../test/system/cluster.kit.js';
import { BENCH_PG_URL, fmt, percentile } from './bench.kit.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SECONDS = Number(arg('seconds', '15'));
const RATE = Number(arg('rate', '1000'));
const SIZES = arg('sizes', '1,2,4').split(',').map(Number);
const SENDERS = Number(arg('senders', '8'));
const BATCH = Number(arg('batch', '50'));
const HIT = Number(arg('hit', '0.01'));
const POSTGRES = BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WARMUP_MS = 3_000;

interface Result {
  nodes: number;
  acked: number;
  stored: number;
  alerts: number;
  matcherLag: number;
  p50: number;
  p99: number;
  load: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runSize(nodes: number): Promise<Result> {
  const topology = await startTopology({ postgresUrl: POSTGRES, api: nodes, writer: nodes, matcher: 1, scheduler: 0, profile: 'los-altos-pd' });
  const db = new pg.Client({ connectionString: topology.databaseUrl });
  try {
    await db.connect();
    const agency = await setUpAgency(topology, 200);
    const officer = await setUpOfficer(agency, topology.apiUrls[0]!);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let measuring = false;
    // The officer's stream on the last API node: alerts cross processes to reach it.
    const stream = openSse(`${topology.apiUrls[topology.apiUrls.length - 1]}/api/v1/alerts/stream`, officer.headers, (event) => {
      if (event.event !== 'alert') return;
      const id = (event.data as { read: { id: string } }).read.id;
      const sent = sentAt.get(id);
      if (sent !== undefined && measuring) latencies.push(performance.now() - sent);
    });
    await stream.opened;
    const countReads = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM reads')).rows[0]!.n);
    const common = { urls: () => topology.apiUrls, cameraKey: agency.cameraKey, plates: agency.plates, hitFraction: HIT, batch: BATCH, senders: SENDERS };
    const nc = await connect({ servers: topology.busUrl.split(',') });
    const matcherPending = async () => (await (await jetstreamManager(nc)).consumers.info(READS_STREAM, CONSUMERS.matcher)).num_pending;

    // Phase 1: the ceiling. Cameras send as fast as they are answered.
    let ackedInWindow = 0;
    const flood = new LoadGenerator({ ...common, onAck: (reads) => void (measuring && (ackedInWindow += reads.length)) }).start();
    await sleep(WARMUP_MS);
    measuring = true;
    const storedBefore = await countReads();
    const started = performance.now();
    await sleep(SECONDS * 1000);
    const storedAfter = await countReads();
    const elapsed = (performance.now() - started) / 1000;
    measuring = false;
    const lag = await matcherPending();
    const load1 = loadavg()[0]!;
    await flood.stop();
    for (let i = 0; i < 600 && (await matcherPending()) > 0; i++) await sleep(100);

    // Phase 2: alert latency at a steady rate below the ceiling.
    const steady = new LoadGenerator({
      ...common,
      rate: RATE,
      onSend: (reads, at) => {
        for (const read of reads) if (read.hit && !sentAt.has(read.id)) sentAt.set(read.id, at);
      },
    }).start();
    await sleep(WARMUP_MS);
    measuring = true;
    await sleep(SECONDS * 1000);
    measuring = false;
    await steady.stop();
    await sleep(1_000);
    stream.close();
    await nc.close();
    const sorted = latencies.sort((a, b) => a - b);
    return { nodes, acked: ackedInWindow / elapsed, stored: (storedAfter - storedBefore) / elapsed, alerts: sorted.length, matcherLag: lag, p50: percentile(sorted, 50), p99: percentile(sorted, 99), load: load1 };
  } finally {
    await db.end().catch(() => undefined);
    await topology.stop();
  }
}

async function main(): Promise<void> {
  const missing = await missingPrerequisite(POSTGRES);
  if (missing) {
    console.log(`bench:cluster skipped: ${missing}.`);
    return;
  }
  console.log(`bench:cluster — per size: ${SECONDS} s at the ceiling, then ${SECONDS} s at ${fmt(RATE)} reads/s for alert latency (each after ${WARMUP_MS / 1000} s warm-up); ${SENDERS} camera connections × ${BATCH} reads per request, ${HIT * 100}% listed plates`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} before start (other work shares these cores)`);
  console.log('each size: 3 NATS nodes (stream replicas 3), N API + N writer processes, 1 matcher, PostgreSQL 15; the load generator runs in this process');
  const results: Result[] = [];
  for (const nodes of SIZES) {
    const result = await runSize(nodes);
    results.push(result);
    console.log(
      `  ${nodes} API + ${nodes} writer: ceiling ${fmt(result.acked)} reads/s acknowledged, ${fmt(result.stored)} reads/s stored in PostgreSQL (matcher ${fmt(result.matcherLag)} reads behind at the end; load average ${result.load.toFixed(1)}); ` +
        `at ${fmt(RATE)} reads/s alert latency p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms (${result.alerts} alerts)`,
    );
  }
  const base = results[0]!;
  const best = results.reduce((a, b) => (b.stored > a.stored ? b : a));
  console.log('');
  console.log(`scaling: ${results.map((r) => `${r.nodes} → ${(r.stored / base.stored).toFixed(2)}×`).join(', ')} of the ${base.nodes}-node figure`);
  const cores = cpus().length;
  const perCore = best.stored / cores;
  console.log(
    `the ${cores} cores are the limit here: the best figure (${fmt(best.stored)} reads/s) is ~${fmt(perCore)} reads/s per core for the whole path (HTTP, JSON, JetStream ×3, PostgreSQL, alerts).`,
  );
  console.log(
    `prediction: API and writer processes are stateless, so with the NATS and PostgreSQL nodes on machines of their own, each added core running an API+writer pair adds roughly that per-core figure ` +
      `(about ${fmt(perCore * 8)} reads/s on 8 cores, ${fmt(perCore * 16)} on 16) until JetStream's replicated stream or PostgreSQL's insert rate becomes the limit instead.`,
  );
}

await main();
