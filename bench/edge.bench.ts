// npm run bench:edge — the edge unit's hot lists (issue 10): on the server, building the feed for
// mobile units from an imported list (per backend) and answering an unchanged feed (304); on the
// unit, saving and loading the copy (checksum and shape checks), building the matcher, and reads
// matched per second as they are journaled. Options: --rows=N (default 200,000), --dialect=….
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { AccessLog } from '../src/audit/access-log.js';
import { FeedStore, parseFeed } from '../src/edge/feed-store.js';
import { LocalHotLists } from '../src/edge/local-hotlists.js';
import { EdgeFeedBuilder } from '../src/hotlists/edge-feed.js';
import { HotListsService } from '../src/hotlists/hotlists.service.js';
import type { IncomingRead } from '../src/ingest/ingest.schemas.js';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/database.js';
import { createLogger } from '../src/platform/logger.js';
import { loadProfile } from '../src/policy/index.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import type { Tables } from '../src/storage/tables.js';
import { createBackend, fmt, selectedDialects } from './bench.kit.js';

const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? 200_000);
const plateOf = (i: number) => `${(i % 9) + 1}${i.toString(36).toUpperCase().padStart(6, '0')}`;
const time = async <T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> => {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
};

function* csv(rows: number): Generator<string> {
  yield 'LIC,LIS,VMA,VCO,MKE,MIS,FILE\n';
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${plateOf(i)},CA,HOND,GRY,SV,STOLEN,SVS\n`;
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** The longest gap between 5 ms ticks while `work` runs: how long a read arriving then would wait. */
async function stallOf<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  const { value, ms } = await time(work);
  clearInterval(timer);
  return { value, ms, stallMs: stall };
}

let body: string | undefined;
for (const dialect of selectedDialects()) {
  const backend = await createBackend(dialect, 'edge');
  const handle = await openDatabase<Tables>({ dataDir: backend.dataDir, ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}) });
  try {
    await migrateToLatest(handle.db, dialect);
    const service = new HotListsService(handle.db, systemClock, new AccessLog(handle, systemClock, { organization: 'Bench PD' }), loadProfile('ca-doj-template'), createLogger('silent'), { feedDir: backend.dataDir });
    await service.start();
    const actor = { userId: null, username: 'bench' };
    const list = await service.createList(actor, { name: 'NCIC SVS', source: 'ncic_stolen_vehicles', priority: 0 });
    await service.designate(actor, list.id, true);
    await (await service.startImport(actor, list.id, Readable.from(csv(ROWS)), { trigger: 'upload' })).done;
    await service.idle();
    const builder = new EdgeFeedBuilder(service, systemClock, () => 12);
    const built = await stallOf(() => builder.current());
    const cached = await time(() => builder.current());
    body = built.value.body;
    console.log(
      `server ${dialect}: feed of ${fmt(built.value.entries)} entries built in ${fmt(built.ms)} ms, longest event-loop stall ${fmt(built.stallMs)} ms; ` +
        `${fmt(Buffer.byteLength(body) / 1e6, 1)} MB of JSON, ${fmt(built.value.gzipped.length / 1e6, 1)} MB gzipped; ` +
        `an unchanged feed (the 304 path) answers from the cache in ${fmt(cached.ms, 2)} ms.`,
    );
  } finally {
    await handle.close();
    await backend.cleanup();
  }
}

if (body) {
  const dir = mkdtempSync(join(tmpdir(), 'platekeeper-bench-edge-'));
  try {
    const parsed = await time(() => parseFeed(body!));
    const store = new FeedStore(dir);
    const saved = await time(() => store.save(body!, Date.now()));
    const loaded = await time(() => store.load());
    const opened = await time(() => LocalHotLists.open({ dir, server: 'http://unused.invalid', key: 'pkc_bench', log: () => undefined }));
    const unit = opened.value;
    const reads: IncomingRead[] = Array.from({ length: 20_000 }, (_, i) => ({ id: uuidv7(), capturedAt: new Date().toISOString(), plate: i % 100 === 0 ? plateOf(i * 7) : `Z${i.toString(36).toUpperCase().padStart(6, '0')}`, region: 'CA', location: { lat: 32.7, lon: -117.1 } }));
    const matched = await time(() => {
      let hits = 0;
      for (let i = 0; i < reads.length; i += 50) hits += unit.match(reads.slice(i, i + 50)).reads.filter((r) => r.vendor).length;
      return hits;
    });
    console.log(
      `edge: check ${fmt(parsed.ms)} ms; save (temp + fsync + rename) ${fmt(saved.ms)} ms; load (checksum + check) ${fmt(loaded.ms)} ms; ` +
        `open after a restart (load + matcher build) ${fmt(opened.ms)} ms; ${fmt(reads.length / (matched.ms / 1000))} reads/s matched in batches of 50 (${fmt(matched.value)} reads with a hit, most of them one OCR confusion away).`,
    );
    await unit.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
