// npm run bench:adapters — vendor payloads per second through each adapter into the store, next to
// the native API sending the same one read per request (issue 10: each adapter within 20% of the
// native figure). HTTP adapters go through the server with inject, like a device; Frigate has no
// HTTP route, so its MQTT messages go straight to the adapter service (new, update, lpr update,
// update, end: five messages per read). Payloads carry no inline images (bench:ingest measures
// those). "native+vendor" is the native API sending the ~2 KB of vendor data an OpenALPR group
// keeps (taken from the adapter), to tell the adapter's own cost from the cost of storing more data. Options: --payloads=N per adapter (default 20,000), --concurrency=N (default 4),
// --dialect=sqlite|postgres, --kinds=openalpr,frigate (native always runs).
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../src/app.js';
import type { CameraAdapter } from '../src/cameras/cameras.schemas.js';
import { aiDumpAlert } from '../src/ingest/adapters/fixtures/blueiris.fixtures.js';
import { carPass } from '../src/ingest/adapters/fixtures/frigate.fixtures.js';
import { rekorGroup } from '../src/ingest/adapters/fixtures/openalpr.fixtures.js';
import { fromOpenAlpr } from '../src/ingest/adapters/openalpr.adapter.js';
import { streamWebhook } from '../src/ingest/adapters/fixtures/platerecognizer.fixtures.js';
import { loadConfig } from '../src/platform/config.js';
import type { DialectName } from '../src/platform/database.js';
import { createBackend, fmt, percentile, selectedDialects } from './bench.kit.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const PAYLOADS = arg('payloads', 20_000);
const CONCURRENCY = arg('concurrency', 4);
/** Untimed payloads first, so that no adapter pays for the JIT or the first inserts. */
const WARMUP = Math.min(1000, Math.ceil(PAYLOADS / 10));

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const plateOf = (n: number) => `${1 + (n % 9)}${LETTERS[n % 23]}${LETTERS[(n >> 3) % 23]}${LETTERS[(n >> 7) % 23]}${String(n % 1000).padStart(3, '0')}`;

type Bodies = (start: number) => string[];

/** The i-th payload of each kind: a distinct vehicle each time, times within the last minutes. */
const nativeRead = (start: number, i: number) => ({ id: uuidv7(), capturedAt: new Date(start - i).toISOString(), plate: plateOf(i), region: 'us-ca', confidence: 0.93, vehicle: { make: 'honda', model: 'civic', color: 'silver-gray', bodyType: 'sedan-standard' } });
/** What the OpenALPR adapter keeps of a Rekor group as vendor data (about 1.7 KB), taken from the adapter itself. */
const rekorVendor = (() => {
  const { vehicle_crop_jpeg: _image, ...group } = rekorGroup;
  const { adapter: _adapter, format: _format, ...kept } = fromOpenAlpr(group, { cameraId: 'bench', timeZone: 'UTC' }).reads[0]!.vendor!;
  return { adapter: 'native', format: 'bench', ...kept };
})();

