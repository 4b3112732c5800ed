// GET /api/v1/edge/hotlists on both databases (issue 10; R5, R9, R12): a mobile unit's key takes
// down only designated lists' active, approved entries; a fixed camera is refused; an unchanged
// feed answers 304; each download is in the access log with the camera, lists and count, never plates.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import { startTestApp, type Headers, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DAY, FakeClock } from '../platform/clock.js';
import type { EdgeFeed } from './edge-feed.schemas.js';

describe.each(DIALECTS)('edge hot-list feed (%s)', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let officer: TestUser;
  let supervisor: TestUser;
  let mobile: { id: string; key: string };
  let fixed: { id: string; key: string };

  const call = async (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) => {
    const response = await t.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown>) : {} };
  };
  const feed = (key: string, headers: Record<string, string> = {}) => t.app.http.inject({ method: 'GET', url: '/api/v1/edge/hotlists', headers: { authorization: `Bearer ${key}`, ...headers } });
  const entry = (plate: string, extra: object = {}) => ({ plate, state: 'CA', category: 'stolen_vehicle', caseAgent: 'Det. Rivera', caseNumber: '26-004512', synopsis: 'Grey Honda Civic taken at gunpoint from a gas station', ...extra });

  beforeAll(async () => {
    clock = new FakeClock('2026-11-20T12:00:00Z');
    t = await startTestApp(dialect, { clock });
    officer = await t.createEligibleUser(['officer']);
    supervisor = await t.createEligibleUser(['supervisor']);
    mobile = await t.registerCamera({ kind: 'mobile', name: 'Unit 12' });
    fixed = await t.registerCamera({ kind: 'fixed' });
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it('sends only designated lists and their active, approved entries, with an ETag; unchanged answers 304; a change moves the version', async () => {
    const designated = (await call('POST', '/api/v1/hotlists', t.admin, { name: 'Agency BOLO', source: 'agency', priority: 1 })).body as { id: string };
    const other = (await call('POST', '/api/v1/hotlists', t.admin, { name: 'Not designated', source: 'agency', priority: 2 })).body as { id: string };
    expect((await call('POST', `/api/v1/hotlists/${designated.id}/designation`, t.admin, { active: true })).status).toBe(200);
    const approved = (await call('POST', `/api/v1/hotlists/${designated.id}/entries`, officer.headers, entry('6TRK512', { expiresAt: new Date(clock.now().getTime() + 3 * DAY).toISOString() }))).body as { id: string };
    await call('POST', `/api/v1/hotlists/${designated.id}/entries`, officer.headers, entry('7PEND01')); // stays pending
    const elsewhere = (await call('POST', `/api/v1/hotlists/${other.id}/entries`, officer.headers, entry('8OTHER1'))).body as { id: string };
    expect((await call('POST', `/api/v1/hotlists/entries/${approved.id}/approve`, supervisor.headers)).status).toBe(204);
    expect((await call('POST', `/api/v1/hotlists/entries/${elsewhere.id}/approve`, supervisor.headers)).status).toBe(204);
    await t.app.hotlists.idle();

    const first = await feed(mobile.key);
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json() as EdgeFeed;
    expect(body.lists).toEqual([{ id: designated.id, name: 'Agency BOLO', priority: 1, source: expect.any(String), lastUpdatedAt: clock.now().toISOString() }]);
    expect(body.entries).toEqual([{ id: approved.id, listId: designated.id, priority: 1, category: 'stolen_vehicle', reason: expect.stringContaining('Grey Honda'), plate: '6TRK512', state: 'CA', expiresAt: clock.now().getTime() + 3 * DAY }]);
    expect(body.downloadIntervalHours).toBeGreaterThan(0);
    expect(first.headers.etag).toBe(`"${body.version}"`);

    // Gzipped for the car's link when the unit accepts it (fetch does): the same feed.
    const zipped = await feed(mobile.key, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(body);
    expect(first.headers['content-encoding']).toBeUndefined();

    const again = await feed(mobile.key, { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    // The officer's pending entry approved: the feed changes.
    const queue = (await call('GET', '/api/v1/hotlists/entries/pending', await t.withPurpose(supervisor))).body as { entries: { id: string; plate: string }[] };
    const pendingId = queue.entries.find((e) => e.plate === '7PEND01')!.id;
    expect((await call('POST', `/api/v1/hotlists/entries/${pendingId}/approve`, supervisor.headers)).status).toBe(204);
    const changed = await feed(mobile.key, { 'if-none-match': first.headers.etag as string });
    expect(changed.statusCode).toBe(200);
    expect((changed.json() as EdgeFeed).entries.map((e) => e.plate).sort()).toEqual(['6TRK512', '7PEND01']);
    expect((changed.json() as EdgeFeed).version).not.toBe(body.version);

    // Past an entry's expiry the feed leaves it out, without any other change (R13).
    const etag = changed.headers.etag as string;
    clock.advance(4 * DAY);
    const expired = await feed(mobile.key, { 'if-none-match': etag });
    expect(expired.statusCode).toBe(200);
    expect((expired.json() as EdgeFeed).entries.map((e) => e.plate)).toEqual(['7PEND01']);
  });

  it('refuses fixed cameras (403), and callers without a camera key', async () => {
    const refused = await feed(fixed.key);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { id: 'edge_feed_mobile_only', message: expect.stringMatching(/mobile/) } });
    expect((await feed('pkc_not-a-key')).statusCode).toBe(401);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/edge/hotlists', headers: t.admin })).statusCode).toBe(401);
  });

  it('records each download in the access log with the camera, lists and entry count, never the plates; a 304 sends nothing and logs nothing', async () => {
    const before = (await t.app.accessLog.query({ actionPrefix: 'hotlist.edge_download' }, { limit: 100 })).entries.length;
    const got = await feed(mobile.key);
    const version = (got.json() as EdgeFeed).version;
    await feed(mobile.key, { 'if-none-match': got.headers.etag as string });
    const { entries } = await t.app.accessLog.query({ actionPrefix: 'hotlist.edge_download' }, { limit: 100 });
    expect(entries).toHaveLength(before + 1);
    const line = entries[0]!;
    expect(line).toMatchObject({ category: 'data_access', actorUsername: `camera:${mobile.id}`, purposeCategory: 'hot_list_matching', resultCount: (got.json() as EdgeFeed).entries.length });
    expect(line.dataElements).toMatchObject({ cameraId: mobile.id, version, entries: (got.json() as EdgeFeed).entries.length, listIds: expect.any(Array) });
    expect(JSON.stringify(line)).not.toMatch(/7PEND01|6TRK512/);
  });
});
