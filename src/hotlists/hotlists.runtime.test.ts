// The runtime matcher and the scheduled download at service level, on both databases: a rebuild
// never pauses matching (reads meanwhile use the previous matcher), and the download job reads a
// feed file or URL and replaces the list (R6).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { AccessLog, SYSTEM_ACTOR } from '../audit/access-log.js';
import { FakeClock, HOUR } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { loadProfile } from '../policy/index.js';
import { HotListDownloadJob, HotListRetentionJob } from './hotlists.jobs.js';
import { HotListsService } from './hotlists.service.js';

const plateOf = (i: number) => `R${i.toString(36).toUpperCase().padStart(6, '0')}`;

describe.each(DIALECTS)('hot-list runtime (%s)', (dialect) => {
  let database: TestDatabase;
  let service: HotListsService;
  let clock: FakeClock;
  let feedDir: string;
  const admin = { userId: null, username: 'admin' };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    clock = new FakeClock('2026-11-20T12:00:00Z');
    feedDir = join(database.dataDir, 'feeds');
    mkdirSync(feedDir, { recursive: true });
    const accessLog = new AccessLog(database.handle, clock, { organization: 'Test PD' });
    const fakeFetch = (async (url: string | URL | Request) =>
      String(url).endsWith('/good.csv') ? new Response('plate,state\nURL0001,CA\n', { status: 200 }) : new Response('gone', { status: 404 })) as typeof fetch;
    service = new HotListsService(database.handle.db, clock, accessLog, loadProfile('ca-doj-template'), createLogger('silent'), { feedDir, fetch: fakeFetch });
    await service.start();
  });
  afterAll(async () => database?.cleanup());

  it('a rebuild of a large list never pauses matching: reads meanwhile use the previous matcher', async () => {
    const small = await service.createList(admin, { name: 'Small', source: 'ncic_stolen_plates', priority: 0 });
    await (await service.startImport(admin, small.id, Readable.from(['plate\nOLD0001\n']), { trigger: 'upload' })).done;
    await service.designate(admin, small.id, true);
    await service.idle();
    expect(service.match({ plate: 'OLD0001' })).toHaveLength(1);

    const big = await service.createList(admin, { name: 'Big', source: 'ncic_stolen_vehicles', priority: 1 });
    const rows = Array.from({ length: 30_000 }, (_, i) => `${plateOf(i)},CA\n`);
    const imported = await (await service.startImport(admin, big.id, Readable.from(['plate,state\n', ...rows]), { trigger: 'upload' })).done;
    expect(imported).toMatchObject({ status: 'succeeded', rowsImported: 30_000 });
    await service.idle();
    expect(service.match({ plate: plateOf(123), region: 'CA' })).toEqual([]); // not designated

    await service.designate(admin, big.id, true); // starts a rebuild in the background
    let turns = 0;
    let oldHitsDuringRebuild = 0;
    let sawNewBeforeDone = false;
    const done = service.idle().then(() => true);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await turn();
      turns += 1;
      if (service.match({ plate: 'OLD0001' }).length === 1) oldHitsDuringRebuild += 1;
      if (service.match({ plate: plateOf(29_999), region: 'CA' }).length > 0) sawNewBeforeDone = true;
    }
    expect(turns).toBeGreaterThan(3); // the loop kept turning while 30,000 entries loaded
    expect(oldHitsDuringRebuild).toBe(turns); // every read in between matched on the previous matcher
    expect(sawNewBeforeDone).toBe(true); // ...and the swap happened at some turn, not after the loop
    expect(service.match({ plate: plateOf(29_999), region: 'CA' })[0]).toMatchObject({ kind: 'exact', entry: { listId: big.id, priority: 1 } });
    expect(service.matcherStats.plates).toBe(30_001);
  }, 60_000);

  it('the download job reads a feed file or URL when due and records a failed download as staleness (R6)', async () => {
    writeFileSync(join(feedDir, 'svs.csv'), 'LIC,LIS,MIS\nFEED001,CA,STOLEN\nFEED002,CA,IMMIGRATION HOLD\n');
    const fromFile = await service.createList(admin, { name: 'Feed file', source: 'ca_doj', priority: 2, feedLocation: 'svs.csv' });
    const fromUrl = await service.createList(admin, { name: 'Feed URL', source: 'nlets', priority: 2, feedLocation: 'https://feeds.example/good.csv' });
    const broken = await service.createList(admin, { name: 'Feed broken', source: 'nlets', priority: 2, feedLocation: 'https://feeds.example/missing.csv' });
    await expect(service.createList(admin, { name: 'Escape', source: 'nlets', priority: 2, feedLocation: '../../etc/passwd' })).rejects.toMatchObject({ id: 'hotlist_feed_outside_folder' });
    const job = new HotListDownloadJob(service);
    expect(await job.perform(clock.now())).toMatchObject({ due: 3, succeeded: 2, failed: 1 });
    const lists = await service.lists();
    const view = (id: string) => lists.find((l) => l.id === id)!;
    expect(view(fromFile.id)).toMatchObject({ activeEntries: 1, stale: false });
    expect(view(fromUrl.id)).toMatchObject({ activeEntries: 1, stale: false });
    expect(view(broken.id)).toMatchObject({ stale: true, activeEntries: 0 });
    expect(view(broken.id).staleReason).toMatch(/HTTP 404/);
    const [history] = await service.imports(fromFile.id);
    expect(history).toMatchObject({ trigger: 'scheduled', rowsDroppedImmigration: 1, rowsImported: 1 });
    // Not due again until the interval passes (a failed one within the hour); then due again.
    expect(await job.perform(clock.now())).toMatchObject({ due: 0 });
    clock.advance(HOUR);
    expect(await job.perform(clock.now())).toMatchObject({ due: 1, failed: 1 });
    clock.advance(24 * HOUR);
    expect((await job.perform(clock.now())).due).toBe(3);
    // Two days without a successful download: the list says it is stale.
    writeFileSync(join(feedDir, 'svs.csv'), 'LIC,LIS\nFEED001,CA\nFEED002'); // truncated: wrong column count
    clock.advance(24 * HOUR);
    await job.perform(clock.now());
    const after = (await service.lists()).find((l) => l.id === fromFile.id)!;
    expect(after).toMatchObject({ stale: true, activeEntries: 1 });
    expect(await new HotListRetentionJob(service).perform(clock.now())).toMatchObject({ listsDeleted: 0 });
  });

  it('imports refuse agency lists, a second concurrent import, and a mapping that names a missing column', async () => {
    const agency = await service.createList(admin, { name: 'Agency list', source: 'agency', priority: 0 });
    await expect(service.startImport(SYSTEM_ACTOR, agency.id, Readable.from(['plate\nX1\n']), { trigger: 'upload' })).rejects.toMatchObject({ id: 'hotlist_not_general' });
    const general = await service.createList(admin, { name: 'Concurrent', source: 'nlets', priority: 0 });
    const slow = new Readable({ read() {} });
    slow.push('plate\nSLOW001\n');
    const first = await service.startImport(admin, general.id, slow, { trigger: 'upload' });
    await expect(service.startImport(admin, general.id, Readable.from(['plate\nX\n']), { trigger: 'upload' })).rejects.toMatchObject({ id: 'hotlist_import_running' });
    slow.push(null); // the rest of the file arrives
    expect((await first.done).status).toBe('succeeded');
    const badMapping = await (await service.startImport(admin, general.id, Readable.from(['plate\nNEW1\n']), { trigger: 'upload', mapping: { plate: 'LICENSE' } })).done;
    expect(badMapping).toMatchObject({ status: 'failed' });
    expect(badMapping.error).toMatch(/no such column/);
    expect((await service.lists()).find((l) => l.id === general.id)).toMatchObject({ activeEntries: 1 });
  });
});