const BODIES: Record<'native' | 'native+vendor' | 'openalpr' | 'platerecognizer' | 'blueiris', Bodies> = {
  native: (start) => Array.from({ length: PAYLOADS + WARMUP }, (_, i) => JSON.stringify({ reads: [nativeRead(start, i)] })),
  'native+vendor': (start) => Array.from({ length: PAYLOADS + WARMUP }, (_, i) => JSON.stringify({ reads: [{ ...nativeRead(start, i), vendor: rekorVendor }] })),
  openalpr: (start) => {
    const { vehicle_crop_jpeg: _image, ...group } = rekorGroup;
    return Array.from({ length: PAYLOADS + WARMUP }, (_, i) => JSON.stringify({ ...group, epoch_start: start - i, epoch_end: start - i + 2000, best_plate_number: plateOf(i), best_region: 'us-ca' }));
  },
  platerecognizer: (start) =>
    Array.from({ length: PAYLOADS + WARMUP }, (_, i) =>
      JSON.stringify({ ...streamWebhook, data: { ...streamWebhook.data, timestamp: new Date(start - i).toISOString(), results: [{ ...streamWebhook.data.results[0], plate: plateOf(i).toLowerCase(), region: { code: 'us-ca', score: 0.9 } }] } }),
    ),
  blueiris: (start) => {
    const [objects, alpr] = aiDumpAlert.ai_dump;
    const { Image: _image, ...alert } = aiDumpAlert;
    return Array.from({ length: PAYLOADS + WARMUP }, (_, i) =>
      JSON.stringify({ ...alert, timestamp: new Date(start - i).toISOString(), ALERT_PATH: `LPR1.${i}.jpg`, ai_dump: [objects, { ...alpr, found: { ...alpr!.found, predictions: [{ ...alpr!.found.predictions[0], plate: plateOf(i), label: `Plate: ${plateOf(i)}` }] } }] }),
    );
  },
};

const PATHS = { native: '/api/v1/ingest/reads', 'native+vendor': '/api/v1/ingest/reads', openalpr: '/api/v1/ingest/openalpr', platerecognizer: '/api/v1/ingest/platerecognizer', blueiris: '/api/v1/ingest/blueiris' } as const;

interface Figure {
  name: string;
  /** payloads/s in each round (the HTTP kinds run interleaved, round by round). */
  rounds?: number[];
  payloads: number;
  reads: number;
  seconds: number;
  cpuMs: number;
  p50: number;
  p99: number;
}

const ONLY = process.argv.find((a) => a.startsWith('--kinds='))?.split('=')[1]?.split(',');
/** native first: the others are compared with it. --kinds=native,openalpr runs only those (e.g. to profile one). */
const HTTP_KINDS = (['native', 'native+vendor', 'openalpr', 'platerecognizer', 'blueiris'] as const).filter((kind) => kind === 'native' || !ONLY || ONLY.includes(kind));
const ROUNDS = 7;

