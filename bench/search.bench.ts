// npm run bench:search — p50/p95 per search kind over a realistic store, for SQLite and PostgreSQL
// (issue 6). The store: Zipf-distributed plate frequencies (a few plates read thousands of times,
// most once or twice), 200 cameras on a 30 km grid, a year of reads, and planted convoys (a target and
// two followers within 30 s at 4–6 cameras) and series (vehicles at 2–3 of 3 place-and-time windows).
// Every search goes through HTTP, the purpose gate and the access log, as a user's would.
// Then, on the same data, a "plain" design: the plate kept only as text on each read and one index per
// column (plate, lat, lon, make, color, model, camera, time), queried directly (no gate, no log).
// Options: --reads=N (default 1,000,000), --plates=N (default reads/5), --queries=N per kind
// (default 25), --dialect=sqlite|postgres, --no-plain.
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { confusableVariants, confusionKey, editDistance } from '../src/plates/index.js';
import { isAppError } from '../src/platform/errors.js';
import type { DialectName } from '../src/platform/database.js';
import type { SearchKind, SearchRequest } from '../src/search/search.schemas.js';
import { dayOf, ReadPartitions } from '../src/storage/partitions.js';
import { BENCH_PG_URL, fmt, percentile, selectedDialects } from './bench.kit.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const READS = arg('reads', 1_000_000);
const PLATES = arg('plates', Math.round(READS / 5));
const QUERIES = arg('queries', 25);
const CAMERAS = 200;
const PLAIN = !process.argv.includes('--no-plain');
const YEAR = 365 * 24 * 3600_000;
const HOUR = 3600_000;

// The testkit signs a user in as a person would; it reads the PostgreSQL URL when it loads.
if (BENCH_PG_URL && !process.env.PLATEKEEPER_TEST_DATABASE_URL) process.env.PLATEKEEPER_TEST_DATABASE_URL = BENCH_PG_URL;
const { startTestApp } = await import('../test/app.testkit.js');

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const MAKES = [
  ['Toyota', 'Camry'],
  ['Honda', 'Civic'],
  ['Ford', 'F-150'],
  ['Chevrolet', 'Silverado'],
  ['Nissan', 'Altima'],
  ['Tesla', 'Model 3'],
  ['Hyundai', 'Elantra'],
  ['Jeep', 'Wrangler'],
] as const;
const COLORS = ['white', 'black', 'grey', 'silver', 'blue', 'red', 'green', 'tan'];
const BODIES = ['sedan', 'pickup', 'suv', 'sedan', 'suv', 'sedan', 'sedan', 'suv'];

interface Store {
  /** Distinct plates by Zipf rank (packed codes; plateAt decodes one). */
  plateCount: number;
  plateAt(rank: number): { plate: string; region: string };
  cameras: { id: string; lat: number; lon: number }[];
  convoys: { target: string; followers: string[] }[];
  series: {
    windows: { camera: number; from: number; to: number }[];
    vehicles: string[];
  }[];
  start: number;
}

// Plates as numbers, so 20M of them (a 100M-read store) need no JavaScript string or object each:
// CA 1ABC234 (9 · 23³ · 1000 codes), then NV and AZ ABC1234 (23³ · 10⁴ codes each).
const L3 = LETTERS.length ** 3;
const CA_CODES = 9 * L3 * 1000;
const OUT_CODES = L3 * 10_000;
const CODE_SPACE = CA_CODES + 2 * OUT_CODES;

function decodePlate(code: number): { plate: string; region: string } {
  const letters = (n: number) => LETTERS[Math.floor(n / LETTERS.length ** 2)]! + LETTERS[Math.floor(n / LETTERS.length) % LETTERS.length]! + LETTERS[n % LETTERS.length]!;
  if (code < CA_CODES) {
    const digits = code % 1000;
    const rest = Math.floor(code / 1000);
    return { plate: `${1 + Math.floor(rest / L3)}${letters(rest % L3)}${String(digits).padStart(3, '0')}`, region: 'CA' };
  }
  const c = code - CA_CODES;
  const region = c < OUT_CODES ? 'NV' : 'AZ';
  const r = c % OUT_CODES;
  return { plate: `${letters(Math.floor(r / 10_000))}${String(r % 10_000).padStart(4, '0')}`, region };
}

