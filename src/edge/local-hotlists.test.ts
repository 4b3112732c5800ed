// The edge unit's hot lists (issue 10; R9, R12): the copy on disk survives a restart with no
// network, a damaged copy is ignored for the previous one, reads are matched as they are journaled
// (local alert + vendor.edgeHits), and an old copy says it may be stale.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { EdgeFeed } from '../hotlists/edge-feed.schemas.js';
import type { IncomingRead } from '../ingest/ingest.schemas.js';
import { ALERTS_FILE } from './alert-journal.js';
import { FEED_FILE, FeedStore, PREVIOUS_FILE } from './feed-store.js';
import { startEdge, type EdgeUnit } from './edge.js';
import { LocalHotLists } from './local-hotlists.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T08:00:00Z');

function feed(version: string, entries: EdgeFeed['entries'], extra: Partial<EdgeFeed> = {}): EdgeFeed {
  return {
    version,
    generatedAt: new Date(T0).toISOString(),
    downloadIntervalHours: 12,
    lists: [
      { id: 'L-svs', name: 'NCIC stolen vehicles', priority: 0, source: 'NCIC stolen vehicles (SVS)', lastUpdatedAt: '2026-11-23T06:00:00.000Z' },
      { id: 'L-agency', name: 'Agency BOLO', priority: 2, source: 'Agency', lastUpdatedAt: '2026-11-22T18:00:00.000Z' },
    ],
    entries,
    ...extra,
  };
}
const STOLEN = { id: 'E-1', listId: 'L-svs', priority: 0, category: 'stolen_vehicle' as const, reason: 'SV: stolen 2026-11-20, SDPD', plate: '6TRK512', state: 'CA' };
const PARTIAL = { id: 'E-2', listId: 'L-agency', priority: 2, category: 'felony_vehicle' as const, reason: 'Armed robbery suspect', pattern: '7XY*' };

const read = (plate: string, extra: Partial<IncomingRead> = {}): IncomingRead => ({ id: uuidv7(), capturedAt: new Date(T0).toISOString(), plate, region: 'CA', location: { lat: 32.7, lon: -117.1 }, ...extra });

