// Exports (R32) on both databases: each format parses and carries the case number, every export is
// logged and registered with the profile's destruction date, and the custodian records destruction.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, DAY } from '../platform/clock.js';
import { startTestApp, type Headers, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { ingestBody, NOW, plantedReads } from '../search/search.testkit.js';

const CASE = '26-004512';

describe.each(DIALECTS)('exports on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let analyst: TestUser;
  let custodian: TestUser;
  let headers: Headers;
  const planted = plantedReads();
  const partial = { kind: 'partial', query: { pattern: '7AB?12*' } };
  const expectedReads = planted.filter((r) => /^7AB.12.*$/.test(r.plate));

  const exportAs = (format: string, search: object = partial, as: Headers = headers) => t.app.http.inject({ method: 'POST', url: '/api/v1/exports', headers: as, payload: { format, search } });
  const logged = (action: string) => t.app.database.db.selectFrom('accessLog').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();

  beforeAll(async () => {
    clock = new FakeClock(NOW);
    t = await startTestApp(dialect, { clock });
    const camera = await t.registerCamera({ kind: 'mobile' });
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${camera.key}` }, payload: ingestBody(planted) });
    expect(response.statusCode, response.body).toBe(200);
    analyst = await t.createEligibleUser(['analyst']);
    headers = await t.withPurpose(analyst, { caseNumber: CASE });
    custodian = await t.createUser(['custodian']);
  });
  afterAll(async () => t?.cleanup());

  it('CSV: one row per read, spreadsheet-safe, with the case number in its header line', async () => {
    const response = await exportAs('csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="platekeeper-${CASE}-[0-9a-f]{8}\\.csv"`));
    expect(response.body.split('\r\n')[0]).toContain(`case ${CASE}`);
    const rows = parse(response.body, { columns: true, comment: '#', skip_empty_lines: true }) as Record<string, string>[];
    expect(rows.map((row) => row.read_id).sort()).toEqual(expectedReads.map((r) => r.id).sort());
    expect(rows[0]).toHaveProperty('plate');
    expect(rows.every((row) => /^7AB.12/.test(row.plate ?? ''))).toBe(true);
  });

  it('GeoJSON: a valid FeatureCollection of points', async () => {
    const response = await exportAs('geojson');
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { type: string; platekeeper: { caseNumber: string; destroyDueAt: string }; features: { type: string; geometry: { type: string; coordinates: number[] }; properties: { plate: string } }[] };
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.platekeeper.caseNumber).toBe(CASE);
    expect(doc.features).toHaveLength(expectedReads.length);
    for (const feature of doc.features) {
      expect(feature.type).toBe('Feature');
      expect(feature.geometry.type).toBe('Point');
      const [lon, lat] = feature.geometry.coordinates;
      expect(lon).toBeGreaterThanOrEqual(-180);
      expect(lat).toBeLessThanOrEqual(90);
    }
  });

  it('KML: well-formed XML with one placemark per read', async () => {
    const response = await exportAs('kml');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe(true);
    expect(body.match(/<Placemark /g)).toHaveLength(expectedReads.length);
    expect(body).toContain(CASE);
    // Every element opened is closed, in order.
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of body.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name ?? '');
    }
    expect(stack).toEqual([]);
  });

  it('PDF: a report that starts with %PDF and names the case', async () => {
    const response = await exportAs('pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain(CASE);
  });

  it('registers each export with its purpose and the profile\'s destruction date, and logs it (R25, R32)', async () => {
    const response = await exportAs('csv');
    const id = response.headers['x-export-id'] as string;
    const due = NOW.getTime() + t.app.profile.retention.exports.maxDays * DAY;
    expect(response.headers['x-destroy-due-at']).toBe(new Date(due).toISOString());
    const row = await t.app.database.db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ format: 'csv', caseNumber: CASE, purposeCategory: 'stolen_vehicle', createdBy: analyst.username, recordCount: expectedReads.length, destroyDueAt: due, destroyedAt: null });
    expect(row.description).toContain('7AB?12*');
    const [exported] = await logged('export.csv');
    expect(exported).toMatchObject({ category: 'data_access', purposeCase: CASE, resultCount: expectedReads.length });
    expect(JSON.parse(exported!.dataElements)).toMatchObject({ kind: 'partial', pattern: '7AB?12*' });
    const [registered] = await logged('export.register');
    expect(JSON.parse(registered!.dataElements)).toMatchObject({ exportId: id, format: 'csv', caseNumber: CASE });
  });

  it('refuses an export without a purpose, or of a bad search, and registers nothing', async () => {
    const before = (await t.app.database.db.selectFrom('exports').select('id').execute()).length;
    expect((await exportAs('csv', partial, analyst.headers)).json().error.id).toBe('purpose_required');
    expect((await exportAs('csv', { kind: 'partial', query: { pattern: '7AB%' } })).json().error.id).toBe('pattern_illegal_character');
    expect((await exportAs('docx')).statusCode).toBe(400);
    expect((await t.app.database.db.selectFrom('exports').select('id').execute()).length).toBe(before);
  });

  it('the custodian lists exports, sees them go overdue, and records destruction once', async () => {
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/exports', headers: analyst.headers })).statusCode).toBe(403);
    const open = (await t.app.http.inject({ method: 'GET', url: '/api/v1/exports?status=open', headers: custodian.headers })).json() as { exports: { id: string; status: string }[]; overdue: number };
    expect(open.exports.length).toBeGreaterThanOrEqual(5);
    expect(open.overdue).toBe(0);
    expect(open.exports.every((e) => e.status === 'due')).toBe(true);

    clock.advance((t.app.profile.retention.exports.maxDays + 1) * DAY);
    await t.signInAs(custodian);
    const overdue = (await t.app.http.inject({ method: 'GET', url: '/api/v1/exports?status=overdue', headers: custodian.headers })).json() as { exports: { id: string; status: string }[]; overdue: number };
    expect(overdue.overdue).toBe(open.exports.length);
    const target = overdue.exports[0]!;
    expect(target.status).toBe('overdue');

    const destroyed = await t.app.http.inject({ method: 'POST', url: `/api/v1/exports/${target.id}/destroyed`, headers: custodian.headers, payload: { note: 'Printout shredded, USB drive wiped' } });
    expect(destroyed.statusCode, destroyed.body).toBe(200);
    expect(destroyed.json()).toMatchObject({ status: 'destroyed', destroyedBy: custodian.username, note: 'Printout shredded, USB drive wiped' });
    const again = await t.app.http.inject({ method: 'POST', url: `/api/v1/exports/${target.id}/destroyed`, headers: custodian.headers, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.id).toBe('export_already_destroyed');
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/exports/nope/destroyed', headers: custodian.headers, payload: {} })).statusCode).toBe(404);
    const [change] = await logged('export.destroyed');
    expect(change).toMatchObject({ category: 'admin_change', actorUsername: custodian.username });
    const after = (await t.app.http.inject({ method: 'GET', url: '/api/v1/exports?status=overdue', headers: custodian.headers })).json() as { overdue: number };
    expect(after.overdue).toBe(open.exports.length - 1);
  });

  it('an export booked into evidence (R31) keeps a due date but never falls overdue; register() is the interface other rooms call', async () => {
    await t.signInAs(analyst);
    await t.signInAs(custodian);
    const stated = await t.withPurpose(analyst, { caseNumber: CASE });
    const principal = await t.app.access.authenticate(analyst.headers.authorization.slice('Bearer '.length));
    const ctx = await t.app.purposeGate.openStated(principal!, stated['x-purpose-id'], { clientAddress: null, device: null, action: 'evidence.export' });
    const maxDays = t.app.profile.retention.exports.maxDays;
    const { id, destroyDueAt } = await t.app.exportsRegistry.register(ctx, { format: 'evidence-zip', description: 'Evidence bundle for the case', recordCount: 3, evidence: true });
    expect(destroyDueAt.getTime()).toBe(clock.now().getTime() + maxDays * DAY);
    const [registered] = await logged('export.register');
    expect(JSON.parse(registered!.dataElements)).toMatchObject({ exportId: id, format: 'evidence-zip', caseNumber: CASE, evidence: true });
    clock.advance((maxDays + 1) * DAY);
    await t.signInAs(custodian);
    const all = (await t.app.http.inject({ method: 'GET', url: '/api/v1/exports?status=all', headers: custodian.headers })).json() as { exports: { id: string; status: string; evidence: boolean }[] };
    expect(all.exports.find((e) => e.id === id)).toMatchObject({ status: 'evidence', evidence: true });
    const overdue = (await t.app.http.inject({ method: 'GET', url: '/api/v1/exports?status=overdue', headers: custodian.headers })).json() as { exports: { id: string }[] };
    expect(overdue.exports.map((e) => e.id)).not.toContain(id);
  });
});
