// Alerts through the API on both backends (issue 5; R9–R12, R20, R28; invariant 1): a hit becomes
// one alert per read × entry, with the list's last update (R12); the workflow order is enforced by
// the server, each out-of-order call refused with 409 and nothing recorded; viewing is an access
// logged with the hit as the purpose; data sources limit who sees what (R20); misreads feed the
// accuracy report and the correction set (R28).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { tinyJpeg } from '../../test/reads.fixtures.js';
import { alertSeqs, hitRead, sendReads, testHitSource } from './alerts.testkit.js';

describe.each(DIALECTS)('alerts on %s', (dialect) => {
  let t: TestApp;
  let camera: { id: string; key: string };
  let officer: TestUser;
  let agencyOnly: TestUser;

  const call = (method: 'GET' | 'POST', url: string, user: TestUser, payload?: object) =>
    t.app.http.inject({ method, url: `/api/v1/alerts${url}`, headers: user.headers, ...(payload ? { payload } : {}) });
  const raise = async (plate: string, overrides: Record<string, unknown> = {}) => {
    const before = await alertSeqs(t);
    await sendReads(t, camera.key, [hitRead(plate, overrides)]);
    return (await alertSeqs(t)).filter((seq) => !before.includes(seq));
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    t.app.alerts.useHitSource(testHitSource());
    camera = await t.registerCamera({ name: 'Main St & 5th EB' });
    officer = await t.createEligibleUser(['officer']);
    agencyOnly = await t.createEligibleUser(['officer'], { sources: ['agency'] });
  });
  afterAll(async () => t?.cleanup());

  it('raises one alert per read × entry with the read, the list, how it matched and the list\'s last update (R9, R12)', async () => {
    const [seq, ...rest] = await raise('8ABC123', { region: 'us-ca' });
    expect(rest).toEqual([]);
    const view = (await call('GET', `/${seq}`, officer)).json();
    expect(view).toMatchObject({
      seq,
      read: { plate: '8ABC123', region: 'CA', cameraId: camera.id, cameraName: 'Main St & 5th EB', vehicle: { make: 'Toyota' } },
      list: { id: 'list-ncic-sv', name: 'NCIC stolen vehicles', dataSource: 'federal', lastUpdatedAt: '2026-11-23T04:00:00.000Z' },
      hit: { category: 'stolen_vehicle', kind: 'exact', stateCheck: 'matched', entry: { plate: '8ABC123', state: 'CA' } },
      verify: { fields: ['characters', 'state', 'make', 'color'] },
      workflow: { status: 'open', next: 'acknowledge' },
    });
  });

  it('labels a confusion hit with the character read differently', async () => {
    const [seq] = await raise('8A8C123', { region: 'us-ca' });
    const view = (await call('GET', `/${seq}`, officer)).json();
    expect(view.hit).toMatchObject({ kind: 'confusion', confused: { position: 2, read: '8', listed: 'B' } });
  });

  it("marks a hit read below the profile's confidence threshold for verification, and only that one (R10)", async () => {
    const threshold = t.app.profile.recognition.confidenceThreshold;
    const [doubtful] = await raise('8ABC123', { region: 'us-ca', confidence: threshold - 0.25 });
    const [sure] = await raise('8ABC123', { region: 'us-ca', confidence: threshold + 0.05 });
    const [unscored] = await raise('8ABC123', { region: 'us-ca', confidence: undefined });
    const low = (await call('GET', `/${doubtful}`, officer)).json().read;
    expect(low.needsVerification).toBe(true);
    expect(low.confidence).toBeCloseTo(threshold - 0.25, 5);
    const high = (await call('GET', `/${sure}`, officer)).json().read;
    expect(high.needsVerification).toBe(false);
    expect(high.confidence).toBeCloseTo(threshold + 0.05, 5);
    expect((await call('GET', `/${unscored}`, officer)).json().read).toMatchObject({ confidence: null, needsVerification: false });
  });

  it('raises nothing twice when a camera resends a read (idempotent per read × entry)', async () => {
    const read = hitRead('7XYZ555', { region: 'us-ca' });
    await sendReads(t, camera.key, [read]);
    const count = (await alertSeqs(t)).length;
    await sendReads(t, camera.key, [read, read]);
    expect((await alertSeqs(t)).length).toBe(count);
  });

  it('never fails ingest when the hit source throws', async () => {
    t.app.alerts.useHitSource({ match: () => { throw new Error('boom'); }, listInfo: () => undefined });
    try {
      const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${camera.key}` }, payload: { reads: [hitRead('8ABC123')] } });
      expect(response.json()).toMatchObject({ accepted: 1 });
      await t.app.writer.idle();
      await t.app.alerts.idle();
    } finally {
      t.app.alerts.useHitSource(testHitSource());
    }
  });

  it('logs viewing an alert as an access whose purpose is the hit (invariant 1)', async () => {
    const [seq] = await raise('5DEF999');
    expect((await call('GET', `/${seq}`, officer)).statusCode).toBe(200);
    const entry = await t.app.database.db.selectFrom('accessLog').selectAll().where('action', '=', 'alert.view').where('actorUserId', '=', officer.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ category: 'data_access', purposeCase: `HIT-${seq}`, purposeCategory: 'hotlist_verification', resultCount: 1 });
    expect(entry.purposeReason).toMatch(/Agency hot list.*Main St & 5th EB/);
    expect(JSON.parse(entry.dataElements)).toMatchObject({ alert: seq, plate: '5DEF999', cameraId: camera.id });
  });

  it('serves the captured image through the gate and the access log', async () => {
    const image = await tinyJpeg();
    const [seq] = await raise('5DEF999', { plateImage: { base64: image.toString('base64'), contentType: 'image/jpeg' } });
    const response = await call('GET', `/${seq}/images/plate`, officer);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.rawPayload.equals(image)).toBe(true);
    const logged = await t.app.database.db.selectFrom('accessLog').select(['purposeCase']).where('action', '=', 'alert.image.view').execute();
    expect(logged.map((row) => row.purposeCase)).toContain(`HIT-${seq}`);
    expect((await call('GET', `/${seq}/images/vehicle`, officer)).json().error.id).toBe('vehicle_image_of_alert_not_found');
  });

  it('shows an alert only to users authorized for its list\'s data source (R20)', async () => {
    const [federal] = await raise('8ABC123', { region: 'us-ca' });
    const refused = await call('GET', `/${federal}`, agencyOnly);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.id).toBe('data_source_not_authorized');
    expect((await call('POST', `/${federal}/acknowledge`, agencyOnly)).statusCode).toBe(403);
    const [agency] = await raise('5DEF999');
    expect((await call('GET', `/${agency}`, agencyOnly)).statusCode).toBe(200);
  });

  it('keeps alerts from data sources a user may not see out of the history too (R20)', async () => {
    await raise('8ABC123', { region: 'us-ca' });
    await raise('5DEF999');
    const supervisor = await t.createEligibleUser(['supervisor'], { sources: ['agency'] });
    const headers = await t.withPurpose(supervisor, { category: 'hotlist_verification', reason: 'Supervisor review of agency hot-list alert dispositions for shift briefing' });
    const page = (await t.app.http.inject({ method: 'GET', url: '/api/v1/alerts?limit=200', headers })).json() as { alerts: { list: { dataSource: string } }[] };
    expect(page.alerts.length).toBeGreaterThan(0);
    expect(new Set(page.alerts.map((a) => a.list.dataSource))).toEqual(new Set(['agency']));
  });

  it('refuses users without the permission, and users the gate refuses', async () => {
    const [seq] = await raise('5DEF999');
    const auditor = await t.createEligibleUser(['auditor']);
    expect((await call('GET', `/${seq}`, auditor)).json().error.id).toBe('permission_denied');
    const untrained = await t.createUser(['officer']);
    const refused = await call('GET', `/${seq}`, untrained);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.id).not.toBe('permission_denied');
  });

  describe('the workflow, enforced by the server (R10, R11)', () => {
    const verifyAll = { characters: true, state: true, vehicle: { make: true, color: true } };
    const steps = async (seq: number) => (await t.app.database.db.selectFrom('alertSteps').select('step').where('alertSeq', '=', seq).orderBy('id').execute()).map((row) => row.step);
    const refusedWith = async (seq: number, path: string, payload: object | undefined, id: string, message?: RegExp) => {
      const before = await steps(seq);
      const response = await call('POST', `/${seq}/${path}`, officer, payload);
      expect(response.statusCode, `${path}: ${response.body}`).toBe(409);
      expect(response.json().error.id).toBe(id);
      if (message) expect(response.json().error.message).toMatch(message);
      expect(await steps(seq)).toEqual(before);
    };
    const ok = async (seq: number, path: string, payload?: object) => {
      const response = await call('POST', `/${seq}/${path}`, officer, payload);
      expect(response.statusCode, `${path}: ${response.body}`).toBe(200);
      return response.json();
    };

    it('refuses every step before acknowledgement', async () => {
      const [seq] = await raise('8ABC123', { region: 'us-ca' });
      await refusedWith(seq!, 'confirm', { method: 'clets', result: 'active' }, 'acknowledge_first', /Acknowledge/);
      await refusedWith(seq!, 'exigency', { justification: 'Vehicle fleeing toward a school zone at speed' }, 'acknowledge_first');
      await refusedWith(seq!, 'verify', verifyAll, 'acknowledge_first');
      await refusedWith(seq!, 'action', { action: 'traffic_stop' }, 'acknowledge_first');
      await refusedWith(seq!, 'disposition', { disposition: 'arrest' }, 'acknowledge_first');
      await refusedWith(seq!, 'disposition', { disposition: 'unable_to_locate' }, 'acknowledge_first');
    });

    it('refuses the visual check, the action and outcomes before the entry is confirmed, and the action before the visual check', async () => {
      const [seq] = await raise('8ABC123', { region: 'us-ca' });
      expect((await ok(seq!, 'acknowledge')).workflow.next).toBe('confirm');
      await refusedWith(seq!, 'acknowledge', undefined, 'already_acknowledged');
      await refusedWith(seq!, 'verify', verifyAll, 'confirm_first', /CLETS or dispatch/);
      await refusedWith(seq!, 'action', { action: 'traffic_stop' }, 'confirm_first');
      await refusedWith(seq!, 'disposition', { disposition: 'citation' }, 'confirm_first');
      expect((await ok(seq!, 'confirm', { method: 'dispatch', result: 'active', reference: 'CAD 26-1123-0042' })).workflow.next).toBe('verify');
      await refusedWith(seq!, 'action', { action: 'traffic_stop' }, 'verify_first', /image/);
      await refusedWith(seq!, 'disposition', { disposition: 'no_action' }, 'verify_first');
      // An incomplete visual check is a 400 that records nothing.
      const incomplete = await call('POST', `/${seq}/verify`, officer, { characters: true, state: true, vehicle: { make: true } });
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json().error).toMatchObject({ id: 'verification_incomplete', field: 'vehicle.color' });
      expect((await ok(seq!, 'verify', verifyAll)).workflow).toMatchObject({ verified: 'match', next: 'action' });
      await refusedWith(seq!, 'disposition', { disposition: 'arrest' }, 'action_first', /enforcement action/);
      expect((await ok(seq!, 'action', { action: 'traffic_stop' })).workflow.next).toBe('disposition');
      const closed = await ok(seq!, 'disposition', { disposition: 'vehicle_recovered', notes: 'Towed to yard' });
      expect(closed.workflow).toMatchObject({ status: 'closed', next: 'closed', disposition: 'vehicle_recovered' });
      expect(closed.workflow.steps.map((s: { step: string }) => s.step)).toEqual(['acknowledge', 'confirm', 'verify', 'action', 'disposition']);
      expect(closed.workflow.steps[0].username).toBe(officer.username);
      await refusedWith(seq!, 'disposition', { disposition: 'no_action' }, 'alert_closed');
      // Every step went to the access log under the hit's purpose.
      const logged = await t.app.database.db.selectFrom('accessLog').select(['action', 'purposeCase']).where('purposeCase', '=', `HIT-${seq}`).where('action', 'like', 'alert.%').execute();
      expect(logged.map((row) => row.action)).toEqual(expect.arrayContaining(['alert.acknowledge', 'alert.confirm', 'alert.verify', 'alert.action', 'alert.disposition']));
    });

    it('closes as no_longer_wanted when the check finds the entry no longer active', async () => {
      const [seq] = await raise('7XYZ555', { region: 'us-ca' });
      await ok(seq!, 'acknowledge');
      const closed = await ok(seq!, 'confirm', { method: 'clets', result: 'not_active' });
      expect(closed.workflow).toMatchObject({ status: 'closed', disposition: 'no_longer_wanted' });
    });

    it('lets unable_to_locate close an acknowledged alert without a stop', async () => {
      const [seq] = await raise('7XYZ555', { region: 'us-ca' });
      await ok(seq!, 'acknowledge');
      expect((await ok(seq!, 'disposition', { disposition: 'unable_to_locate' })).workflow.disposition).toBe('unable_to_locate');
    });

    it('ends a mismatching visual check as a misread, feeding accuracy and the correction set (R28)', async () => {
      const [seq] = await raise('8A8C123', { region: 'us-ca' });
      await ok(seq!, 'acknowledge');
      await ok(seq!, 'confirm', { method: 'clets', result: 'active' });
      const misread = await ok(seq!, 'verify', { characters: false, state: true, vehicle: { make: true, color: true }, correctedPlate: '8a8c-123' });
      expect(misread.workflow).toMatchObject({ status: 'closed', verified: 'mismatch', disposition: 'misread', correctedPlate: '8A8C123' });
      await refusedWith(seq!, 'action', { action: 'traffic_stop' }, 'alert_closed');

      const supervisor = await t.createEligibleUser(['supervisor']);
      const accuracy = (await t.app.http.inject({ method: 'GET', url: '/api/v1/alerts/accuracy', headers: supervisor.headers })).json();
      const row = accuracy.cameras.find((c: { cameraId: string }) => c.cameraId === camera.id);
      expect(row).toMatchObject({ cameraName: 'Main St & 5th EB', misreads: 1 });
      expect(row.verified).toBeGreaterThanOrEqual(2);
      expect(row.misreadRate).toBeCloseTo(1 / row.verified);

      const noPurpose = await t.app.http.inject({ method: 'GET', url: '/api/v1/alerts/accuracy/misreads.csv', headers: supervisor.headers });
      expect(noPurpose.json().error.id).toBe('purpose_required');
      const headers = await t.withPurpose(supervisor, { category: 'audit', reason: 'Quarterly ALPR data accuracy audit of camera misreads, Main St cameras' }).catch(() =>
        t.withPurpose(supervisor, { category: 'hotlist_verification', reason: 'Reviewing misread alerts on Main St camera for the accuracy audit' }),
      );
      const csv = await t.app.http.inject({ method: 'GET', url: '/api/v1/alerts/accuracy/misreads.csv', headers });
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe('alert,read_id,camera_id,camera_name,captured_at,plate_read,corrected_plate,region,match_kind,plate_image');
      expect(lines.some((line) => line.startsWith(`${seq},`) && line.includes(',8A8C123,8A8C123,CA,confusion,'))).toBe(true);
    });

    it('keeps a history with dispositions behind a stated purpose', async () => {
      const supervisor = await t.createEligibleUser(['supervisor']);
      expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/alerts', headers: supervisor.headers })).json().error.id).toBe('purpose_required');
      const headers = await t.withPurpose(supervisor, { category: 'hotlist_verification', reason: 'Supervisor review of alert dispositions for patrol shift briefing' });
      const page = (await t.app.http.inject({ method: 'GET', url: '/api/v1/alerts?status=closed', headers })).json();
      expect(page.alerts.length).toBeGreaterThan(0);
      expect(page.alerts.every((a: { workflow: { status: string; disposition: string | null } }) => a.workflow.status === 'closed' && a.workflow.disposition)).toBe(true);
      const logged = await t.app.database.db.selectFrom('accessLog').select(['resultCount']).where('action', '=', 'alert.history').where('actorUserId', '=', supervisor.id).executeTakeFirstOrThrow();
      expect(logged.resultCount).toBe(page.alerts.length);
    });
  });
});
