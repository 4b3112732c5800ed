// Ingest over HTTP on both backends, and on the cluster backend when it is on (R1, R2, R4;
// invariants 2 and 6; issue 12): every rejection is a clear 4xx that stores nothing, and resending
// never duplicates. What was stored is read after t.settle() (on a cluster the writer stores later).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/databases.js';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { makeRead, tinyJpeg, tinyPng } from '../../test/reads.fixtures.js';

describe.each(BACKENDS)('ingest on %s', (backend) => {
  let t: TestApp;
  let camera: { id: string; key: string; keyId: string };
  const countReads = async () => {
    await t.settle();
    return Number((await t.app.database.db.selectFrom('reads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  };
  const send = (payload: unknown, key = camera.key) =>
    t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${key}` }, payload: payload as object });

  beforeAll(async () => {
    t = await startTestApp(backend);
    camera = await t.registerCamera();
  });
  afterAll(async () => t?.cleanup());

  it('stores a batch with inline images and answers per read (R1, R2)', async () => {
    const image = (await tinyJpeg()).toString('base64');
    const reads = [makeRead({ plate: '7-abc 123', plateImage: { base64: image, contentType: 'image/jpeg' }, vehicleImage: { base64: (await tinyPng()).toString('base64'), contentType: 'image/png' } }), makeRead({ plate: '4XYZ987' })];
    const response = await send({ reads });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 2, duplicate: 0, rejected: 0 });
    await t.settle();
    const stored = await t.app.database.db.selectFrom('reads').innerJoin('plates', 'plates.id', 'reads.plateId').selectAll().where('reads.id', '=', reads[0]!.id as string).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ plate: '7ABC123', region: 'CA', plateRaw: '7-abc 123', cameraId: camera.id, vehicleMake: 'Toyota', lat: 32.7948, lon: -116.9625 });
    expect(stored.plateImage).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.app.images.get(stored.plateImage!)).equals(await tinyJpeg())).toBe(true);
  });

  it('checks each plate against its state\'s formats and keeps the result with the read', async () => {
    const reads = [makeRead({ plate: '8ABC123', region: 'CA' }), makeRead({ plate: 'ABC12', region: 'us-ca' }), makeRead({ plate: '8ABC12', region: 'us-ca' }), makeRead({ plate: 'X1', region: undefined })];
    expect((await send({ reads })).json()).toMatchObject({ accepted: 4 });
    await t.settle();
    const checks = await t.app.database.db.selectFrom('reads').select(['id', 'plateCheck']).where('id', 'in', reads.map((r) => r.id as string)).execute();
    const byId = new Map(checks.map((row) => [row.id, row.plateCheck]));
    expect(reads.map((r) => byId.get(r.id as string))).toEqual(['standard', 'vanity', 'vanity', 'unverified']);
  });

  it('reports a resent batch as duplicates and stores nothing twice (R2)', async () => {
    const reads = [makeRead(), makeRead()];
    expect((await send({ reads })).json()).toMatchObject({ accepted: 2 });
    const before = await countReads();
    const again = await send({ reads: [...reads, makeRead()] });
    expect(again.json()).toMatchObject({ accepted: 1, duplicate: 2 });
    expect(await countReads()).toBe(before + 1);
  });

  it('treats the same id twice in one batch as one read', async () => {
    const read = makeRead();
    expect((await send({ reads: [read, read] })).json()).toMatchObject({ accepted: 1, duplicate: 1 });
  });

  it.each([
    ['a capture time far in the future', { capturedAt: new Date(Date.now() + 3_600_000).toISOString() }, /in the future/],
    ['a capture time without a zone', { capturedAt: '2026-11-23T05:00:00' }, /time zone|date-time/],
    ['an empty plate', { plate: '--' }, /no letters or digits/],
    ['a plate longer than any US plate', { plate: '8ABC1234X' }, /at most 8/],
    ['an unknown region', { region: 'zz-qq' }, /region/],
    ['a confidence over 1', { confidence: 93 }, /confidence/],
    ['an id that is not a UUID', { id: 'abc' }, /id/],
    ['a plate image that is not an image', { plateImage: { base64: Buffer.from('not an image at all').toString('base64'), contentType: 'image/jpeg' } }, /not a JPEG or PNG/],
    ['an image whose type is mislabeled', { plateImage: { base64: 'PNG', contentType: 'image/jpeg' } }, /./],
    ['an image reference never uploaded', { plateImage: { sha256: 'a'.repeat(64) } }, /never uploaded/],
    ['an unknown field', { colour: 'red' }, /additional|colour/],
  ])('refuses a batch with %s, storing nothing (invariant 6)', async (_what, override, message) => {
    const before = await countReads();
    const response = await send({ reads: [makeRead(), makeRead(override)] });
    expect(response.statusCode).toBe(422);
    const body = response.json() as { error: { id: string; message: string; details: { field: string; message: string }[] } };
    expect(body.error.id).toBe('invalid_reads');
    expect(body.error.details[0]!.field).toMatch(/^reads\/1/);
    expect(body.error.details[0]!.message).toMatch(message);
    expect(await countReads()).toBe(before);
  });

  it('stores the good reads of a partial batch and rejects the bad one by itself', async () => {
    const good = makeRead();
    const bad = makeRead({ plate: '' });
    const response = await send({ reads: [good, bad], mode: 'partial' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 1, rejected: 1, results: [{ id: good.id, status: 'accepted' }, { id: bad.id, status: 'rejected', field: 'reads/1/plate' }] });
  });

  it('refuses batches over the size limit with 413', async () => {
    const before = await countReads();
    const reads = Array.from({ length: t.app.config.ingest.maxBatchReads + 1 }, () => makeRead());
    const response = await send({ reads });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.id).toBe('batch_too_large');
    expect(await countReads()).toBe(before);
  });

  it('refuses malformed bodies with 400', async () => {
    expect((await send({ nope: [] })).statusCode).toBe(400);
    expect((await send({ reads: [makeRead()], mode: 'sometimes' })).statusCode).toBe(400);
    const notJson = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${camera.key}`, 'content-type': 'application/json' }, payload: '{"reads": [' });
    expect(notJson.statusCode).toBe(400);
  });

  it('refuses unknown, malformed and revoked keys with 401 (R4)', async () => {
    expect((await send({ reads: [makeRead()] }, 'pkc_' + '0'.repeat(32) + '_' + 'x'.repeat(43))).statusCode).toBe(401);
    expect((await send({ reads: [makeRead()] }, 'not-a-key')).statusCode).toBe(401);
    const noKey = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', payload: { reads: [makeRead()] } });
    expect(noKey.statusCode).toBe(401);
    const other = await t.registerCamera({ name: 'Soon revoked' });
    expect((await send({ reads: [makeRead()] }, other.key)).statusCode).toBe(200);
    const revoke = await t.app.http.inject({ method: 'DELETE', url: `/api/v1/cameras/${other.id}/keys/${other.keyId}`, headers: t.admin });
    expect(revoke.statusCode).toBe(204);
    const after = await send({ reads: [makeRead()] }, other.key);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/revoked/);
  });

  it('refuses a disabled camera with 403 until it is enabled again (R4)', async () => {
    const paused = await t.registerCamera({ name: 'Paused camera' });
    const patch = (status: string) => t.app.http.inject({ method: 'PATCH', url: `/api/v1/cameras/${paused.id}`, headers: t.admin, payload: { status } });
    expect((await patch('disabled')).statusCode).toBe(200);
    const refused = await send({ reads: [makeRead()] }, paused.key);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.id).toBe('camera_disabled');
    expect((await patch('active')).statusCode).toBe(200);
    expect((await send({ reads: [makeRead()] }, paused.key)).json()).toMatchObject({ accepted: 1 });
  });

  it('requires a location from mobile units (R1)', async () => {
    const car = await t.registerCamera({ name: 'Unit 12', kind: 'mobile' });
    const missing = await send({ reads: [makeRead()] }, car.key);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details[0].field).toBe('reads/0/location');
    const ok = await send({ reads: [makeRead({ location: { lat: 32.8, lon: -116.95 }, heading: 270 })] }, car.key);
    expect(ok.json()).toMatchObject({ accepted: 1 });
  });

  it('takes images uploaded once and referred to by hash', async () => {
    const upload = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/images', headers: { authorization: `Bearer ${camera.key}`, 'content-type': 'image/png' }, payload: await tinyPng() });
    expect(upload.statusCode).toBe(201);
    const { sha256 } = upload.json() as { sha256: string };
    const response = await send({ reads: [makeRead({ plateImage: { sha256 } })] });
    expect(response.json()).toMatchObject({ accepted: 1 });
    const bad = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/images', headers: { authorization: `Bearer ${camera.key}`, 'content-type': 'image/png' }, payload: Buffer.from('garbage bytes here') });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps ingest health per camera', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/v1/ingest/health', headers: t.admin });
    const row = (response.json() as { cameras: { cameraId: string; readsAccepted: number; readsRejected: number; lastSeenAt: string | null; lastRejection: string | null }[] }).cameras.find((c) => c.cameraId === camera.id)!;
    expect(row.readsAccepted).toBeGreaterThan(5);
    expect(row.readsRejected).toBeGreaterThan(0);
    expect(row.lastSeenAt).not.toBeNull();
    expect(row.lastRejection).toBeTruthy();
  });
});
