// npm run bench:hotlists — a general hot list's import and the matcher rebuild that follows, per
// backend (issue 5; R6). Measures: rows/s staged and swapped from a CSV stream, the swap itself, the
// rebuild of the runtime matcher from the database, and the longest event-loop stall during each
// (what ingest would wait). Options: --rows=N (default 200,000), --dialect=sqlite|postgres.
import { Readable } from 'node:stream';
import { AccessLog } from '../src/audit/access-log.js';
import { HotListsService } from '../src/hotlists/hotlists.service.js';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/database.js';
import { createLogger } from '../src/platform/logger.js';
import { loadProfile } from '../src/policy/index.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import type { Tables } from '../src/storage/tables.js';
import { createBackend, fmt, selectedDialects } from './bench.kit.js';

const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? 200_000);
const plateOf = (i: number) => `${(i % 9) + 1}${i.toString(36).toUpperCase().padStart(6, '0')}`;

/** The longest gap between 5 ms ticks while `work` runs: how long a read arriving then would wait. */
async function withStallProbe<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  clearInterval(timer);
  return { value, ms, stallMs: stall };
}

function* csv(rows: number): Generator<string> {
  yield 'LIC,LIS,VMA,VCO,MKE,MIS,FILE\n';
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += i % 1000 === 999 ? `${plateOf(i)},CA,FORD,WHI,EW,,IVF\n` : `${plateOf(i)},CA,HOND,GRY,SV,STOLEN,SVS\n`;
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

for (const dialect of selectedDialects()) {
  const backend = await createBackend(dialect, 'hotlists');
  const handle = await openDatabase<Tables>({ dataDir: backend.dataDir, ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}) });
  try {
    await migrateToLatest(handle.db, dialect);
    const accessLog = new AccessLog(handle, systemClock, { organization: 'Bench PD' });
    const service = new HotListsService(handle.db, systemClock, accessLog, loadProfile('ca-doj-template'), createLogger('silent'), { feedDir: backend.dataDir });
    await service.start();
    const actor = { userId: null, username: 'bench' };
    const list = await service.createList(actor, { name: 'NCIC SVS', source: 'ncic_stolen_vehicles', priority: 0 });
    await service.designate(actor, list.id, true);
    await service.idle();
    for (const round of ['first', 'replace']) {
      const imported = await withStallProbe(async () => (await service.startImport(actor, list.id, Readable.from(csv(ROWS)), { trigger: 'upload' })).done);
      const rebuilt = await withStallProbe(() => service.idle());
      console.log(
        `${dialect} ${round} import of ${fmt(ROWS)} rows: ${fmt(imported.ms / 1000, 1)} s (${fmt(ROWS / (imported.ms / 1000))} rows/s), ` +
          `${fmt(imported.value.rowsImported)} imported, ${fmt(imported.value.rowsDroppedImmigration)} dropped (R37); longest stall ${fmt(imported.stallMs)} ms. ` +
          `Matcher rebuild: ${fmt(rebuilt.ms / 1000, 1)} s, longest stall ${fmt(rebuilt.stallMs)} ms; ${fmt(service.matcherStats.plates)} plates indexed.`,
      );
    }
    const sample = plateOf(12_345);
    if (service.match({ plate: sample, region: 'CA' })[0]?.kind !== 'exact') throw new Error(`the imported plate ${sample} does not match`);
  } finally {
    await handle.close();
    await backend.cleanup();
  }
}
