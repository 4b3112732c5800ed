// The store bench:search searches (issue 6): generated in bulk, optionally kept and reused.
// Zipf-distributed plate frequencies (a few plates read thousands of times, most once or twice),
// 200 cameras on a 30 km grid, a year of reads in capture order, and planted convoys (a target and
// two followers within 30 s at 4–6 cameras) and series (vehicles at 2–3 of 3 place-and-time windows).
// A 10M-read PostgreSQL store takes minutes to load, so --keep leaves it (database or data folder)
// with its ground truth beside it, and --reuse=<name> searches it again without generating.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import type { DialectName } from '../src/platform/database.js';
import { adminQuery, databaseUrl } from '../src/storage/pg-admin.js';
import { dayOf, ReadPartitions } from '../src/storage/partitions.js';
import type { startTestApp } from '../test/app.testkit.js';
import { fmt } from './bench.kit.js';

export const CAMERAS = 200;
export const YEAR = 365 * 24 * 3600_000;
export const HOUR = 3600_000;

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export interface LoadOptions {
  reads: number;
  plates: number;
}

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
export const MAKES = [
  ['Toyota', 'Camry'],
  ['Honda', 'Civic'],
  ['Ford', 'F-150'],
  ['Chevrolet', 'Silverado'],
  ['Nissan', 'Altima'],
  ['Tesla', 'Model 3'],
  ['Hyundai', 'Elantra'],
  ['Jeep', 'Wrangler'],
] as const;
export const COLORS = ['white', 'black', 'grey', 'silver', 'blue', 'red', 'green', 'tan'];
export const BODIES = ['sedan', 'pickup', 'suv', 'sedan', 'suv', 'sedan', 'sedan', 'suv'];

export interface Store {
  /** Distinct plates by Zipf rank, as packed codes (decodePlate). */
  codes: Uint32Array;
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

export function decodePlate(code: number): { plate: string; region: string } {
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
function makePlates(count: number, random: () => number): Uint32Array {
  const seen = new Uint8Array(Math.ceil(CODE_SPACE / 8));
  const out = new Uint32Array(count);
  for (let n = 0; n < count; ) {
    const code = random() < 0.85 ? Math.floor(random() * CA_CODES) : CA_CODES + Math.floor(random() * 2 * OUT_CODES);
    const bit = 1 << (code & 7);
    if ((seen[code >>> 3]! & bit) !== 0) continue;
    seen[code >>> 3]! |= bit;
    out[n++] = code;
  }
  return out;
}

/** Zipf(s = 1.05) over plate ranks: inverse CDF by binary search. */
export function zipfSampler(n: number, random: () => number): () => number {
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

type Db = TestApp['app']['database'];
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

export async function generate(t: TestApp, options: LoadOptions): Promise<Store> {
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
  const codes = makePlates(options.plates, random);
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
  for (let i = 0; i < options.reads; i++) {
    const rank = zipf();
    const p = plateAt(rank);
    // Vehicles keep to a part of town: a home camera and its neighbours.
    const home = (rank * 7919) % CAMERAS;
    const camera = random() < 0.7 ? (home + Math.floor(random() * 5)) % CAMERAS : Math.floor(random() * CAMERAS);
    await push(p.plate, p.region, idOfRank(rank), rank, camera, start + ((i + random()) * YEAR) / options.reads);
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
  return { codes, cameras, convoys, series, start };
}

/** Kept stores: a folder each, with the ground truth (store.json, plates.bin) and SQLite's data folder. */
const KEEP_ROOT = join(process.env.PLATEKEEPER_BENCH_DIR ?? tmpdir(), 'platekeeper-search-stores');

export interface KeptStore {
  name: string;
  folder: string;
  /** The app's flags that point it at the store: its data folder (SQLite) or its database (PostgreSQL). */
  flags: Record<string, string>;
}

/** The default name of a kept store: what it holds. */
export const storeName = (dialect: DialectName, options: LoadOptions): string => `${dialect}_${options.reads}_${options.plates}`;

/**
 * A place for a store: `fresh` empties it for --keep (the app migrates it at start); otherwise it
 * must hold a kept store (--reuse), whose people are removed so that the app starts as on a first
 * day (a new administrator and first device, as the testkit signs in) over the same reads. The app
 * runs any migration the store lacks when it starts.
 */
export async function openKept(dialect: DialectName, name: string, pgServerUrl: string | undefined, fresh: boolean): Promise<KeptStore> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`store name "${name}": use lower-case letters, digits and _ only`);
  const folder = join(KEEP_ROOT, name);
  const dataDir = join(folder, 'data');
  if (!fresh && !existsSync(join(folder, 'store.json'))) throw new Error(`no kept store "${name}" in ${KEEP_ROOT}: load one first with --keep`);
  if (fresh) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
  }
  if (dialect === 'sqlite') {
    if (!fresh) {
      const sqlite = new Database(join(dataDir, 'platekeeper.sqlite'));
      sqlite.pragma('foreign_keys = ON'); // sessions, roles, second factors go with their users
      sqlite.exec('DELETE FROM users; DELETE FROM devices;');
      sqlite.close();
    }
    return { name, folder, flags: { dataDir } };
  }
  if (!pgServerUrl) throw new Error('set PLATEKEEPER_BENCH_DATABASE_URL to keep or reuse a PostgreSQL store');
  const database = `pk_search_${name}`;
  const url = databaseUrl(pgServerUrl, database);
  if (fresh) {
    await adminQuery(pgServerUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminQuery(pgServerUrl, `CREATE DATABASE ${database}`);
  } else {
    await adminQuery(url, 'DELETE FROM users; DELETE FROM devices;');
  }
  return { name, folder, flags: { databaseUrl: url } };
}

interface GroundTruth {
  cameras: Store['cameras'];
  convoys: Store['convoys'];
  series: Store['series'];
  start: number;
}

export function saveStore(kept: KeptStore, store: Store): void {
  const truth: GroundTruth = { cameras: store.cameras, convoys: store.convoys, series: store.series, start: store.start };
  writeFileSync(join(kept.folder, 'plates.bin'), Buffer.from(store.codes.buffer, store.codes.byteOffset, store.codes.byteLength));
  writeFileSync(join(kept.folder, 'store.json'), JSON.stringify(truth));
}

export function loadStore(kept: KeptStore): Store {
  const truth = JSON.parse(readFileSync(join(kept.folder, 'store.json'), 'utf8')) as GroundTruth;
  const bytes = readFileSync(join(kept.folder, 'plates.bin'));
  const codes = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { codes, ...truth };
}