async function run(dialect: DialectName): Promise<void> {
  const backend = await createBackend(dialect, 'adapters');
  const config = loadConfig({ env: {}, flags: { dataDir: backend.dataDir, databaseUrl: backend.databaseUrl, 'demo.enabled': false, 'log.level': 'warn' } });
  const app = await createApp(config);
  const figures: Figure[] = [];
  try {
    const register = async (adapter: CameraAdapter) =>
      (await app.cameras.register({ name: `Bench ${adapter}`, kind: 'fixed', adapter, location: { lat: 32.79, lon: -116.96 }, placement: 'public_view', attestation: true }, 'bench')).key.key;
    const kinds = [];
    for (const name of HTTP_KINDS) {
      const headers = { 'x-api-key': await register(name === 'native+vendor' ? 'native' : name), 'content-type': 'application/json' };
      const all = BODIES[name](Date.now());
      for (const body of all.slice(0, WARMUP)) await app.http.inject({ method: 'POST', url: PATHS[name], headers, payload: body });
      kinds.push({ name, headers, bodies: all.slice(WARMUP), figure: { name, payloads: 0, reads: 0, seconds: 0, cpuMs: 0, p50: 0, p99: 0 } as Figure, latencies: [] as number[] });
    }
    // Interleaved rounds: every kind sees the same disk and cache conditions.
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of kinds) {
        const chunk = kind.bodies.slice(Math.floor((round * kind.bodies.length) / ROUNDS), Math.floor(((round + 1) * kind.bodies.length) / ROUNDS));
        let next = 0;
        const cpu = process.cpuUsage();
        const began = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < chunk.length) {
              const body = chunk[next++]!;
              const t0 = performance.now();
              const response = await app.http.inject({ method: 'POST', url: PATHS[kind.name], headers: kind.headers, payload: body });
              kind.latencies.push(performance.now() - t0);
              if (response.statusCode !== 200) throw new Error(`${kind.name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
              kind.figure.reads += (response.json() as { accepted: number }).accepted;
            }
          }),
        );
        const seconds = (performance.now() - began) / 1000;
        kind.figure.seconds += seconds;
        (kind.figure.rounds ??= []).push(chunk.length / seconds);
        const used = process.cpuUsage(cpu);
        kind.figure.cpuMs += (used.user + used.system) / 1000;
        kind.figure.payloads += chunk.length;
      }
    }
    for (const kind of kinds) {
      kind.latencies.sort((a, b) => a - b);
      figures.push({ ...kind.figure, p50: percentile(kind.latencies, 50), p99: percentile(kind.latencies, 99) });
    }
    if (!ONLY || ONLY.includes('frigate')) figures.push(await frigate(app, await app.cameras.register({ name: 'Bench frigate', kind: 'fixed', adapter: 'frigate', location: { lat: 32.79, lon: -116.96 }, placement: 'public_view', attestation: true }, 'bench')));
  } finally {
    await app.close();
    await backend.cleanup();
  }
  const native = figures[0]!;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  for (const f of figures) {
    const rate = f.payloads / f.seconds;
    // Beside the whole-run ratio, the median of each round's ratio to native's round just before it:
    // on a shared machine a burst of someone else's work lands on one round, not on the median.
    const perRound = f.rounds && native.rounds ? median(f.rounds.map((r, i) => r / native.rounds![i]!)) : undefined;
    const vsNative =
      f.name === 'native' ? '   (baseline)' : `${fmt((rate / (native.payloads / native.seconds)) * 100).padStart(4)}% of native${perRound !== undefined ? ` (median round ${fmt(perRound * 100)}%)` : ''}`;
    console.log(
      `  ${dialect.padEnd(8)} ${f.name.padEnd(16)} ${fmt(rate).padStart(7)} payloads/s ${fmt(f.reads / f.seconds).padStart(7)} reads/s  ${vsNative}  CPU ${fmt((f.cpuMs * 1000) / f.payloads).padStart(4)} µs/payload  p50 ${fmt(f.p50, 2)} ms, p99 ${fmt(f.p99, 2)} ms`,
    );
  }
}

/** Frigate: messages straight into the adapter service, one car (five messages) at a time per worker. */
async function frigate(app: Awaited<ReturnType<typeof createApp>>, registered: { camera: { id: string } }): Promise<Figure> {
  app.config.mqtt.cameras.bench_cam = registered.camera.id;
  const cars = Math.max(1, Math.floor(PAYLOADS / 5));
  const passes = Array.from({ length: cars }, (_, i) => {
    const now = Date.now() / 1000 - i / 1000;
    return carPass('bench_cam', `${now}-${i}`).map(([topic, message]): [typeof topic, Record<string, unknown>] => [topic, withTimes(message, now)]);
  });
  let next = 0;
  let reads = 0;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < passes.length) {
        const pass = passes[next++]!;
        for (const [topic, message] of pass) {
          const t0 = performance.now();
          const response = await app.adapters.frigate(topic, message);
          latencies.push(performance.now() - t0);
          reads += response?.accepted ?? 0;
        }
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return { name: 'frigate (mqtt)', payloads: cars * 5, reads, seconds, cpuMs: (used.user + used.system) / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Moves a fixture message's times (2020) to now, so the read is inside the accepted window. */
function withTimes(message: Record<string, unknown>, now: number): Record<string, unknown> {
  if (message.type === 'lpr') return { ...message, timestamp: now };
  const after = message.after as Record<string, unknown>;
  return { ...message, after: { ...after, frame_time: now, start_time: now - 3 } };
}

console.log(`bench:adapters — ${fmt(PAYLOADS)} payloads per adapter (one plate each, no inline images), ${CONCURRENCY} concurrent requests; native = the native API with one read per request`);
for (const dialect of selectedDialects()) await run(dialect);
