// npm run bench:search — p50/p95 per search kind over a realistic store, for SQLite and PostgreSQL
// (issue 6). The store (search.load.ts): a year of Zipf-distributed reads at 200 cameras, with
// planted convoys and series whose finding is checked. Every search goes through HTTP, the purpose
// gate and the access log, as a user's would.
// Then, on the same data, a "plain" design: the plate kept only as text on each read and one index per
// column (plate, lat, lon, make, color, model, camera, time), queried directly (no gate, no log).
// Options: --reads=N (default 1,000,000), --plates=N (default reads/5), --queries=N per kind
// (default 25), --dialect=sqlite|postgres, --no-plain; --keep[=name] leaves the loaded store (and
// prints its name), --reuse[=name] searches a kept store again without loading (names default to
// <dialect>_<reads>_<plates>).
import { sql, type RawBuilder } from 'kysely';
import { confusableVariants, confusionKey, editDistance } from '../src/plates/index.js';
import { isAppError } from '../src/platform/errors.js';
import type { DialectName } from '../src/platform/database.js';
import type { SearchKind, SearchRequest } from '../src/search/search.schemas.js';
import { BENCH_PG_URL, fmt, percentile, selectedDialects } from './bench.kit.js';
import { CAMERAS, COLORS, decodePlate, generate, HOUR, loadStore, MAKES, mulberry32, openKept, saveStore, storeName, YEAR, zipfSampler, type Store } from './search.load.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const READS = arg('reads', 1_000_000);
const PLATES = arg('plates', Math.round(READS / 5));
const QUERIES = arg('queries', 25);
const PLAIN = !process.argv.includes('--no-plain');
const text = (name: string): string | undefined => {
  const found = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return found === undefined ? undefined : (found.split('=')[1] ?? '');
};
const KEEP = text('keep');
const REUSE = text('reuse');

// The testkit signs a user in as a person would; it reads the PostgreSQL URL when it loads.
if (BENCH_PG_URL && !process.env.PLATEKEEPER_TEST_DATABASE_URL) process.env.PLATEKEEPER_TEST_DATABASE_URL = BENCH_PG_URL;
const { startTestApp } = await import('../test/app.testkit.js');

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
  const load = { reads: READS, plates: PLATES };
  const name = (REUSE ?? KEEP) || storeName(dialect, load);
  const kept = REUSE !== undefined || KEEP !== undefined ? await openKept(dialect, name, BENCH_PG_URL, REUSE === undefined) : undefined;
  const t = await startTestApp(dialect, { profile: 'ca-doj-template', ...(kept ? { flags: kept.flags } : {}) });
  try {
    let store: Store;
    if (kept && REUSE !== undefined) {
      store = loadStore(kept);
      console.log(`  reusing kept store ${kept.name} (${kept.folder}; ${JSON.stringify(kept.flags)}): ${fmt(store.codes.length)} plates`);
    } else {
      store = await generate(t, load);
      if (kept) {
        saveStore(kept, store);
        console.log(`  kept as ${kept.name} (${kept.folder}; ${JSON.stringify(kept.flags)}): search it again with --reuse=${kept.name}`);
      }
    }
    const plateAt = (rank: number) => decodePlate(store.codes[rank]!);
    // A large store takes longer to load than the administrator's session lasts (a 100M-read run died here).
    await t.refreshAdmin();
    const analyst = await t.createEligibleUser(['analyst']);
    const headers = await t.withPurpose(analyst, {
      caseNumber: '26-000001',
      category: 'felony_investigation',
      reason: 'Benchmark of the search room over a synthetic store; no real person is searched',
    });
    const random = mulberry32(7);
    const zipf = zipfSampler(store.codes.length, random);
    const pickPlate = () => plateAt(zipf());
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
  const columns = ['plate_raw', 'lat', 'lon', 'vehicle_make', 'vehicle_model', 'vehicle_color', 'camera_id'];
  // IF NOT EXISTS: a kept store may hold them from a run that stopped here.
  for (const column of columns) await sql.raw(`CREATE INDEX IF NOT EXISTS plain_${column} ON reads (${column})`).execute(db);
  await sql`ANALYZE`.execute(db);
  console.log(`  plain (plate text per read, one index per column; ${fmt((performance.now() - started) / 1000, 1)} s to build 7 more indexes), direct SQL:`);
  const zipf = zipfSampler(store.codes.length, random);
  const pickPlate = () => decodePlate(store.codes[zipf()]!);
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
  // A kept store is searched again by the design: the plain indexes would change its plans.
  for (const column of columns) await sql.raw(`DROP INDEX plain_${column}`).execute(db);
}

console.log(`bench:search — ${fmt(READS)} reads, ${fmt(PLATES)} distinct plates, ${CAMERAS} cameras, a year; ${QUERIES} queries per kind after 3 warm-up`);
for (const dialect of selectedDialects()) {
  console.log(`${dialect}:`);
  await run(dialect);
}