/** Distinct plates: CA 1ABC234 mostly (85%), some 7-character NV and AZ ones; a bitmap keeps them distinct. */
function makePlates(random: () => number): Uint32Array {
  const seen = new Uint8Array(Math.ceil(CODE_SPACE / 8));
  const out = new Uint32Array(PLATES);
  for (let n = 0; n < PLATES; ) {
    const code = random() < 0.85 ? Math.floor(random() * CA_CODES) : CA_CODES + Math.floor(random() * 2 * OUT_CODES);
    const bit = 1 << (code & 7);
    if ((seen[code >>> 3]! & bit) !== 0) continue;
    seen[code >>> 3]! |= bit;
    out[n++] = code;
  }
  return out;
}

/** Zipf(s = 1.05) over plate ranks: inverse CDF by binary search. */
function zipfSampler(n: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** 1.05;
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

type Db = Awaited<ReturnType<typeof startTestApp>>['app']['database'];
const READ_COLUMNS = ['id', 'camera_id', 'plate_id', 'plate_raw', 'region_raw', 'captured_at', 'received_at', 'lat', 'lon', 'vehicle_make', 'vehicle_model', 'vehicle_color', 'vehicle_body'] as const;
const SQLITE_ROWS_PER_INSERT = 200;
const PG_ROWS_PER_INSERT = 20_000;
const ROWS_PER_COMMIT = 1_000_000;

/**
 * The bulk path into one table: multi-row prepared INSERTs in big transactions (SQLite) or unnest()
 * arrays of 20,000 rows (PostgreSQL). SQLite checkpoints and truncates its WAL after each commit: the
 * app's checkpointer (a PASSIVE checkpoint a second) cannot keep up with a bulk load, and a WAL that
 * is never fully checkpointed is never restarted, so it grew by every page each commit touched until
 * the disk was full (the SQLITE_FULL of the first 10M attempt).
 */
class BulkWriter {
  private readonly values: unknown[][];
  private rows = 0;
  private pending = 0;
  private readonly insert: import('better-sqlite3').Statement | undefined;
  private client: pg.Client | undefined;
  written = 0;

  constructor(
    private readonly database: Db,
    private readonly pgUrl: string | undefined,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly constants: Record<string, string> = {},
  ) {
    this.values = columns.map(() => []);
    const names = [...columns, ...Object.keys(constants)].join(', ');
    if (database.sqlite) {
      const one = `(${[...columns.map(() => '?'), ...Object.values(constants)].join(', ')})`;
      this.insert = database.sqlite.prepare(`INSERT INTO ${table} (${names}) VALUES ${Array.from({ length: SQLITE_ROWS_PER_INSERT }, () => one).join(', ')}`);
      database.sqlite.exec('BEGIN');
    }
  }

  async push(...row: unknown[]): Promise<void> {
    for (let c = 0; c < row.length; c++) this.values[c]!.push(row[c]);
    this.rows++;
    if (this.rows >= (this.database.sqlite ? SQLITE_ROWS_PER_INSERT : PG_ROWS_PER_INSERT)) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.rows === 0) return;
    const sqlite = this.database.sqlite;
    if (sqlite) {
      if (this.rows === SQLITE_ROWS_PER_INSERT && this.insert) {
        const flat: unknown[] = [];
        for (let r = 0; r < this.rows; r++) for (const column of this.values) flat.push(column[r]);
        this.insert.run(flat);
      } else {
        const one = `(${[...this.columns.map(() => '?'), ...Object.values(this.constants)].join(', ')})`;
        const flat: unknown[] = [];
        for (let r = 0; r < this.rows; r++) for (const column of this.values) flat.push(column[r]);
        sqlite.prepare(`INSERT INTO ${this.table} (${[...this.columns, ...Object.keys(this.constants)].join(', ')}) VALUES ${Array.from({ length: this.rows }, () => one).join(', ')}`).run(flat);
      }
      this.pending += this.rows;
      if (this.pending >= ROWS_PER_COMMIT) this.commit(true);
    } else {
      this.client ??= await this.connect();
      const types = this.columns.map((c) => PG_TYPES[c] ?? 'text');
      const list = this.columns.map((c, i) => `$${i + 1}::${types[i]}[]`).join(', ');
      const select = [...this.columns.map((c) => `u.${c}`), ...Object.values(this.constants)].join(', ');
      await this.client.query(`INSERT INTO ${this.table} (${[...this.columns, ...Object.keys(this.constants)].join(', ')}) SELECT ${select} FROM unnest(${list}) WITH ORDINALITY AS u(${this.columns.join(', ')}, n) ORDER BY n`, this.values);
    }
    this.written += this.rows;
    this.rows = 0;
    for (const column of this.values) column.length = 0;
  }

  private commit(again: boolean): void {
    const sqlite = this.database.sqlite!;
    sqlite.exec('COMMIT');
    checkpoint(sqlite);
    this.pending = 0;
    if (again) sqlite.exec('BEGIN');
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.pgUrl });
    await client.connect();
    await client.query('SET synchronous_commit = off');
    return client;
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.database.sqlite) this.commit(false);
    await this.client?.end();
  }
}