/** A fake server: answers the feed (with ETag/304) or is unreachable. */
function fakeServer(initial: EdgeFeed) {
  const state = { feed: initial, online: true, body: undefined as string | undefined, calls: 0, ingested: [] as IncomingRead[] };
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    state.calls += 1;
    if (!state.online) throw Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED') });
    const url = new URL(String(input));
    if (url.pathname === '/api/v1/ingest/reads') {
      const body = JSON.parse(String(init?.body)) as { reads: IncomingRead[] };
      state.ingested.push(...body.reads);
      return Response.json({ accepted: body.reads.length, duplicate: 0, rejected: 0, results: body.reads.map((r) => ({ id: r.id, status: 'accepted' })) });
    }
    const etag = `"${state.feed.version}"`;
    if (new Headers(init?.headers).get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    return new Response(state.body ?? JSON.stringify(state.feed), { status: 200, headers: { etag, 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { state, fetch: fetchFn };
}

describe('edge hot lists', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'platekeeper-edge-hot-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const open = async (dir: string, server: ReturnType<typeof fakeServer>, clock: { now: number }, extra: { staleAfterMs?: number; retryMs?: number; keepAlertsMs?: number } = {}) => {
    const unit = await LocalHotLists.open({ dir, server: 'http://server.test', key: 'pkc_test', fetch: server.fetch, now: () => clock.now, refreshMinutes: 0, ...extra });
    cleanup.push(() => unit.stop());
    return unit;
  };

  it('matches after a restart with no network, from the copy on disk', async () => {
    const dir = folder();
    const server = fakeServer(feed('v1', [STOLEN, PARTIAL]));
    const clock = { now: T0 };
    const online = await open(dir, server, clock);
    expect(online.status()).toMatchObject({ version: null, stale: true });
    await online.refresh();
    expect(online.status()).toMatchObject({ version: 'v1', lists: 2, entries: 2, stale: false, lastError: null, ageMinutes: 0 });
    await online.stop();

    server.state.online = false;
    clock.now = T0 + 30 * 60_000;
    const restarted = await open(dir, server, clock);
    await restarted.refresh(); // fails: offline
    expect(restarted.status()).toMatchObject({ version: 'v1', entries: 2, ageMinutes: 30, stale: false });
    expect(restarted.status().lastError).toMatch(/download failed .*ECONNREFUSED.*copy from 2026-11-23T08:00:00.000Z/);
    const batch = restarted.match([read('6TRK512'), read('7XY4411'), read('1ABC000')]);
    expect(batch.reads.map((r) => (r.vendor?.['edgeHits'] as { entryId: string }[] | undefined)?.map((h) => h.entryId))).toEqual([['E-1'], ['E-2'], undefined]);
    expect(batch.reads[0]!.vendor?.['edgeHits']).toEqual([{ entryId: 'E-1', listId: 'L-svs', kind: 'exact', matchedAt: new Date(clock.now).toISOString() }]);
  });

  it('ignores a damaged or cut-short copy and keeps the previous one; a bad download never replaces the copy in use', async () => {
    const dir = folder();
    const server = fakeServer(feed('v1', [STOLEN]));
    const clock = { now: T0 };
    const unit = await open(dir, server, clock);
    await unit.refresh();
    server.state.feed = feed('v2', [STOLEN, PARTIAL]);
    await unit.refresh();
    expect(unit.status()).toMatchObject({ version: 'v2', entries: 2 });

    // Cut short (a torn write outside the rename, a disk error): v2 is skipped, v1 (.prev) is used.
    truncateSync(join(dir, FEED_FILE), readFileSync(join(dir, FEED_FILE)).length - 40);
    let loaded = await new FeedStore(dir).load();
    expect(loaded.stored?.feed.version).toBe('v1');
    expect(loaded.skipped).toEqual([expect.stringMatching(/hotlists\.json: cut short/)]);

    // One flipped byte: the checksum catches it.
    const text = readFileSync(join(dir, PREVIOUS_FILE), 'utf8');
    writeFileSync(join(dir, PREVIOUS_FILE), text.replace('6TRK512', '6TRK513'));
    loaded = await new FeedStore(dir).load();
    expect(loaded.stored).toBeUndefined();
    expect(loaded.skipped).toEqual([expect.stringMatching(/cut short/), expect.stringMatching(/hotlists\.prev\.json: checksum mismatch/)]);

    // A server body that is not a feed changes nothing.
    const freshDir = folder();
    const fresh = await open(freshDir, server, clock);
    await fresh.refresh();
    server.state.feed = feed('v3', []);
    server.state.body = '{"version":"v3","lists":[';
    await fresh.refresh();
    expect(fresh.status()).toMatchObject({ version: 'v2', entries: 2 });
    expect(fresh.status().lastError).toMatch(/not JSON/);
    server.state.body = JSON.stringify({ version: 'v3', lists: [], entries: [{ id: 'x' }] });
    await fresh.refresh();
    expect(fresh.status().lastError).toMatch(/not a hot-list feed/);
    expect((await new FeedStore(freshDir).load()).stored?.feed.version).toBe('v2'); // the copy on disk is untouched too
  });

  it('raises a local alert only for reads journaled now, newest first, with list, reason, match and age (R12); once per read and entry', async () => {
    const dir = folder();
    const server = fakeServer(feed('v1', [STOLEN, PARTIAL, { ...STOLEN, id: 'E-gone', plate: 'OLD1234', expiresAt: T0 + HOUR }]));
    const clock = { now: T0 };
    const unit = await open(dir, server, clock);
    await unit.refresh();
    clock.now = T0 + 2 * HOUR;
    const first = read('6TRK512');
    const second = read('7XY9');
    const expired = read('OLD1234');
    const batch = unit.match([first, second, expired]);
    expect(batch.reads[2]!.vendor).toBeUndefined(); // expired entries no longer hit (R13)
    await batch.raise([second.id]); // `first` was a duplicate in the journal: no alert for it
    await unit.match([first]).raise([first.id]);
    await unit.match([first]).raise([first.id]); // the recognizer resent it: not listed twice
    const { alerts, hotlists } = unit.alerts(10);
    expect(alerts.map((a) => a.plate)).toEqual(['6TRK512', '7XY9']);
    expect(alerts[0]).toMatchObject({
      readId: first.id, entryId: 'E-1', listId: 'L-svs', listName: 'NCIC stolen vehicles', listSource: 'NCIC stolen vehicles (SVS)', reason: 'SV: stolen 2026-11-20, SDPD',
      category: 'stolen_vehicle', kind: 'exact', state: 'matched', listed: { plate: '6TRK512', state: 'CA' }, listLastUpdatedAt: '2026-11-23T06:00:00.000Z',
      feedVersion: 'v1', feedAgeMinutes: 120, mayBeStale: false, staleWarning: null,
    });
    expect(alerts[1]).toMatchObject({ kind: 'wildcard', listName: 'Agency BOLO', listed: { pattern: '7XY*' } });
    expect(hotlists).toMatchObject({ alerts: 2, version: 'v1' });
    // Durable: a restart still lists them.
    const lines = readFileSync(join(dir, ALERTS_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    writeFileSync(join(dir, ALERTS_FILE), `${lines.join('\n')}\n{"readId":"torn`); // power cut mid-write
    await unit.stop();
    const restarted = await open(dir, server, clock);
    expect(restarted.alerts(10).alerts.map((a) => a.plate)).toEqual(['6TRK512', '7XY9']);
    expect(restarted.alerts(10).beforeActing).toMatch(/confirm with dispatch .* \(R10\)/);
    expect(readFileSync(join(dir, ALERTS_FILE), 'utf8').trim().split('\n')).toHaveLength(2); // the torn line is gone
    await restarted.stop();
    // Days later the unit starts again: old alerts leave it (the server has the reads and its own alerts).
    clock.now += 73 * HOUR;
    const later = await open(dir, server, clock);
    expect(later.alerts(10).alerts).toEqual([]);
    expect(readFileSync(join(dir, ALERTS_FILE), 'utf8')).toBe('');
  });

  it('deletes the local copy when the server refuses the key (revoked): the unit no longer holds the lists', async () => {
    const dir = folder();
    const server = fakeServer(feed('v1', [STOLEN]));
    const clock = { now: T0 };
    const unit = await open(dir, server, clock);
    await unit.refresh();
    expect(unit.match([read('6TRK512')]).reads[0]!.vendor).toBeDefined();
    const refusing = (async () => Response.json({ error: { id: 'camera_key_revoked' } }, { status: 401 })) as typeof fetch;
    const cut = await LocalHotLists.open({ dir, server: 'http://server.test', key: 'pkc_test', fetch: refusing, now: () => clock.now, refreshMinutes: 0, retryMs: 60_000 });
    cleanup.push(() => cut.stop());
    await cut.refresh();
    expect(cut.status()).toMatchObject({ version: null, entries: 0, lastError: expect.stringMatching(/HTTP 401/) });
    expect(cut.match([read('6TRK512')]).reads[0]!.vendor).toBeUndefined();
    expect((await new FeedStore(dir).load()).stored).toBeUndefined();
  });

  it('after a failed download tries again soon, not a whole refresh interval later', async () => {
    const server = fakeServer(feed('v1', [STOLEN]));
    server.state.online = false;
    const unit = await open(folder(), server, { now: T0 }, { retryMs: 30 });
    unit.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unit.status().lastError).toMatch(/download failed/);
    server.state.online = true;
    const deadline = Date.now() + 3_000;
    while (unit.status().version === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unit.status()).toMatchObject({ version: 'v1', lastError: null });
  });

  it('says the copy may be stale past twice the download interval, or the flag; a 304 confirms it current again, across restarts (R12)', async () => {
    const dir = folder();
    const server = fakeServer(feed('v1', [STOLEN]));
    const clock = { now: T0 };
    const unit = await open(dir, server, clock);
    await unit.refresh();
    server.state.online = false;
    clock.now = T0 + 25 * HOUR; // interval 12 h → stale after 24 h
    await unit.refresh();
    expect(unit.status()).toMatchObject({ stale: true, ageMinutes: 25 * 60 });
    expect(unit.status().staleWarning).toMatch(/last confirmed current 25 h 0 min ago .* Confirm any hit with dispatch/);
    const r = read('6TRK512');
    await unit.match([r]).raise([r.id]);
    expect(unit.alerts(1).alerts[0]).toMatchObject({ mayBeStale: true, feedAgeMinutes: 25 * 60, staleWarning: expect.stringMatching(/R12/) });

    server.state.online = true;
    const before = server.state.calls;
    await unit.refresh(); // unchanged: 304
    expect(server.state.calls).toBe(before + 1);
    expect(unit.status()).toMatchObject({ version: 'v1', stale: false, ageMinutes: 0, confirmedAt: new Date(clock.now).toISOString(), fetchedAt: new Date(T0).toISOString() });
    await unit.stop();
    clock.now += HOUR;
    expect((await open(dir, server, clock)).status()).toMatchObject({ ageMinutes: 60, stale: false });
    // A flag overrides the interval rule.
    expect((await open(dir, server, clock, { staleAfterMs: 30 * 60_000 })).status()).toMatchObject({ stale: true });
  });

  it('through the edge unit: a read of a listed plate is journaled with edgeHits and shown on GET /alerts and /status at once, offline', async () => {
    const journalDir = folder();
    const server = fakeServer(feed('v1', [STOLEN]));
    const log: string[] = [];
    let edge: EdgeUnit | undefined = await startEdge({ server: 'http://server.test', key: 'pkc_test', journalDir, port: 0, fetch: server.fetch, reportEveryMs: 0, idleMs: 50, backoff: { initialMs: 20, maxMs: 50 }, hotlists: { refreshMinutes: 0 }, log: (line) => log.push(line) });
    cleanup.push(() => edge?.close());
    await edge.hotlists!.refresh();
    server.state.online = false;
    const hit = read('6TRK512');
    const response = await fetch(`${edge.url}/api/v1/ingest/reads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reads: [hit, read('1ABC000')] }) });
    expect(response.status).toBe(200);
    const alerts = (await (await fetch(`${edge.url}/alerts`)).json()) as { alerts: { readId: string; listName: string }[]; hotlists: { version: string } };
    expect(alerts.alerts).toEqual([expect.objectContaining({ readId: hit.id, listName: 'NCIC stolen vehicles' })]);
    const status = (await (await fetch(`${edge.url}/status`)).json()) as { hotlists: { version: string; entries: number; alerts: number; stale: boolean } };
    expect(status.hotlists).toMatchObject({ version: 'v1', entries: 1, alerts: 1, stale: false });
    expect((await fetch(`${edge.url}/alerts?limit=0`)).status).toBe(400);
    expect(log).toContain('edge: HIT 6TRK512 on NCIC stolen vehicles (exact)');
    // Back online: the read goes up with its edge hit in vendor data.
    server.state.online = true;
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => (edge!.status().backlog === 0 ? resolve() : Date.now() - started > 5_000 ? reject(new Error('backlog did not drain')) : setTimeout(poll, 20));
      poll();
    });
    const sent = server.state.ingested.find((r) => r.id === hit.id);
    expect(sent?.vendor).toEqual({ edgeHits: [{ entryId: 'E-1', listId: 'L-svs', kind: 'exact', matchedAt: expect.any(String) }] });
    await edge.close();
    edge = undefined;

    // Matching off: no download, GET /alerts says so.
    const off = await startEdge({ server: 'http://server.test', key: 'pkc_test', journalDir: folder(), port: 0, fetch: server.fetch, reportEveryMs: 0, hotlists: false, log: () => undefined });
    cleanup.push(() => off.close());
    expect(off.status().hotlists).toBeNull();
    expect(await (await fetch(`${off.url}/alerts`)).json()).toMatchObject({ alerts: [], note: expect.stringMatching(/off/) });
  });
});
