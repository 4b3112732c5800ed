// Built-in recognition end to end (issue 11; R1, R2, R3, R10): the committed models on generated
// images with known answers; POST /api/v1/recognize (permission, bad images); the worker pool under
// load (queue full → 503 and the snapshot camera's health says so, nothing crashes); a missing or
// broken model stops the start naming the file; a snapshot camera fetched from a local HTTP server
// and one that uploads frames, on both databases.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { iou, type Box } from './detections.js';
import { DETECTOR_FILES, loadModelSpecs, READER_FILES } from './model-spec.js';
import { RecognitionPool } from './recognition.pool.js';
import { Recognizer } from './recognizer.js';
import { KNOWN_PLATES, MODEL_DIR, plateCrop, sceneWith } from './recognition.testkit.js';

const flags = { 'recognition.modelDir': MODEL_DIR, 'recognition.workers': 1 };

describe('the committed models on generated images (R3)', () => {
  let recognizer: Recognizer;
  beforeAll(async () => {
    recognizer = await Recognizer.load(loadModelSpecs(MODEL_DIR));
  });
  afterAll(async () => recognizer?.release());

  it('reads most generated plate crops exactly, and gives each character a confidence', async () => {
    const readings = await recognizer.readCrops(await Promise.all(KNOWN_PLATES.map(plateCrop)));
    const exact = readings.filter((r, i) => r.text === KNOWN_PLATES[i]).length;
    expect(exact, readings.map((r) => r.text).join(' ')).toBeGreaterThanOrEqual(KNOWN_PLATES.length - 2);
    for (const reading of readings) {
      expect(reading.characters).toHaveLength(reading.text.length);
      for (const c of reading.characters) expect(c.confidence).toBeGreaterThan(0);
      expect(reading.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('finds the plate in a generated frame and reads it', async () => {
    let found = 0;
    let read = 0;
    for (const plate of KNOWN_PLATES.slice(0, 4)) {
      const scene = await sceneWith(plate);
      const result = await recognizer.recognize(scene.image);
      const match = result.plates.find((p) => iou(p.box, scene.box) >= 0.5);
      if (match) found++;
      if (match?.text === plate) read++;
      expect(result).toMatchObject({ width: 1280, height: 720 });
    }
    expect(found).toBeGreaterThanOrEqual(3);
    expect(read).toBeGreaterThanOrEqual(2);
  });
});

describe('the worker pool', () => {
  it('fails only the job of a worker that dies, replaces the worker, and goes on (no crash)', async () => {
    const pool = new RecognitionPool({ specs: loadModelSpecs(MODEL_DIR), workers: 1, queue: 4 });
    try {
      await pool.start();
      const frame = (await sceneWith(KNOWN_PLATES[0])).image;
      const doomed = pool.recognize(frame);
      // The one worker stops mid-job (as if it crashed).
      await (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0]!.worker.terminate();
      await expect(doomed).rejects.toMatchObject({ id: 'recognition_failed', status: 500 });
      const next = await pool.recognize(frame);
      expect(next.width).toBe(1280);
      expect(pool.stats().workers).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('a missing or broken model stops the start, naming the file', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const copyModels = (skip?: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'platekeeper-models-'));
    dirs.push(dir);
    for (const file of [READER_FILES.model, READER_FILES.sidecar, DETECTOR_FILES.model, DETECTOR_FILES.sidecar]) if (file !== skip) copyFileSync(join(MODEL_DIR, file), join(dir, file));
    return dir;
  };

  it.each([
    ['missing reader', (dir: string) => dir, READER_FILES.model, /plate-reader\.onnx is missing/],
    ['corrupt detector', (dir: string) => (writeFileSync(join(dir, DETECTOR_FILES.model), Buffer.alloc(4096, 7)), dir), undefined, /plate-detector\.onnx cannot be loaded/],
    ['sidecar without its alphabet', (dir: string) => (writeFileSync(join(dir, READER_FILES.sidecar), '{"input":"image"}'), dir), undefined, /plate-reader\.json is not a valid sidecar/],
  ])('%s', async (_name, spoil, skip, message) => {
    const dir = spoil(copyModels(skip));
    const t = await startTestApp('sqlite', { flags: { 'recognition.modelDir': dir, 'server.port': 0 } });
    try {
      await expect(t.app.listen()).rejects.toThrow(message);
      expect(t.app.http.server.listening).toBe(false);
    } finally {
      await t.cleanup();
    }
  });
});

/** A local "IP camera" serving one JPEG at /snapshot.jpg (and a broken one at /broken). */
async function fakeCamera(image: () => Buffer): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    hits++;
    if (request.url === '/slow') return; // never answers
    if (request.url === '/snapshot.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg' }).end(image());
      return;
    }
    response.writeHead(500).end('camera fault');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

describe.each(DIALECTS)('recognition over HTTP and snapshot cameras on %s', (dialect) => {
  let t: TestApp;
  let officer: TestUser;
  let auditor: TestUser;
  let camera: Awaited<ReturnType<typeof fakeCamera>>;
  let frame: Buffer;
  let scene: { image: Buffer; box: Box };

  beforeAll(async () => {
    t = await startTestApp(dialect, { flags });
    officer = await t.createUser(['officer']);
    auditor = await t.createUser(['auditor']);
    scene = await sceneWith(KNOWN_PLATES[0]);
    frame = scene.image;
    camera = await fakeCamera(() => frame);
  }, 120_000);
  afterAll(async () => {
    camera?.server.closeAllConnections();
    camera?.server.close();
    await t?.cleanup();
  });

  const recognize = (headers: Record<string, string>, payload: Buffer | string, type = 'image/jpeg') =>
    t.app.http.inject({ method: 'POST', url: '/api/v1/recognize', headers: { ...headers, 'content-type': type }, payload });

  it('POST /api/v1/recognize reads a JPEG or PNG for an officer, stores nothing, and refuses an auditor (R3)', async () => {
    const answer = await recognize(officer.headers, frame);
    expect(answer.statusCode, answer.body).toBe(200);
    const body = answer.json() as { plates: { text: string; needsVerification: boolean; characters: unknown[]; alternatives: unknown[] }[]; confidenceThreshold: number; models: { reader: string } };
    expect(body.confidenceThreshold).toBe(t.app.profile.recognition.confidenceThreshold);
    expect(body.models.reader).toBeTruthy();
    for (const plate of body.plates) expect(plate.needsVerification).toBe((plate as unknown as { confidence: number }).confidence < body.confidenceThreshold);
    // Where the plate is and that it was read (the exact text is the models' accuracy, tested above).
    const found = body.plates.find((p) => iou((p as unknown as { box: Box }).box, scene.box) >= 0.5);
    expect(found?.text.length, JSON.stringify(body.plates)).toBeGreaterThanOrEqual(5);
    const png = await recognize(officer.headers, (await sceneWith(KNOWN_PLATES[0], { format: 'png' })).image, 'image/png');
    expect(png.statusCode).toBe(200);
    expect(await t.app.database.db.selectFrom('reads').select('id').execute()).toHaveLength(0);
    expect((await recognize(auditor.headers, frame)).json()).toMatchObject({ error: { id: 'permission_denied' } });
  });

  it('takes the image as a multipart file too', async () => {
    const boundary = 'pkboundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="car.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      frame,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = await recognize(officer.headers, payload, `multipart/form-data; boundary=${boundary}`);
    expect(answer.statusCode, answer.body).toBe(200);
  });

  it('answers a bad image with a 4xx that names the problem', async () => {
    const garbage = await recognize(officer.headers, Buffer.from('this is not an image at all'));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ error: { id: 'invalid_image', field: 'image' } });
    const truncated = await recognize(officer.headers, frame.subarray(0, 200));
    expect(truncated.statusCode).toBe(400);
    expect((truncated.json() as { error: { message: string } }).error.message).toMatch(/JPEG cannot be decoded/);
    const json = await t.app.http.inject({ method: 'POST', url: '/api/v1/recognize', headers: officer.headers, payload: { image: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ error: { field: 'image' } });
  });

  const registerSnapshotCamera = async (snapshotUrl?: string) => {
    const response = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/cameras',
      headers: t.admin,
      payload: {
        name: `Snapshot ${Math.random().toString(36).slice(2, 7)}`,
        kind: 'fixed',
        adapter: 'snapshot',
        location: { lat: 32.79, lon: -116.96 },
        placement: 'public_view',
        attestation: true,
        ...(snapshotUrl ? { snapshotUrl, snapshotIntervalSeconds: 1 } : {}),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { camera: { id: string; snapshot: { url: string } | null }; key: { key: string } };
  };

  it('a snapshot camera fetched at its URL: a read arrives with its plate crop and the frame; the same frame again is not stored twice (R1, R2)', async () => {
    const { camera: registered } = await registerSnapshotCamera(`${camera.url}/snapshot.jpg`);
    const source = (await t.app.cameras.snapshotSources()).find((s) => s.cameraId === registered.id)!;
    expect(source).toMatchObject({ intervalSeconds: 1 });
    await t.app.recognition!.poller.poll(source);
    const reads = await t.app.database.db.selectFrom('reads').selectAll().where('cameraId', '=', registered.id).execute();
    expect(reads.length).toBeGreaterThanOrEqual(1);
    const read = reads.find((r) => r.plateRaw === KNOWN_PLATES[0]) ?? reads[0]!;
    expect(read.plateImage).toMatch(/^[0-9a-f]{64}$/);
    expect(read.vehicleImage).toMatch(/^[0-9a-f]{64}$/);
    expect(read.confidence).toBeGreaterThan(0);
    const vendor = JSON.parse(read.vendorData!) as { recognizer: string; needsVerification: boolean };
    expect(vendor).toMatchObject({ recognizer: 'platekeeper', needsVerification: read.confidence! < t.app.profile.recognition.confidenceThreshold });
    await t.app.recognition!.poller.poll(source);
    expect(await t.app.database.db.selectFrom('reads').select('id').where('cameraId', '=', registered.id).execute()).toHaveLength(reads.length);
  });

  it('the poller started with the server finds a new snapshot camera, and a failing URL shows on its health', async () => {
    const broken = await registerSnapshotCamera(`${camera.url}/broken`);
    const working = await registerSnapshotCamera(`${camera.url}/snapshot.jpg`);
    expect(broken.camera.snapshot?.url).toContain('/broken');
    t.app.recognition!.poller.start();
    try {
      await until(async () => (await t.app.database.db.selectFrom('reads').select('id').where('cameraId', '=', working.camera.id).execute()).length > 0);
      await until(async () => (await t.app.cameras.healthReport()).find((h) => h.cameraId === broken.camera.id)?.lastRejection?.includes('HTTP 500') ?? false);
    } finally {
      await t.app.recognition!.poller.stop();
    }
    const health = (await t.app.cameras.healthReport()).find((h) => h.cameraId === broken.camera.id)!;
    expect(health.lastRejection).toMatch(/Snapshot fetch from .*\/broken failed: HTTP 500/);
    expect(health.lastSeenAt).toBeNull();
    // A camera that does not answer within its interval: a timeout on its health, and the poller goes on.
    const slow = await registerSnapshotCamera(`${camera.url}/slow`);
    await t.app.recognition!.poller.poll({ cameraId: slow.camera.id, url: `${camera.url}/slow`, intervalSeconds: 1 });
    await t.app.cameras.flushHealth();
    expect((await t.app.cameras.healthReport()).find((h) => h.cameraId === slow.camera.id)?.lastRejection).toMatch(/failed: no answer within 1000 ms/);
  });

  it('uploaded frames (POST /api/v1/ingest/frames): a re-upload is a duplicate; other adapters are refused', async () => {
    const { key } = await registerSnapshotCamera();
    const send = (headers: Record<string, string> = {}) =>
      t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/frames?capturedAt=2026-11-23T08:00:00Z', headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/jpeg', ...headers }, payload: frame });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json() as { plates: number; accepted: number; duplicate: number };
    expect(body.plates).toBeGreaterThanOrEqual(1);
    expect(body.accepted).toBe(body.plates);
    expect((await send()).json()).toMatchObject({ accepted: 0, duplicate: body.plates });
    // Without capturedAt, a frame sent again keeps the time it was first seen, so it is a duplicate on both databases.
    const other = (await sceneWith(KNOWN_PLATES[1])).image;
    const plain = () => t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/frames', headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/jpeg' }, payload: other });
    const once = (await plain()).json() as { accepted: number; plates: number };
    expect(once.accepted).toBe(once.plates);
    expect((await plain()).json()).toMatchObject({ accepted: 0, duplicate: once.plates });
    const native = await t.registerCamera();
    const refused = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/frames', headers: { authorization: `Bearer ${native.key}`, 'content-type': 'image/jpeg' }, payload: frame });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { id: 'adapter_mismatch' } });
  });

  it('under load: a full queue answers 503 "recognition queue full", the camera health says so, and the server carries on', async () => {
    const busy = await startTestApp(dialect, { flags: { ...flags, 'recognition.queue': 0 } });
    try {
      const officerB = await busy.createUser(['officer']);
      const registered = (
        await busy.app.http.inject({
          method: 'POST',
          url: '/api/v1/cameras',
          headers: busy.admin,
          payload: { name: 'Snapshot busy', kind: 'fixed', adapter: 'snapshot', location: { lat: 32.79, lon: -116.96 }, placement: 'public_view', attestation: true },
        })
      ).json() as { camera: { id: string }; key: { key: string } };
      await busy.app.recognition!.service.start();
      const answers = await Promise.all([
        ...Array.from({ length: 4 }, () => busy.app.http.inject({ method: 'POST', url: '/api/v1/recognize', headers: { ...officerB.headers, 'content-type': 'image/jpeg' }, payload: frame })),
        ...Array.from({ length: 4 }, () =>
          busy.app.http.inject({ method: 'POST', url: '/api/v1/ingest/frames', headers: { authorization: `Bearer ${registered.key.key}`, 'content-type': 'image/jpeg' }, payload: frame }),
        ),
      ]);
      const codes = answers.map((a) => a.statusCode);
      expect(codes.every((code) => code === 200 || code === 503), codes.join()).toBe(true);
      expect(codes).toContain(503);
      const refused = answers.find((a) => a.statusCode === 503)!.json() as { error: { id: string; message: string } };
      expect(refused.error).toMatchObject({ id: 'recognition_queue_full' });
      expect(refused.error.message).toMatch(/Recognition queue full/);
      // One worker, no queue: at most one or two of the eight get through, so frames were refused too.
      expect(codes.slice(4)).toContain(503);
      const health = (await busy.app.cameras.healthReport()).find((h) => h.cameraId === registered.camera.id)!;
      expect(health.lastRejection).toMatch(/Recognition queue full/);
      // Still answering, and recognizing once the queue drains.
      expect((await busy.app.http.inject({ method: 'POST', url: '/api/v1/recognize', headers: { ...officerB.headers, 'content-type': 'image/jpeg' }, payload: frame })).statusCode).toBe(200);
      const status = (await busy.app.http.inject({ method: 'GET', url: '/api/v1/recognition/status', headers: busy.admin })).json() as { refused: number; workers: number };
      expect(status.refused).toBeGreaterThan(0);
      expect(status.workers).toBe(1);
    } finally {
      await busy.app.close();
      await busy.cleanup();
    }
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