const PG_TYPES: Record<string, string> = { id: 'uuid', plate_id: 'bigint', captured_at: 'bigint', received_at: 'bigint', lat: 'float8', lon: 'float8' };

/** Copies the WAL into the database and empties it (the main connection waits for the checkpointer thread). */
function checkpoint(sqlite: import('better-sqlite3').Database): void {
  for (let tries = 0; tries < 50; tries++) {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (!result || result.busy === 0) return;
  }
}

/** The indexes on `reads` (not its primary key), dropped before a bulk load and built again after, as the migrations define them. */
async function dropReadIndexes(database: Db): Promise<string[]> {
  if (database.sqlite) {
    const indexes = database.sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reads' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
    for (const index of indexes) database.sqlite.exec(`DROP INDEX ${index.name}`);
    return indexes.map((index) => index.sql);
  }
  const indexes = (
    await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reads' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'reads'::regclass)`.execute(database.db)
  ).rows;
  for (const index of indexes) await sql.raw(`DROP INDEX ${index.indexname}`).execute(database.db);
  // A partitioned table's index is listed as ON ONLY; built again ON the table, it covers every partition.
  return indexes.map((index) => index.indexdef.replace(' ON ONLY ', ' ON '));
}

async function generate(t: Awaited<ReturnType<typeof startTestApp>>): Promise<Store> {
  const random = mulberry32(20261123);
  const database = t.app.database;
  const db = database.db;
  const pgUrl = t.app.config.databaseUrl;
  const started = performance.now();
  const sqlite = database.sqlite;
  if (sqlite) {
    // Bench load only: no fsync per commit, sorts for index builds on disk (beside the data) rather than in memory.
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('temp_store = FILE');
    sqlite.pragma('cache_size = -524288');
  }
  const codes = makePlates(random);
  const plateAt = (rank: number) => decodePlate(codes[rank]!);
  const planted = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ plate: `${prefix}${String(i).padStart(5, '0')}`, region: 'CA' }));
  const convoyPlates = planted('9Q', 60);
  const seriesPlates = planted('9W', 120);

  // Plates: ids are given in insertion order on a fresh table, so plate rank r has id base + r + 1 (checked below).
  const base = Number((await sql<{ m: number | null }>`SELECT max(id) AS m FROM plates`.execute(db)).rows[0]?.m ?? 0);
  const plateWriter = new BulkWriter(database, pgUrl, 'plates', ['plate', 'region']);
  for (let r = 0; r < codes.length; r++) {
    const p = plateAt(r);
    await plateWriter.push(p.plate, p.region);
  }
  for (const p of [...convoyPlates, ...seriesPlates]) await plateWriter.push(p.plate, p.region);
  await plateWriter.end();
  const total = codes.length + convoyPlates.length + seriesPlates.length;
  const check = (await sql<{ n: number; lo: number; hi: number }>`SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM plates WHERE id > ${base}`.execute(db)).rows[0]!;
  if (Number(check.n) !== total || Number(check.lo) !== base + 1 || Number(check.hi) !== base + total) throw new Error(`plate ids are not ${base + 1}..${base + total}: ${JSON.stringify(check)}`);
  for (let k = 0; k < 20; k++) {
    const r = Math.floor(random() * codes.length);
    const row = await db.selectFrom('plates').select(['plate', 'region']).where('id', '=', base + r + 1).executeTakeFirst();
    if (row?.plate !== plateAt(r).plate || row.region !== plateAt(r).region) throw new Error(`plate id ${base + r + 1} is not rank ${r}`);
  }
  const idOfRank = (rank: number) => base + rank + 1;
  const idOfPlanted = (p: { plate: string }) => {
    const i = Number(p.plate.slice(2));
    return base + codes.length + (p.plate.startsWith('9Q') ? i : convoyPlates.length + i) + 1;
  };
  console.log(`  ${fmt(total)} plates written in ${fmt((performance.now() - started) / 1000, 1)} s`);

  // 200 cameras on a 30 km grid around El Cajon.
  const cameras: Store['cameras'] = [];
  for (let i = 0; i < CAMERAS; i++) {
    const lat = 32.65 + (Math.floor(i / 15) / 14) * 0.27;
    const lon = -117.15 + ((i % 15) / 14) * 0.32;
    const { camera } = await t.app.cameras.register(
      {
        name: `Bench camera ${i}`,
        kind: 'fixed',
        location: { lat, lon },
        placement: 'public_view',
        attestation: true,
      },
      'bench',
    );
    cameras.push({ id: camera.id, lat, lon });
  }
  const start = Date.now() - YEAR;
  const zipf = zipfSampler(codes.length, random);
  if (!sqlite && (await sql<{ kind: string }>`SELECT relkind AS kind FROM pg_class WHERE relname = 'reads'`.execute(db)).rows[0]?.kind === 'p') {
    // Day partitions (migration 20261123T0800_pg_partitions), made as the writer makes them, so no read lands in reads_default.
    const partitions = new ReadPartitions(db, t.app.clock, { pastDays: 400, aheadDays: 1 });
    const days = Array.from({ length: dayOf(Date.now()) - dayOf(start) + 2 }, (_, i) => dayOf(start) + i);
    for (const day of days) await partitions.create(day);
    console.log(`  reads partitioned by day: ${days.length} partitions`);
  }
  const indexes = await dropReadIndexes(database);
  const loadStarted = performance.now();

  // Read ids: UUID-shaped and increasing, so the primary key is appended to rather than split at random.
  const prefix = Math.floor(random() * 0xffff_ffff).toString(16).padStart(8, '0');
  let serial = 0;
  const nextId = () => `${prefix}-0000-4000-8000-${(serial++).toString(16).padStart(12, '0')}`;
  const reads = new BulkWriter(database, pgUrl, 'reads', READ_COLUMNS, { plate_check: `'standard'`, confidence: '0.9' });
  const push = (plate: string, region: string, plateId: number, rank: number, camera: number, at: number) => {
    const c = cameras[camera]!;
    const [make, model] = MAKES[rank % MAKES.length]!;
    const when = Math.round(at);
    return reads.push(nextId(), c.id, plateId, plate, region, when, when, c.lat, c.lon, make, model, COLORS[(rank >> 3) % COLORS.length]!, BODIES[rank % MAKES.length]!);
  };
  // Reads arrive over the year in capture order, as ingest stores them.
  for (let i = 0; i < READS; i++) {
    const rank = zipf();
    const p = plateAt(rank);
    // Vehicles keep to a part of town: a home camera and its neighbours.
    const home = (rank * 7919) % CAMERAS;
    const camera = random() < 0.7 ? (home + Math.floor(random() * 5)) % CAMERAS : Math.floor(random() * CAMERAS);
    await push(p.plate, p.region, idOfRank(rank), rank, camera, start + ((i + random()) * YEAR) / READS);
    if (i > 0 && i % 10_000_000 === 0) console.log(`    ${fmt(i)} reads in ${fmt((performance.now() - loadStarted) / 1000, 0)} s`);
  }

  // Convoys: a target and two followers within 30 s at 4–6 cameras along a route.
  const convoys: Store['convoys'] = [];
  const pushPlanted = (p: { plate: string; region: string }, rank: number, camera: number, at: number) => push(p.plate, p.region, idOfPlanted(p), rank, camera, at);
  for (let c = 0; c < 20; c++) {
    const [target, f1, f2] = [convoyPlates[c * 3]!, convoyPlates[c * 3 + 1]!, convoyPlates[c * 3 + 2]!];
    const at = start + random() * (YEAR - 24 * HOUR);
    const stops = 4 + Math.floor(random() * 3);
    const first = Math.floor(random() * (CAMERAS - 10));
    for (let s = 0; s < stops; s++) {
      const when = at + s * 8 * 60_000;
      await pushPlanted(target, 1, first + s, when);
      await pushPlanted(f1, 2, first + s, when + 5_000 + random() * 20_000);
      await pushPlanted(f2, 3, first + s, when - 5_000 - random() * 20_000);
    }
    // The target's own ordinary reads, alone.
    for (let k = 0; k < 6; k++) await pushPlanted(target, 1, Math.floor(random() * CAMERAS), start + random() * YEAR);
    convoys.push({ target: target.plate, followers: [f1.plate, f2.plate] });
  }

  // Series: 3 windows of 2 h at cameras far apart; 3 vehicles, each at 2 or 3 of them.
  const series: Store['series'] = [];
  for (let s = 0; s < 20; s++) {
    const windows = [0, 1, 2].map(() => {
      const from = start + random() * (YEAR - 2 * HOUR);
      return {
        camera: Math.floor(random() * CAMERAS),
        from,
        to: from + 2 * HOUR,
      };
    });
    const vehicles = [0, 1, 2].map((v) => seriesPlates[s * 6 + v]!);
    for (const [v, vehicle] of vehicles.entries()) for (const w of v === 0 ? windows : windows.slice(0, 2)) await pushPlanted(vehicle, 4, w.camera, w.from + 30 * 60_000 + random() * HOUR);
    series.push({ windows, vehicles: vehicles.map((v) => v.plate) });
  }
  await reads.end();
  const loaded = performance.now();
  for (const ddl of indexes) await sql.raw(ddl).execute(db);
  const indexed = performance.now();
  await sql`ANALYZE`.execute(db);
  if (sqlite) {
    checkpoint(sqlite);
    // Back to the app's own settings (platform/database.ts configureSqlite) for the searches.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('cache_size = -65536');
  }
  console.log(
    `  generated ${fmt(reads.written)} reads of ${fmt(total)} plates at ${CAMERAS} cameras over a year in ${fmt((performance.now() - started) / 1000, 1)} s (reads ${fmt((loaded - loadStarted) / 1000, 0)} s, ${indexes.length} indexes ${fmt((indexed - loaded) / 1000, 0)} s, ANALYZE ${fmt((performance.now() - indexed) / 1000, 0)} s)`,
  );
  return { plateCount: codes.length, plateAt, cameras, convoys, series, start };
}

