// Misuse review and sensitive places through HTTP on both backends (R22, R29): geofence CRUD where
// bad input changes nothing, the on-demand scan, the queue and resolving with a note.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { FakeClock, MINUTE } from '../platform/clock.js';

describe.each(DIALECTS)('misuse routes on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = t.admin) =>
    t.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeEach(async () => {
    clock = new FakeClock('2026-04-01T16:00:00Z');
    t = await startTestApp(dialect, { clock, profile: 'el-cajon-pd' });
  });
  afterEach(async () => t?.cleanup());

  it('keeps sensitive places; bad shapes are refused and change nothing', async () => {
    const church = { name: 'First Baptist Church', kind: 'place_of_worship', shape: { shape: 'circle', centerLat: 32.7948, centerLon: -116.9625, radiusM: 120 } };
    const tooSmall = await call('POST', '/api/v1/geofences', { ...church, shape: { ...church.shape, radiusM: 1 } });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().error).toMatchObject({ id: 'invalid_geofence', field: 'radiusM' });
    expect((await call('POST', '/api/v1/geofences', { ...church, kind: 'mosque-ish' })).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/geofences')).json().geofences).toEqual([]);

    const created = await call('POST', '/api/v1/geofences', church);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const rally = { name: 'City Hall rally area', kind: 'protest', shape: { shape: 'polygon', polygon: [[32.79, -116.97], [32.79, -116.96], [32.8, -116.96]] } };
    const updated = await call('PUT', `/api/v1/geofences/${id}`, { ...rally, active: false });
    expect(updated.json()).toMatchObject({ name: 'City Hall rally area', active: false, shape: { shape: 'polygon' } });
    expect((await call('PUT', `/api/v1/geofences/${id}`, { ...rally, shape: { shape: 'polygon', polygon: [[95, 0], [0, 0], [1, 1]] } })).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/geofences')).json().geofences[0].shape.polygon).toHaveLength(3);
    expect((await call('DELETE', `/api/v1/geofences/${id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/geofences/${id}`)).statusCode).toBe(404);
    const changes = await t.app.accessLog.query({ actionPrefix: 'geofence.' }, { limit: 10 });
    expect(changes.entries.map((e) => e.action)).toEqual(['geofence.delete', 'geofence.update', 'geofence.create']);

    const analyst = await t.createUser(['analyst']);
    expect((await call('GET', '/api/v1/geofences', undefined, analyst.headers)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/misuse/flags', undefined, analyst.headers)).statusCode).toBe(403);
  });

  it('scans on demand, lists flags with rule and clause, and resolves them with a note', async () => {
    for (const [i, caseNumber] of ['26-1', '26-2', null].entries()) {
      clock.advance(5 * MINUTE);
      await t.app.accessLog.recordAccess({ actor: { userId: null, username: 'det.rivera' }, purpose: { caseNumber, category: 'investigation', reason: `Reason ${i}` }, action: 'search.plate', dataElements: { plate: '4REP444' }, resultCount: 1, clientAddress: null, device: null });
    }
    const rulesAnswer = await call('GET', '/api/v1/misuse/rules');
    expect(rulesAnswer.statusCode, rulesAnswer.body).toBe(200);
    const rules = rulesAnswer.json();
    expect(rules.rules.map((r: { id: string }) => r.id)).toEqual(['repeated_plate', 'bulk_searches', 'off_hours', 'purpose_reused', 'sensitive_place', 'new_device']);
    expect(rules.thresholds.bulk.maxSearches).toBe(30);
    const scan = (await call('POST', '/api/v1/misuse/scan')).json();
    expect(scan.flagged).toBe(1);
    const flags = (await call('GET', '/api/v1/misuse/flags?status=open')).json().flags;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ rule: 'repeated_plate', actorUsername: 'det.rivera', status: 'open', entry: { purposeCase: null } });
    expect(flags[0].ruleText).toContain('Protects');
    expect((await call('POST', `/api/v1/misuse/flags/${flags[0].id}/resolve`, { note: 'no' })).json().error.id).toBe('resolution_note_required');
    const resolved = await call('POST', `/api/v1/misuse/flags/${flags[0].id}/resolve`, { note: 'Spoke with the detective; case numbers corrected.' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedBy: 'admin', resolution: 'Spoke with the detective; case numbers corrected.' });
    expect((await call('GET', '/api/v1/misuse/flags?status=open')).json().flags).toEqual([]);
    expect((await call('GET', '/api/v1/misuse/flags?status=resolved')).json().flags).toHaveLength(1);
    expect((await call('POST', '/api/v1/misuse/scan')).json()).toMatchObject({ flagged: 0 });
    // The scheduled job runs the same scan.
    expect(t.app.scheduler.names).toContain('audit.misuse-scan');
    expect((await t.app.scheduler.runOnce('audit.misuse-scan')).ok).toBe(true);
  });
});
