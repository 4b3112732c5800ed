// The retention room through HTTP, both databases: holds placed through the purpose gate and
// logged, released by the custodian; early deletion refused under the minimum; evidence bundles
// built and downloaded through the gate, verified, and failing verification when one byte changes;
// the purge running while cameras keep sending loses nothing that should stay. On the cluster
// backend too (issue 12): reads go through the api role and the writer role stores them.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { BACKENDS } from '../../test/databases.js';
import { makeRead, tinyJpeg, tinyPng } from '../../test/reads.fixtures.js';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import { DAY, FakeClock } from '../platform/clock.js';
import { verifyBundle } from './evidence.bundle.js';
import { createRetentionRoom } from './index.js';

const T0 = '2026-02-01T10:00:00Z';

describe.each(BACKENDS)('retention over HTTP (%s)', (backend) => {
  let t: TestApp;
  let clock: FakeClock;
  let analyst: TestUser;
  let custodian: TestUser;
  let camera: { id: string; key: string };
  const ingest = async (reads: unknown[]) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${camera.key}` }, payload: { reads } });
    expect(response.statusCode).toBe(200);
    await t.settle(); // stored (on a cluster, by the writer role) before the test looks
    return response;
  };
  /** Moves the clock and signs everyone in again (sessions end after 30 idle minutes). */
  const moveClock = async (to: Date | string) => {
    clock.set(to);
    await t.refreshAdmin();
    await t.signInAs(analyst);
    await t.signInAs(custodian);
  };
  const readIds = async () => (await t.app.database.db.selectFrom('reads').select('id').execute()).map((r) => r.id).sort();

  beforeAll(async () => {
    clock = new FakeClock(T0);
    t = await startTestApp(backend, { clock, profile: 'el-cajon-pd' });
    analyst = await t.createEligibleUser(['analyst']);
    custodian = await t.createEligibleUser(['custodian']);
    camera = await t.registerCamera({ kind: 'fixed' });
  });
  afterAll(async () => t?.cleanup());

  it('shows the retention policy per class with the day rule and the custodian', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/v1/retention/policy', headers: custodian.headers });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.custodianTitle).toBe(t.app.profile.administrator.retentionManagerTitle);
    expect(body.classes.find((c: { className: string }) => c.className === 'fixedReads')).toMatchObject({ minDays: 30, maxDays: 30, cite: '427.6', status: 'purged' });
    expect(body.classes.find((c: { className: string }) => c.className === 'accessLog')).toMatchObject({ status: 'kept', maxDays: null });
    expect(body.dayRule).toMatch(/UTC/);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/retention/policy', headers: analyst.headers })).statusCode).toBe(403);
  });

  it('places a hold through the purpose gate, keeps the reads past retention, and releases them', async () => {
    const image = (await tinyJpeg()).toString('base64');
    const heldRead = makeRead({ plate: '6HLD123', plateImage: { base64: image, contentType: 'image/jpeg' } }, new Date(T0));
    const byPlate = makeRead({ plate: '6PLT777' }, new Date(Date.parse(T0) + 60_000));
    const loose = makeRead({ plate: '6LSE456' }, new Date(T0));
    await ingest([heldRead, byPlate, loose]);

    // No purpose: refused, nothing held.
    const none = await t.app.http.inject({ method: 'POST', url: '/api/v1/retention/holds', headers: analyst.headers, payload: { reason: 'evidence in robbery case 26-004512', readIds: [heldRead.id] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.id).toBe('purpose_required');
    // Unknown read: refused, nothing held.
    const headers = await t.withPurpose(analyst);
    const unknown = await t.app.http.inject({ method: 'POST', url: '/api/v1/retention/holds', headers, payload: { reason: 'evidence in robbery case 26-004512', readIds: [heldRead.id, '01900000-0000-7000-8000-000000000000'] } });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/retention/holds', headers: custodian.headers })).json().holds).toHaveLength(0);

    const placed = await t.app.http.inject({ method: 'POST', url: '/api/v1/retention/holds', headers, payload: { reason: 'evidence in robbery case 26-004512', readIds: [heldRead.id] } });
    expect(placed.statusCode).toBe(201);
    const hold = placed.json().hold;
    expect(hold).toMatchObject({ caseNumber: '26-004512', placedBy: analyst.username, readCount: 1, state: 'active', until: null });
    const plateHold = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/retention/holds',
      headers,
      payload: { reason: 'discovery request in case 26-004512', plate: '6plt 777', from: '2026-02-01T00:00:00Z', to: '2026-02-02T00:00:00Z', until: '2026-04-01T00:00:00Z' },
    });
    expect(plateHold.statusCode).toBe(201);
    expect(plateHold.json().readIds).toEqual([byPlate.id]);
    // Placing a hold is a logged data access with the purpose.
    const logged = await t.app.accessLog.query({ actionPrefix: 'hold.place' }, { limit: 10 });
    expect(logged.entries).toHaveLength(2);
    expect(logged.entries[0]).toMatchObject({ category: 'data_access', actorUsername: analyst.username, purposeCase: '26-004512' });

    // 40 days later (El Cajon keeps 30): the purge removes only the loose read.
    await moveClock(new Date(Date.parse(T0) + 40 * DAY));
    const run = await t.app.http.inject({ method: 'POST', url: '/api/v1/retention/purges', headers: custodian.headers, payload: {} });
    expect(run.statusCode).toBe(200);
    expect(run.json().classes.find((c: { className: string }) => c.className === 'fixedReads')).toMatchObject({ deleted: 1, held: 2 });
    expect(await readIds()).toEqual([heldRead.id, byPlate.id].sort());
    const sha = (await t.app.database.db.selectFrom('reads').select('plateImage').where('id', '=', heldRead.id as string).executeTakeFirstOrThrow()).plateImage!;
    expect(existsSync(t.app.images.pathOf(sha))).toBe(true);

    // The custodian reviews, then releases; the analyst's plate hold lapses on 1 April.
    const reviewed = await t.app.http.inject({ method: 'POST', url: `/api/v1/retention/holds/${hold.id}/review`, headers: custodian.headers, payload: { note: 'Still needed: trial set for May.' } });
    expect(reviewed.json()).toMatchObject({ reviewedBy: custodian.username, reviewNote: 'Still needed: trial set for May.' });
    const release = await t.app.http.inject({ method: 'POST', url: `/api/v1/retention/holds/${hold.id}/release`, headers: custodian.headers, payload: { reason: 'case closed, no appeal' } });
    expect(release.json()).toMatchObject({ state: 'released', releasedBy: custodian.username });
    const again = await t.app.http.inject({ method: 'POST', url: `/api/v1/retention/holds/${hold.id}/release`, headers: custodian.headers, payload: { reason: 'case closed, no appeal' } });
    expect(again.statusCode).toBe(409);
    await t.app.retention.purge.run({ trigger: 'api', actor: SYSTEM_ACTOR });
    expect(await readIds()).toEqual([byPlate.id]);
    expect(existsSync(t.app.images.pathOf(sha))).toBe(false);
    await moveClock('2026-04-01T00:00:00Z');
    await t.app.retention.purge.run({ trigger: 'api', actor: SYSTEM_ACTOR });
    expect(await readIds()).toEqual([]);
    const history = (await t.app.http.inject({ method: 'GET', url: '/api/v1/retention/purges', headers: custodian.headers })).json().runs;
    expect(history.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses early deletion under the minimum with 409 retention_minimum, and changes nothing', async () => {
    const now = clock.now();
    const fresh = makeRead({ plate: '7MIN001' }, new Date(now.getTime() - DAY));
    await ingest([fresh]);
    const refused = await t.app.http.inject({ method: 'POST', url: '/api/v1/retention/reads/destroy', headers: custodian.headers, payload: { readIds: [fresh.id], reason: 'misread: a billboard, not a plate' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.id).toBe('retention_minimum');
    expect(await readIds()).toContain(fresh.id);
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/retention/reads/destroy', headers: analyst.headers, payload: { readIds: [fresh.id], reason: 'misread: a billboard, not a plate' } })).statusCode).toBe(403);
  });

  it('builds an evidence bundle through the gate; it verifies, and one changed byte fails', async () => {
    const reads = [
      makeRead({ plate: '8EVD001', plateImage: { base64: (await tinyJpeg()).toString('base64'), contentType: 'image/jpeg' }, vehicleImage: { base64: (await tinyPng()).toString('base64'), contentType: 'image/png' } }, clock.now()),
      makeRead({ plate: '8EVD002' }, clock.now()),
    ];
    await ingest(reads);
    const headers = await t.withPurpose(analyst, { caseNumber: '26-009999' });
    const built = await t.app.http.inject({ method: 'POST', url: '/api/v1/evidence/bundles', headers, payload: { readIds: reads.map((r) => r.id), recipient: 'San Diego County District Attorney' } });
    expect(built.statusCode).toBe(201);
    const body = built.json();
    expect(body.bundle).toMatchObject({ caseNumber: '26-009999', readCount: 2, bookedEvidence: true, createdBy: analyst.username });
    expect(body.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['reads.json', 'reads.csv', 'chain-of-custody.json']));
    expect(body.files.filter((f: { path: string }) => f.path.startsWith('images/'))).toHaveLength(2);

    const noPurpose = await t.app.http.inject({ method: 'GET', url: body.downloadUrl, headers: analyst.headers });
    expect(noPurpose.statusCode).toBe(400);
    const download = await t.app.http.inject({ method: 'GET', url: `${body.downloadUrl}?purpose=${headers['x-purpose-id']}`, headers: analyst.headers });
    expect(download.statusCode).toBe(200);
    const zip = download.rawPayload;
    expect((await verifyBundle(zip)).ok).toBe(true);
    const outcome = await verifyBundle(zip);
    if (!outcome.ok) throw new Error('unreachable');
    expect(outcome.manifest.caseNumber).toBe('26-009999');
    // One byte inside reads.csv.
    const csvAt = zip.indexOf(Buffer.from('8EVD002'));
    const altered = Buffer.from(zip);
    altered[csvAt] = 'X'.charCodeAt(0);
    expect(await verifyBundle(altered)).toMatchObject({ ok: false });
    // The bundle left the agency: an outside copy is on the list (R33). Logged: export, download.
    const copies = (await t.app.http.inject({ method: 'GET', url: '/api/v1/retention/outside-copies', headers: t.admin })).json().copies;
    expect(copies.some((c: { recipient: string; source: string }) => c.recipient === 'San Diego County District Attorney' && c.source === 'evidence')).toBe(true);
    const logged = await t.app.accessLog.query({ actionPrefix: 'evidence.' }, { limit: 10 });
    expect(logged.entries.map((e) => e.action).sort()).toEqual(['evidence.download', 'evidence.export']);
    // A dispatcher may not export evidence.
    const dispatcher = await t.createEligibleUser(['dispatcher']);
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/evidence/bundles', headers: await t.withPurpose(dispatcher), payload: { readIds: [reads[0]!.id] } })).statusCode).toBe(403);
  });

  // On the cluster this found a lost plate (about one run in two before the fix): the writer role
  // committed reads with a plate id it had cached after the purge deleted that plate and drained only
  // its own process's writer. The PostgreSQL sink now holds cached plate ids FOR KEY SHARE.
  it('a purge during heavy ingest loses nothing that should stay (shared plates and images included)', async () => {
    const db = t.app.database.db;
    await db.deleteFrom('reads').execute();
    const base = clock.now().getTime();
    const jpeg = (await tinyJpeg()).toString('base64');
    // 600 old reads with the plates and image the new ones use too.
    clock.set(new Date(base - 35 * DAY)); // cameras need no session: only their key
    for (let i = 0; i < 6; i++) await ingest(Array.from({ length: 100 }, (_, j) => makeRead({ plate: `9SHR${(i * 100 + j) % 50}`.slice(0, 8), plateImage: { base64: jpeg, contentType: 'image/jpeg' } }, new Date(base - 35 * DAY + j))));
    clock.set(new Date(base));
    // A small batch size makes the purge interleave with the ingest requests.
    const room = createRetentionRoom({ db, clock, profile: t.app.profile, audit: t.app.accessLog, images: t.app.images, ingest: t.app.writer, dataDir: t.dataDir, limits: { batchSize: 25, pauseMs: 0 } });
    // On a cluster the purge runs beside the writer role, which learns of deleted plates as the scheduler role tells it.
    const cluster = t.cluster;
    if (cluster) room.onPlatesDeleted((ids) => cluster.platesDeleted(ids));
    const sent: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < 30; i++) {
        const batch = Array.from({ length: 10 }, (_, j) => makeRead({ plate: `9SHR${(i * 10 + j) % 50}`.slice(0, 8), plateImage: { base64: jpeg, contentType: 'image/jpeg' } }, new Date(base - j)));
        sent.push(...batch.map((r) => r.id as string));
        await ingest(batch);
      }
    })();
    const [run] = await Promise.all([room.purge.run({ trigger: 'api', actor: SYSTEM_ACTOR }), sending]);
    expect(run.classes.find((c) => c.className === 'fixedReads')!.deleted).toBe(600);
    expect(await readIds()).toEqual(sent.sort());
    // Every kept read still has its plate row and its image (row and file).
    const dangling = await db.selectFrom('reads').leftJoin('plates', 'plates.id', 'reads.plateId').select('reads.id').where('plates.id', 'is', null).execute();
    expect(dangling).toHaveLength(0);
    const shas = new Set((await db.selectFrom('reads').select('plateImage').execute()).map((r) => r.plateImage!));
    for (const sha of shas) {
      expect(existsSync(t.app.images.pathOf(sha))).toBe(true);
      expect(await db.selectFrom('images').select('sha256').where('sha256', '=', sha).executeTakeFirst()).toBeDefined();
    }
    // And the next ingest of a purged plate after the purge gets a live plate id.
    await ingest([makeRead({ plate: '9SHR1' }, clock.now())]);
    expect(await db.selectFrom('reads').leftJoin('plates', 'plates.id', 'reads.plateId').select('reads.id').where('plates.id', 'is', null).execute()).toHaveLength(0);
  });
});
