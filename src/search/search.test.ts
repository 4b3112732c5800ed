// Investigative search against planted ground truth, on both databases (issue 6; R21–R25): every
// kind, wildcard and fuzzy edge cases, paging, the gate refusing bad purposes, and the access log.
// On the cluster backend too (issue 12): reads ingested through the api role, stored by the writer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../platform/clock.js';
import { startTestApp, type Headers, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { BACKENDS } from '../../test/databases.js';
import { tinyJpeg } from '../../test/reads.fixtures.js';
import { CAMERA_COUNT, cameraLocation, CONVOY, ingestBody, NOW, plantedReads, SERIES, type PlantedRead } from './search.testkit.js';
import type { SearchPage } from './search.schemas.js';

describe.each(BACKENDS)('investigative search on %s', (backend) => {
  let t: TestApp;
  let analyst: TestUser;
  let headers: Headers;
  const cameras: { id: string; key: string }[] = [];
  const planted: PlantedRead[] = plantedReads();

  const search = async (kind: string, body: object, as: Headers = headers) => t.app.http.inject({ method: 'POST', url: `/api/v1/search/${kind}`, headers: as, payload: body });
  const ok = async (kind: string, body: object): Promise<SearchPage> => {
    const response = await search(kind, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const platesOf = (page: SearchPage) => [...new Set(page.reads.map((read) => read.plate))].sort();
  const readsOf = (predicate: (read: PlantedRead) => boolean) => planted.filter(predicate);
  const circle = (camera: number, radiusMeters = 300) => ({ center: cameraLocation(camera), radiusMeters });
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    t = await startTestApp(backend, { clock: new FakeClock(NOW) });
    for (let i = 0; i < CAMERA_COUNT; i++) cameras.push(await t.registerCamera({ name: `Camera ${i}`, kind: 'mobile' }));
    for (let i = 0; i < CAMERA_COUNT; i++) {
      const mine = planted.filter((read) => read.camera === i);
      const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${cameras[i]!.key}` }, payload: ingestBody(mine) });
      expect(response.statusCode, response.body).toBe(200);
    }
    await t.settle();
    analyst = await t.createEligibleUser(['analyst']);
    headers = await t.withPurpose(analyst);
  });
  afterAll(async () => t?.cleanup());

  it('exact plate, with and without its state, newest first', async () => {
    const all = await ok('plate', { plate: '7ab-3120' });
    expect(all.reads).toHaveLength(readsOf((r) => r.plate === '7AB3120').length);
    expect(all.reads.map((r) => r.capturedAt)).toEqual([...all.reads.map((r) => r.capturedAt)].sort().reverse());
    const ca = await ok('plate', { plate: '7AB3120', region: 'us-ca' });
    expect(ca.reads.map((r) => r.region)).toEqual(['CA', 'CA']);
    expect(ca.reads[0]).toMatchObject({ plate: '7AB3120', cameraName: 'Camera 2', lat: cameraLocation(2).lat, vehicle: { make: 'Honda' } });
    expect((await ok('plate', { plate: 'NOSUCH1' })).reads).toEqual([]);
  });

  it('partial plates: positional wildcards, ordered and any-position characters', async () => {
    const expected = (re: RegExp) => [...new Set(planted.map((r) => r.plate).filter((p) => re.test(p)))].sort();
    expect(platesOf(await ok('partial', { pattern: '7AB?12*' }))).toEqual(expected(/^7AB.12.*$/));
    expect(platesOf(await ok('partial', { pattern: '7AB?12?' }))).toEqual(expected(/^7AB.12.$/));
    expect(platesOf(await ok('partial', { pattern: '*B31*' }))).toEqual(expected(/B31/));
    expect(platesOf(await ok('partial', { pattern: '7AB', mode: 'ordered', limit: 500 }))).toEqual(expected(/7.*A.*B/));
    expect(platesOf(await ok('partial', { pattern: 'BA7', mode: 'unordered', limit: 500 }))).toEqual(expected(/^(?=.*7)(?=.*A)(?=.*B)/));
    // Separators and lower case are what people type; they change nothing.
    expect(platesOf(await ok('partial', { pattern: '7ab ?12-*' }))).toEqual(expected(/^7AB.12.*$/));
    const page = await ok('partial', { pattern: '7AB?12*', region: 'NV' });
    expect(page.reads.map((r) => [r.plate, r.region])).toEqual([['7AB3120', 'NV']]);
  });

  it('refuses patterns that cannot be searched, saying what to write', async () => {
    for (const [pattern, id] of [
      ['7AB%12', 'pattern_illegal_character'],
      ['???', 'pattern_only_wildcards'],
      ['7AB?12?XYZ9', 'pattern_too_long'],
    ] as const) {
      const response = await search('partial', { pattern });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ id, field: 'pattern' });
    }
    expect((await search('partial', { pattern: '7?', mode: 'unordered' })).json().error.id).toBe('pattern_wildcard_in_any_position_mode');
    expect((await search('plate', { plate: '--' })).json().error.id).toBe('invalid_plate');
    expect((await search('plate', { plate: '7AB3120', region: 'Atlantis' })).json().error.id).toBe('invalid_region');
  });

  it('fuzzy: within OCR confusion or one edit, closest first; two edits are not found', async () => {
    const page = await ok('fuzzy', { plate: '7AB3120', limit: 100 });
    const closeness = new Map(page.plates.map((p) => [p.plate, p.closeness]));
    // 7AB9125, 7AC3121 and 17AB312 are two edits away; so is 7XX3120.
    expect(Object.fromEntries(closeness)).toEqual({ '7AB3120': 0, '7A83120': 1, '7AB312O': 1, '7AB312': 2, '7AB31200': 2, '7AX3120': 2 });
    expect(closeness.has('7XX3120')).toBe(false);
    expect(closeness.has('7AB9125')).toBe(false);
    const order = page.reads.map((r) => r.closeness ?? -1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page.reads[0]?.plate).toBe('7AB3120');
  });

  it('fuzzy pages walk the tiers without losing or repeating a read', async () => {
    const whole = await ok('fuzzy', { plate: '7AB3120', limit: 500 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ok('fuzzy', { plate: '7AB3120', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.reads.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(whole.reads.map((r) => r.id));
  });

  it('vehicle description, alone and with a partial plate (case-blind)', async () => {
    const pickups = await ok('vehicle', { make: 'FORD', color: 'Red', limit: 500 });
    expect(pickups.reads.map((r) => r.id).sort()).toEqual(readsOf((r) => r.vehicle.make === 'Ford' && r.vehicle.color === 'red').map((r) => r.id).sort());
    expect(platesOf(await ok('vehicle', { make: 'ford', pattern: '7AB*' }))).toEqual(['7AB9125']);
    expect((await search('vehicle', {})).json().error.id).toBe('description_empty');
  });

  it('canvass: every read in a circle or polygon and a window, and nothing outside (R23)', async () => {
    const w = SERIES.windows[0]!;
    const page = await ok('canvass', { area: circle(4, 500), from: iso(w.from), to: iso(w.to) });
    const expected = readsOf((r) => r.camera === 4 && r.capturedAt >= w.from && r.capturedAt < w.to);
    expect(expected.length).toBeGreaterThan(0);
    expect(page.reads.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const c = cameraLocation(4);
    const polygon = [
      { lat: c.lat - 0.001, lon: c.lon - 0.001 },
      { lat: c.lat - 0.001, lon: c.lon + 0.001 },
      { lat: c.lat + 0.001, lon: c.lon },
    ];
    expect((await ok('canvass', { area: { polygon }, from: iso(w.from), to: iso(w.to) })).reads.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const away = [
      { lat: c.lat + 0.002, lon: c.lon - 0.001 },
      { lat: c.lat + 0.002, lon: c.lon + 0.001 },
      { lat: c.lat + 0.003, lon: c.lon },
    ];
    expect((await ok('canvass', { area: { polygon: away }, from: iso(w.from), to: iso(w.to) })).reads).toEqual([]);
    const tooLong = await search('canvass', { area: circle(4), from: iso(w.from), to: iso(w.from + 8 * 24 * 3600_000) });
    expect(tooLong.json().error.id).toBe('window_too_long');
    const backwards = await search('canvass', { area: circle(4), from: iso(w.to), to: iso(w.from) });
    expect(backwards.json().error.id).toBe('invalid_time_range');
  });

  it('several places: every planted series found, none false', async () => {
    const windows = SERIES.windows.map((w, i) => ({ area: circle(w.camera), from: iso(w.from), to: iso(w.to), label: `burglary ${i + 1}` }));
    const page = await ok('places', { windows });
    const expected = Object.entries(SERIES.seen).filter(([, seen]) => seen.length >= 2);
    expect(page.vehicles.map((v) => v.plate).sort()).toEqual(expected.map(([plate]) => plate).sort());
    expect(page.vehicles[0]).toMatchObject({ plate: '7SER437', matched: ['burglary 1', 'burglary 2', 'burglary 3'] });
    const all3 = await ok('places', { windows, minWindows: 3 });
    expect(all3.vehicles.map((v) => v.plate)).toEqual(['7SER437']);
    expect((await search('places', { windows: windows.slice(0, 2), minWindows: 3 })).json().error.id).toBe('min_windows_too_high');
  });

  it('convoy: every planted follower found, no decoy', async () => {
    const page = await ok('convoy', { plate: CONVOY.target, withinSeconds: 60, minCameras: 2 });
    expect(page.vehicles.map((v) => v.plate).sort()).toEqual([...CONVOY.followers].sort());
    expect(page.vehicles[0]).toMatchObject({ plate: '7FLW437', matched: ['Camera 0', 'Camera 1', 'Camera 2'] });
    expect((await ok('convoy', { plate: CONVOY.target, minCameras: 3 })).vehicles.map((v) => v.plate)).toEqual(['7FLW437']);
    // Within ten minutes the late decoy also travels with the target.
    expect((await ok('convoy', { plate: CONVOY.target, withinSeconds: 600 })).vehicles.map((v) => v.plate).sort()).toEqual([...CONVOY.followers, '7LAT437'].sort());
  });

  it('history pages through every read of a plate; camera filters and time ranges combine', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ok('history', { plate: CONVOY.target, limit: 3, ...(cursor ? { cursor } : {}) });
      ids.push(...page.reads.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(readsOf((r) => r.plate === CONVOY.target).sort((a, b) => b.capturedAt - a.capturedAt).map((r) => r.id));
    const atTwo = await ok('history', { plate: CONVOY.target, cameraIds: [cameras[1]!.id, cameras[2]!.id] });
    expect(atTwo.reads.map((r) => r.cameraName).sort()).toEqual(['Camera 1', 'Camera 2']);
    const pass = CONVOY.passes[3]!;
    expect((await ok('history', { plate: CONVOY.target, from: iso(pass.at) })).reads).toHaveLength(1);
    expect((await search('history', { plate: CONVOY.target, cursor: 'bogus' })).json().error.id).toBe('invalid_cursor');
  });

  it('the gate refuses every bad purpose, and a user the roles do not allow', async () => {
    const noPurpose = await search('plate', { plate: '7AB3120' }, analyst.headers);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error.id).toBe('purpose_required');
    const badInline = await search('plate', { plate: '7AB3120', purpose: { caseNumber: '', category: 'stolen_vehicle', reason: 'x' } }, analyst.headers);
    expect([400, 403, 422]).toContain(badInline.statusCode);
    const unknownId = await search('plate', { plate: '7AB3120' }, { ...analyst.headers, 'x-purpose-id': 'no-such-purpose' });
    expect(unknownId.statusCode).toBeGreaterThanOrEqual(400);
    expect(unknownId.statusCode).toBeLessThan(500);
    const untrained = await t.createUser(['analyst']);
    const refused = await search('plate', { plate: '7AB3120', purpose: { caseNumber: '26-004512', category: 'stolen_vehicle', reason: 'Locating the stolen grey Honda Civic reported in case 26-004512 near Main Street' } }, untrained.headers);
    expect(refused.statusCode).toBe(403);
    const stateOnly = await t.createEligibleUser(['analyst'], { sources: ['state'] });
    const noAgency = await search('plate', { plate: '7AB3120' }, await t.withPurpose(stateOnly));
    expect(noAgency.statusCode).toBe(403);
    expect(noAgency.json().error.id).toBe('data_source_not_authorized');
    const auditor = await t.createEligibleUser(['auditor']);
    expect((await search('plate', { plate: '7AB3120' }, await t.withPurpose(auditor))).statusCode).toBe(403);
    // Nothing was logged as a search for any of them.
    const searches = await t.app.database.db.selectFrom('accessLog').select('actorUsername').where('action', '=', 'search.plate').execute();
    expect(searches.map((row) => row.actorUsername)).not.toContain(untrained.username);
  });

  it('writes each search to the access log with its purpose and the data elements queried (R25)', async () => {
    await ok('partial', { pattern: '7AB?12*', region: 'CA' });
    const entry = await t.app.database.db.selectFrom('accessLog').selectAll().where('action', '=', 'search.partial').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ category: 'data_access', actorUsername: analyst.username, purposeCase: '26-004512', purposeCategory: 'stolen_vehicle' });
    expect(JSON.parse(entry.dataElements)).toMatchObject({ kind: 'partial', pattern: '7AB?12*', mode: 'positional', region: 'CA' });
    expect(entry.resultCount).toBe(readsOf((r) => /^7AB.12.*$/.test(r.plate) && r.region === 'CA').length);
  });

  it('serves images only through the gate, and logs each view', async () => {
    const image = (await tinyJpeg()).toString('base64');
    const response = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/ingest/reads',
      headers: { authorization: `Bearer ${cameras[0]!.key}` },
      payload: { reads: [{ ...ingestBody([{ ...planted[0]!, id: '019ab000-0000-7000-8000-000000000001', plate: '7IMG437' }]).reads[0], plateImage: { base64: image, contentType: 'image/jpeg' } }] },
    });
    expect(response.statusCode, response.body).toBe(200);
    await t.settle();
    const read = (await ok('plate', { plate: '7IMG437' })).reads[0]!;
    expect(read.plateImageUrl).toMatch(/^\/api\/v1\/images\/[0-9a-f]{64}$/);
    expect((await t.app.http.inject({ method: 'GET', url: read.plateImageUrl!, headers: analyst.headers })).json().error.id).toBe('purpose_required');
    const viaQuery = await t.app.http.inject({ method: 'GET', url: `${read.plateImageUrl!}?purpose=${headers['x-purpose-id']}`, headers: analyst.headers });
    expect(viaQuery.statusCode).toBe(200);
    expect(viaQuery.headers['content-type']).toBe('image/jpeg');
    expect(viaQuery.rawPayload.equals(await tinyJpeg())).toBe(true);
    const logged = await t.app.database.db.selectFrom('accessLog').selectAll().where('action', '=', 'image.view').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(logged.dataElements)).toMatchObject({ image: read.plateImageUrl!.split('/').pop() });
    expect((await t.app.http.inject({ method: 'GET', url: `/api/v1/images/${'0'.repeat(64)}`, headers })).statusCode).toBe(404);
  });
});
