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
// --rate=N reads/s for the latency phase (default 500: well under the ceiling on a loaded 2-core machine).
// Needs nats-server, PostgreSQL (PLATEKEEPER_BENCH_DATABASE_URL or PLATEKEEPER_TEST_DATABASE_URL;
// default postgres://postgres@127.0.0.1:5432/postgres) and dist/ (npm run build:server).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { CONSUMERS, READS_STREAM } from '../src/cluster/bus.js';
import { openSse } from '../src/alerts/alerts.sse-client.js';
import { missingPrerequisite, startTopology } from '../deploy/local/topology.js';
import { LoadGenerator, NO_RECOGNITION, setUpAgency, setUpOfficer } from '../test/system/cluster.kit.js';
import { BENCH_PG_URL, fmt, percentile } from './bench.kit.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SECONDS = Number(arg('seconds', '15'));
const RATE = Number(arg('rate', '500'));
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
  /** CPU ms per 1,000 stored reads, by component, at the ceiling. */
  cpu: Record<Component, number>;
  p50: number;
  p99: number;
  load: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU milliseconds a process has used so far (user + system), from /proc; 0 when it is gone. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return 0;
  }
}

/** Every PostgreSQL server process on the machine (other users' work included). */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

type Component = 'api' | 'writer' | 'matcher' | 'nats' | 'postgres' | 'load generator';

async function runSize(nodes: number): Promise<Result> {
  const topology = await startTopology({ postgresUrl: POSTGRES, api: nodes, writer: nodes, matcher: 1, scheduler: 0, profile: 'los-altos-pd', settings: NO_RECOGNITION });
  const db = new pg.Client({ connectionString: topology.databaseUrl });
  try {
    await db.connect();
    const agency = await setUpAgency(topology, 200);
    const officer = await setUpOfficer(agency, topology.apiUrls[0]!);
    const sentAt = new Map<string, number>();
    let alertEvents = 0;
    const latencies: number[] = [];
    let measuring = false;
    // The officer's stream on the last API node: alerts cross processes to reach it.
    const stream = openSse(`${topology.apiUrls[topology.apiUrls.length - 1]}/api/v1/alerts/stream`, officer.headers, (event) => {
      if (event.event !== 'alert') return;
      alertEvents++;
      const id = (event.data as { read: { id: string } }).read.id;
      const sent = sentAt.get(id);
      if (sent !== undefined && measuring) latencies.push(performance.now() - sent);
    });
    await stream.opened;
    const countReads = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM reads')).rows[0]!.n);
    const common = { urls: () => topology.apiUrls, cameraKey: agency.cameraKey, plates: agency.plates, hitFraction: HIT, batch: BATCH, senders: SENDERS };
    const nc = await connect({ servers: topology.busUrl.split(',') });
    const matcherPending = async () => (await (await jetstreamManager(nc)).consumers.info(READS_STREAM, CONSUMERS.matcher)).num_pending;

    // Phase 1: the ceiling. Cameras send as fast as they are answered (fewer hits: one officer's
    // stream delivers alerts one at a time, through the gate and the access log, and would queue).
    let ackedInWindow = 0;
    const flood = new LoadGenerator({ ...common, hitFraction: HIT / 10, onAck: (reads) => void (measuring && (ackedInWindow += reads.length)) }).start();
    await sleep(WARMUP_MS);
    measuring = true;
    // PostgreSQL backends come and go: count each one's CPU since the first look (or since it started).
    const postgresBefore = new Map(postgresPids().map((pid) => [pid, cpuMs(pid)]));
    const groups: [Component, () => number][] = [
      ...(['api', 'writer', 'matcher', 'nats'] as const).map((kind): [Component, () => number] => [kind, () => topology.role(kind).reduce((sum, node) => sum + cpuMs(node.pid), 0)]),
      ['postgres', () => postgresPids().reduce((sum, pid) => sum + cpuMs(pid) - (postgresBefore.get(pid) ?? 0), 0)],
      ['load generator', () => { const usage = process.cpuUsage(); return (usage.user + usage.system) / 1000; }],
    ];
    const cpuBefore = groups.map(([name, read]) => (name === 'postgres' ? 0 : read()));
    const storedBefore = await countReads();
    const started = performance.now();
    await sleep(SECONDS * 1000);
    const storedAfter = await countReads();
    const cpuAfter = groups.map(([, read]) => read());
    const elapsed = (performance.now() - started) / 1000;
    measuring = false;
    const cpu = Object.fromEntries(groups.map(([name], i) => [name, ((cpuAfter[i]! - cpuBefore[i]!) * 1000) / Math.max(1, storedAfter - storedBefore)])) as Record<Component, number>;
    const lag = await matcherPending();
    const load1 = loadavg()[0]!;
    await flood.stop();
    for (let i = 0; i < 600 && (await matcherPending()) > 0; i++) await sleep(100);
    // Let the stream deliver what phase 1 raised before latency is measured.
    for (let seen = -1, i = 0; seen !== alertEvents && i < 60; i++) {
      seen = alertEvents;
      await sleep(2_000);
    }

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
    return { nodes, acked: ackedInWindow / elapsed, stored: (storedAfter - storedBefore) / elapsed, alerts: sorted.length, matcherLag: lag, cpu, p50: percentile(sorted, 50), p99: percentile(sorted, 99), load: load1 };
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
    console.log(`     CPU ms per 1,000 reads at the ceiling: ${Object.entries(result.cpu).map(([name, ms]) => `${name} ${fmt(ms)}`).join(', ')}`);
  }
  const base = results[0]!;
  console.log('');
  console.log(`scaling on this machine: ${results.map((r) => `${r.nodes} → ${(r.stored / base.stored).toFixed(2)}×`).join(', ')} of the ${base.nodes}-pair figure`);
  // The prediction rests on CPU per read, which contention changes far less than throughput does.
  const cpu = base.cpu;
  const scaled = cpu.api + cpu.writer + cpu.matcher;
  const perCore = 1_000_000 / Math.max(1, scaled); // reads/s one core of API + writer + matcher work carries
  const nats = 1_000_000 / Math.max(1, cpu.nats);
  const postgres = 1_000_000 / Math.max(1, cpu.postgres);
  console.log(
    `limit here: the ${cpus().length} cores, shared by every process (and by other work: load average above). One API+writer pair already fills them, so more pairs only add contention.`,
  );
  console.log(
    `CPU per read (1-pair run): API + writer + matcher ${fmt(scaled / 1000, 2)} ms, NATS (3 nodes, R3) ${fmt(cpu.nats / 1000, 2)} ms, PostgreSQL ${fmt(cpu.postgres / 1000, 2)} ms, load generator ${fmt(cpu['load generator'] / 1000, 2)} ms.`,
  );
  console.log(
    `prediction: API, writer and matcher processes scale out, ~${fmt(perCore)} reads/s per core of them (${fmt(perCore * 8)} reads/s on 8 cores, ${fmt(perCore * 16)} on 16); ` +
      `each NATS node's share and PostgreSQL then set the ceiling: ~${fmt(nats * 3)} reads/s for a 3-node NATS cluster with a core each, ~${fmt(postgres)} reads/s per PostgreSQL core (the primary takes every insert) — machines for those come before more API cores.`,
  );
}

await main();