async function timed(label: string, n: number, make: (i: number) => Promise<number>): Promise<void> {
  const times: number[] = [];
  let results = 0;
  // A search the engine refuses as too broad (a 4-character any-position pattern over 20M plates) is
  // what a user would get too: it is counted and timed, not fatal (a 40M-read run died on one).
  let refused = 0;
  for (let i = -3; i < n; i++) {
    const t0 = performance.now();
    let count = 0;
    try {
      count = await make(i + 3);
    } catch (error) {
      if (!(isAppError(error) && error.id.endsWith('_too_broad'))) throw error;
      if (i >= 0) refused++;
    }
    const ms = performance.now() - t0;
    if (i >= 0) {
      times.push(ms);
      results += count;
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `    ${label.padEnd(28)} p50 ${fmt(percentile(times, 50), 1).padStart(8)} ms   p95 ${fmt(percentile(times, 95), 1).padStart(8)} ms   (${fmt(results / n, 1)} results/query${refused ? `; ${refused} of ${n} refused as too broad` : ''})`,
  );
}

async function run(dialect: DialectName): Promise<void> {
  const t = await startTestApp(dialect, { profile: 'ca-doj-template' });
  try {
    const store = await generate(t);
    // A large store takes longer to load than the administrator's session lasts (a 100M-read run died here).
    await t.refreshAdmin();
    const analyst = await t.createEligibleUser(['analyst']);
    const headers = await t.withPurpose(analyst, {
      caseNumber: '26-000001',
      category: 'felony_investigation',
      reason: 'Benchmark of the search room over a synthetic store; no real person is searched',
    });
    const random = mulberry32(7);
    const zipf = zipfSampler(store.plateCount, random);
    const pickPlate = () => store.plateAt(zipf());
    // Through HTTP: session, permission, the purpose gate, the search, the access-log line.
    const viaHttp = async (kind: string, body: object): Promise<number> => {
      const response = await t.app.http.inject({ method: 'POST', url: `/api/v1/search/${kind}`, headers, payload: { limit: 50, ...body } });
      if (response.statusCode !== 200) throw new Error(`${kind}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      const page = response.json() as { reads: unknown[]; vehicles: unknown[] };
      return page.reads.length + page.vehicles.length;
    };
    // The engine: one context from the gate, then SearchService.run (the search and its access-log line).
    const principal = await t.app.access.authenticate(analyst.headers.authorization.slice('Bearer '.length));
    if (!principal) throw new Error('the analyst has no session');
    const ctx = await t.app.purposeGate.openStated(principal, headers['x-purpose-id'], { clientAddress: '127.0.0.1', device: null, action: 'search.bench' });
    const page = (kind: SearchKind, body: object) => t.app.search.run(ctx, { kind, query: { limit: 50, ...body } } as SearchRequest);
    const search = async (kind: SearchKind, body: object): Promise<number> => {
      const result = await page(kind, body);
      return result.reads.length + result.vehicles.length;
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    const camera = (i: number) => {
      const c = store.cameras[i % CAMERAS]!;
      return { lat: c.lat, lon: c.lon };
    };

    const mem0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    await search('plate', { plate: '1ABC234' }); // the first search loads the plate index
    const stats = t.app.search.plateIndexStats();
    console.log(
      `  plate index: ${fmt(stats.plates)} plates in ${fmt(stats.bytes / 2 ** 20, 1)} MiB of typed arrays (${fmt(stats.bytes / stats.plates, 0)} bytes/plate; heap grew ${fmt((process.memoryUsage().heapUsed - mem0) / 2 ** 20, 0)} MiB, mostly transient rows), loaded in ${fmt(performance.now() - t0, 0)} ms`,
    );
    await timed('HTTP + gate + log, no reads', QUERIES, () => viaHttp('plate', { plate: 'ZZZZ999' }));
    await timed('HTTP + gate + log, exact', QUERIES, () => viaHttp('plate', { plate: pickPlate().plate }));
    console.log(`  designed (plate table + in-process plate index; the core migration's three read indexes), SearchService.run incl. its access-log line:`);
    await timed('log line only (no reads)', QUERIES, () => search('plate', { plate: 'ZZZZ999' }));
    await timed('exact plate', QUERIES, () => search('plate', { plate: pickPlate().plate }));
    await timed("partial '7AB?12*'", QUERIES, () => {
      const p = pickPlate().plate;
      return search('partial', {
        pattern: `${p.slice(0, 3)}?${p.slice(4, 6)}*`,
      });
    });
    await timed('partial any position (4 ch)', QUERIES, () => {
      const p = pickPlate().plate;
      return search('partial', {
        pattern: `${p[6]}${p[1]}${p[4]}${p[2]}`,
        mode: 'unordered',
      });
    });
    await timed('fuzzy', QUERIES, () => {
      const p = pickPlate().plate;
      const variants = confusableVariants(p, 1);
      return search('fuzzy', {
        plate: variants[variants.length - 1] ?? p.slice(0, -1),
      });
    });
    await timed('vehicle (make+model+color, 7 d)', QUERIES, (i) => {
      const [make, model] = MAKES[i % MAKES.length]!;
      const from = store.start + random() * (YEAR - 7 * 24 * HOUR);
      return search('vehicle', {
        make,
        model,
        color: COLORS[i % COLORS.length],
        from: iso(from),
        to: iso(from + 7 * 24 * HOUR),
      });
    });
    await timed('canvass (1 km, 2 h)', QUERIES, (i) => {
      const from = store.start + random() * (YEAR - 2 * HOUR);
      return search('canvass', {
        area: { center: camera(i * 37), radiusMeters: 1000 },
        from: iso(from),
        to: iso(from + 2 * HOUR),
        limit: 500,
      });
    });
    let seriesFound = 0;
    await timed('several places (3 windows)', QUERIES, async (i) => {
      const s = store.series[i % store.series.length]!;
      const found = await page('places', { windows: s.windows.map((w) => ({ area: { center: camera(w.camera), radiusMeters: 1000 }, from: iso(w.from), to: iso(w.to) })) });
      const plates = found.vehicles.map((v) => v.plate);
      if (s.vehicles.every((v) => plates.includes(v))) seriesFound++;
      return plates.length;
    });
    let convoysFound = 0;
    await timed('convoy (60 s, 2 cameras)', QUERIES, async (i) => {
      const c = store.convoys[i % store.convoys.length]!;
      const found = await page('convoy', { plate: c.target, withinSeconds: 60, minCameras: 2 });
      const plates = found.vehicles.map((v) => v.plate);
      if (c.followers.every((f) => plates.includes(f))) convoysFound++;
      return plates.length;
    });
    await timed('history (one plate, 50)', QUERIES, () => search('history', { plate: pickPlate().plate }));
    console.log(`    planted series found whole: ${seriesFound}/${QUERIES + 3} searches; planted convoys found whole: ${convoysFound}/${QUERIES + 3} searches (incl. warm-up)`);

    if (PLAIN) await plain(t, store, random);
  } finally {
    await t.cleanup();
  }
}

/** The same questions on a plain design: plate text on each read and one index per column. */
async function plain(t: Awaited<ReturnType<typeof startTestApp>>, store: Store, random: () => number): Promise<void> {
  const db = t.app.database.db;
  const started = performance.now();
  for (const column of ['plate_raw', 'lat', 'lon', 'vehicle_make', 'vehicle_model', 'vehicle_color', 'camera_id']) await sql.raw(`CREATE INDEX plain_${column} ON reads (${column})`).execute(db);
  await sql`ANALYZE`.execute(db);
  console.log(`  plain (plate text per read, one index per column; ${fmt((performance.now() - started) / 1000, 1)} s to build 7 more indexes), direct SQL:`);
  const zipf = zipfSampler(store.plateCount, random);
  const pickPlate = () => store.plateAt(zipf());
  const count = async (query: RawBuilder<unknown>) => (await query.execute(db)).rows.length;
  const camera = (i: number) => {
    const c = store.cameras[i % CAMERAS]!;
    return { lat: c.lat, lon: c.lon };
  };
  const box = (c: { lat: number; lon: number }, meters: number) => {
    const dLat = meters / 111_320;
    const dLon = dLat / Math.cos((c.lat * Math.PI) / 180);
    return {
      minLat: c.lat - dLat,
      maxLat: c.lat + dLat,
      minLon: c.lon - dLon,
      maxLon: c.lon + dLon,
    };
  };
  await timed('exact plate', QUERIES, () => count(sql`SELECT * FROM reads WHERE plate_raw = ${pickPlate().plate} ORDER BY captured_at DESC LIMIT 50`));
  await timed("partial '7AB?12*'", QUERIES, () => {
    const p = pickPlate().plate;
    return count(sql`SELECT * FROM reads WHERE plate_raw LIKE ${`${p.slice(0, 3)}_${p.slice(4, 6)}%`} ORDER BY captured_at DESC LIMIT 50`);
  });
  await timed('fuzzy (distinct scan + JS)', Math.min(QUERIES, 5), async () => {
    const p = pickPlate().plate;
    const key = confusionKey(p);
    const distinct = (
      await sql<{
        plateRaw: string;
      }>`SELECT DISTINCT plate_raw FROM reads`.execute(db)
    ).rows.map((r) => r.plateRaw);
    const near = distinct.filter((d) => confusionKey(d) === key || editDistance(confusionKey(d), key, 1) <= 1).slice(0, 500);
    return near.length === 0 ? 0 : count(sql`SELECT * FROM reads WHERE plate_raw IN (${sql.join(near)}) ORDER BY captured_at DESC LIMIT 50`);
  });
  await timed('vehicle (make+model+color, 7 d)', QUERIES, (i) => {
    const [make, model] = MAKES[i % MAKES.length]!;
    const from = Math.round(store.start + random() * (YEAR - 7 * 24 * HOUR));
    return count(
      sql`SELECT * FROM reads WHERE vehicle_make = ${make} AND vehicle_model = ${model} AND vehicle_color = ${COLORS[i % COLORS.length]} AND captured_at >= ${from} AND captured_at < ${from + 7 * 24 * HOUR} ORDER BY captured_at DESC LIMIT 50`,
    );
  });
  const canvass = (c: { lat: number; lon: number }, from: number, to: number) => {
    const b = box(c, 1000);
    return sql<{
      plateRaw: string;
    }>`SELECT * FROM reads WHERE lat BETWEEN ${b.minLat} AND ${b.maxLat} AND lon BETWEEN ${b.minLon} AND ${b.maxLon} AND captured_at >= ${Math.round(from)} AND captured_at < ${Math.round(to)}`;
  };
  await timed('canvass (1 km, 2 h)', QUERIES, (i) => {
    const from = store.start + random() * (YEAR - 2 * HOUR);
    return count(canvass(camera(i * 37), from, from + 2 * HOUR));
  });
  await timed('several places (3 windows)', QUERIES, async (i) => {
    const s = store.series[i % store.series.length]!;
    const seen = new Map<string, number>();
    for (const w of s.windows) for (const row of (await canvass(camera(w.camera), w.from, w.to).execute(db)).rows) seen.set(String(row.plateRaw), (seen.get(String(row.plateRaw)) ?? 0) + 1);
    return [...seen.values()].filter((n) => n >= 2).length;
  });
  await timed('convoy (60 s, 2 cameras)', QUERIES, async (i) => {
    const c = store.convoys[i % store.convoys.length]!;
    const targets = (
      await sql<{
        cameraId: string;
        capturedAt: number;
      }>`SELECT camera_id, captured_at FROM reads WHERE plate_raw = ${c.target}`.execute(db)
    ).rows;
    const cams = new Map<string, Set<string>>();
    for (const target of targets) {
      const near = await sql<{
        plateRaw: string;
      }>`SELECT plate_raw FROM reads WHERE camera_id = ${target.cameraId} AND captured_at BETWEEN ${target.capturedAt - 60_000} AND ${target.capturedAt + 60_000}`.execute(db);
      for (const row of near.rows) if (row.plateRaw !== c.target) cams.set(row.plateRaw, new Set([...(cams.get(row.plateRaw) ?? []), target.cameraId]));
    }
    return [...cams.values()].filter((s) => s.size >= 2).length;
  });
  await timed('history (one plate, 50)', QUERIES, () => count(sql`SELECT * FROM reads WHERE plate_raw = ${pickPlate().plate} ORDER BY captured_at DESC LIMIT 50`));
}

console.log(`bench:search — ${fmt(READS)} reads, ${fmt(PLATES)} distinct plates, ${CAMERAS} cameras, a year; ${QUERIES} queries per kind after 3 warm-up`);
for (const dialect of selectedDialects()) {
  console.log(`${dialect}:`);
  await run(dialect);
}
