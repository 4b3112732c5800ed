// Vendor payloads through the server on both backends (issue 10; R1, R2, R4): every documented
// fixture becomes exactly the reads expected, field by field; every malformed variant gets an
// error naming the field and counts on the camera's health; a vendor's retry is a duplicate.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyJpeg } from '../../test/reads.fixtures.js';
import { BASE_TIME, cameraFor, countReads, expected, healthOf, postAs, sentAt, storedRead, type AdapterCamera } from '../../test/adapters.testkit.js';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { BACKENDS } from '../../test/databases.js';
import { FakeClock } from '../platform/clock.js';
import { aiDumpAlert, memoAlert, noPlateAlert, plateNumberAlert } from './adapters/fixtures/blueiris.fixtures.js';
import { alprdGroup, alprdResults, heartbeat, rekorAlert, rekorGroup, rekorResults } from './adapters/fixtures/openalpr.fixtures.js';
import { fromOpenAlpr } from './adapters/openalpr.adapter.js';
import { sdkResponse, snapshotResponse, snapshotWebhook, streamLines, streamWebhook } from './adapters/fixtures/platerecognizer.fixtures.js';

const SHA = expect.stringMatching(/^[0-9a-f]{64}$/);
const clone = <T>(value: T): T => structuredClone(value);

describe.each(BACKENDS)('vendor adapters on %s', (backend) => {
  const clock = new FakeClock(BASE_TIME);
  let t: TestApp;
  let openalpr: AdapterCamera;
  let platerecognizer: AdapterCamera;
  let blueiris: AdapterCamera;
  let native: AdapterCamera;

  beforeAll(async () => {
    t = await startTestApp(backend, { clock, flags: { 'ingest.maxPastDays': 3650 } });
    openalpr = await cameraFor(t, 'openalpr');
    platerecognizer = await cameraFor(t, 'platerecognizer');
    blueiris = await cameraFor(t, 'blueiris');
    native = await cameraFor(t, 'native');
  });
  afterAll(async () => t?.cleanup());

  const ids = (response: { json(): unknown }) => (response.json() as { results: { id: string }[] }).results.map((r) => r.id);

  describe('OpenALPR / Rekor Scout', () => {
    const post = (payload: unknown) => postAs(t, openalpr, '/api/v1/ingest/openalpr', payload);

    it('stores an alpr_group as one read with its vehicle, GPS, heading and crop; a retry is a duplicate (R1, R2)', async () => {
      sentAt(clock, rekorGroup.epoch_start);
      const response = await post(rekorGroup);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ format: 'alpr_group', accepted: 1, duplicate: 0, rejected: 0 });
      const [id] = ids(response);
      const { vendor, ...read } = await storedRead(t, id!);
      expect(read).toEqual(
        expected({
          cameraId: openalpr.id,
          plate: 'D2651BF',
          region: 'MO',
          regionRaw: 'us-mo',
          confidence: 0.929419,
          capturedAt: 1562681121504,
          lat: 37.635986328125,
          lon: -93.2923,
          vehicleMake: 'honda',
          vehicleModel: 'civic',
          vehicleColor: 'silver-gray',
          vehicleBody: 'sedan-standard',
          vehicleImage: SHA,
        }),
      );
      expect(vendor).toMatchObject({ adapter: 'openalpr', format: 'alpr_group', travel_direction: 272.5, epoch_end: 1562681124479, agent_uid: rekorGroup.agent_uid, camera_id: 1234, x_custom_field: 'kept as vendor data' });
      expect(vendor).toHaveProperty('vehicle.make_model.0.confidence', 77.9);
      expect(vendor).not.toHaveProperty('vehicle_crop_jpeg');
      // What the read holds is not stored twice: best_plate keeps only what it adds to the group.
      expect(vendor).toHaveProperty('candidates.1.plate', 'D2651F');
      expect(vendor).toHaveProperty('best_plate.coordinates.0.x', 3257);
      expect(vendor).toHaveProperty('best_plate.region_confidence', 57);
      for (const repeated of ['data_type', 'best_plate.plate', 'best_plate.confidence', 'best_plate.region', 'best_plate.candidates']) expect(vendor).not.toHaveProperty(repeated);
      const again = await post(rekorGroup);
      expect(again.json()).toMatchObject({ accepted: 0, duplicate: 1 });
      expect(ids(again)).toEqual([id]);
    });

    it("keeps best_plate's own plate, region and candidates where they differ from the group's", () => {
      const differing = { ...clone(rekorGroup), best_region: 'us-ks', candidates: rekorGroup.candidates.slice(0, 1) };
      const vendor = fromOpenAlpr(differing, { cameraId: 'cam-1', timeZone: 'UTC' }).reads[0]!.vendor!;
      expect(vendor).toHaveProperty('best_plate.region', 'us-mo');
      expect(vendor).toHaveProperty('best_plate.candidates.2.plate', 'D265BF');
      expect(vendor).not.toHaveProperty('best_plate.plate');
    });

    it('stores each plate of an alpr_results frame with its crop', async () => {
      sentAt(clock, rekorResults.epoch_time);
      const response = await post(rekorResults);
      expect(response.json()).toMatchObject({ format: 'alpr_results', accepted: 2 });
      const [first, second] = ids(response);
      expect((await storedRead(t, first!)).plate).toBe('D2651BF');
      const { vendor: _v1, ...one } = await storedRead(t, first!);
      expect(one).toEqual(expected({ cameraId: openalpr.id, plate: 'D2651BF', region: 'MO', regionRaw: 'us-mo', confidence: 0.929419, capturedAt: 1562681608425, plateImage: SHA }));
      const { vendor, ...two } = await storedRead(t, second!);
      expect(two).toEqual(expected({ cameraId: openalpr.id, plate: 'CG3L5Y', region: 'MO', regionRaw: 'us-mo', confidence: 0.947376, capturedAt: 1562681608425 }));
      expect(vendor).toMatchObject({ format: 'alpr_results', plate_index: 1, region_confidence: 77, frame: { uuid: rekorResults.uuid, camera_id: 1234 } });
      expect((await post(rekorResults)).json()).toMatchObject({ accepted: 0, duplicate: 2 });
    });

    it('reads the old alprd formats: bare US region codes, epoch seconds, no data_type', async () => {
      sentAt(clock, alprdGroup.epoch_start);
      const group = await post(alprdGroup);
      const { vendor: _v, ...read } = await storedRead(t, ids(group)[0]!);
      expect(read).toEqual(expected({ cameraId: openalpr.id, plate: 'A13709', region: 'MO', regionRaw: 'us-mo', confidence: 0.920752, capturedAt: 1448326208789 }));

      sentAt(clock, alprdResults.epoch_time * 1000);
      const frame = await post(alprdResults);
      expect(frame.json()).toMatchObject({ format: 'alpr_results', accepted: 2 });
      const [s11, ejl] = ids(frame);
      expect(await storedRead(t, s11!)).toMatchObject({ plate: 'S11FRE', region: '', regionRaw: null, confidence: 0.771307, capturedAt: 1402161050000 });
      expect(await storedRead(t, ejl!)).toMatchObject({ plate: 'EJLESSIE', confidence: 0.78168, capturedAt: 1402158050000 });
    });

    it('takes a heartbeat as a sign of life and stores nothing', async () => {
      sentAt(clock, heartbeat.timestamp);
      const before = await countReads(t);
      const response = await post(heartbeat);
      expect(response.json()).toMatchObject({ format: 'heartbeat', accepted: 0, results: [] });
      expect(await countReads(t)).toBe(before);
      expect((await healthOf(t, clock, openalpr.id)).lastSeenAt).toBe(new Date(heartbeat.timestamp + 60_000).toISOString());
    });

    it("records the agent's own alert without storing a hit or a read (R5)", async () => {
      sentAt(clock, rekorAlert.epoch_time);
      const before = await countReads(t);
      const response = await post(rekorAlert);
      expect(response.json()).toMatchObject({ format: 'alpr_alert', accepted: 0, note: expect.stringMatching(/not a Platekeeper hit/) });
      expect(await countReads(t)).toBe(before);
      clock.set(BASE_TIME);
      const view = await t.app.http.inject({ method: 'GET', url: `/api/v1/cameras/${openalpr.id}/last-payload`, headers: t.admin });
      expect(view.json()).toMatchObject({ adapter: 'openalpr', vendorAlerts: 1, last: { format: 'alpr_alert', payload: { data_type: 'alpr_alert', plate_number: '<text, 6 chars>' } } });
    });

    it('skips a preview group: the final one follows', async () => {
      sentAt(clock, rekorGroup.epoch_start);
      const response = await post({ ...clone(rekorGroup), is_preview: true, epoch_start: rekorGroup.epoch_start + 7 });
      expect(response.json()).toMatchObject({ accepted: 0, note: expect.stringMatching(/preview/) });
    });

    it.each([
      ['no data_type', (p: Record<string, unknown>) => void delete p.data_type, 'data_type', /is required/],
      ['an unknown data_type', (p: Record<string, unknown>) => void (p.data_type = 'alpr_video'), 'data_type', /alpr_group, alpr_results/],
      ['no plate', (p: Record<string, unknown>) => void (delete p.best_plate_number, delete p.best_plate), 'best_plate_number', /is required/],
      ['no epoch_start', (p: Record<string, unknown>) => void delete p.epoch_start, 'epoch_start', /is required/],
      ['an unreadable epoch_start', (p: Record<string, unknown>) => void (p.epoch_start = 'yesterday'), 'epoch_start', /not a date/],
      ['a confidence over 100', (p: Record<string, unknown>) => void (p.best_confidence = 150), 'best_confidence', /0 to 100/],
    ])('refuses an alpr_group with %s, naming the field, storing nothing, counting it on health', async (_what, spoil, field, message) => {
      sentAt(clock, rekorGroup.epoch_start);
      const payload = clone(rekorGroup) as unknown as Record<string, unknown>;
      spoil(payload);
      const before = await countReads(t);
      const rejectedBefore = (await healthOf(t, clock, openalpr.id)).readsRejected;
      sentAt(clock, rekorGroup.epoch_start);
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ id: 'invalid_vendor_payload', field, message: expect.stringMatching(message) });
      expect(await countReads(t)).toBe(before);
      const health = await healthOf(t, clock, openalpr.id);
      expect(health.readsRejected).toBe(rejectedBefore + 1);
      expect(health.lastRejection).toContain(field);
    });

    it.each([
      ['alpr_results without uuid', { ...clone(rekorResults), uuid: undefined }, 'uuid'],
      ['alpr_results with a plate missing', { ...clone(rekorResults), results: [rekorResults.results[0], { confidence: 50 }] }, 'results/1/plate'],
      ['alpr_results whose results is not a list', { ...clone(rekorResults), results: {} }, 'results'],
      ['an alpr_alert without plate_number', { ...clone(rekorAlert), plate_number: undefined }, 'plate_number'],
    ])('refuses %s', async (_what, payload, field) => {
      sentAt(clock, rekorResults.epoch_time);
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe(field);
    });

    it('answers 422 naming the field when the reads themselves are refused (nothing stored)', async () => {
      clock.set('2019-07-01T00:00:00Z'); // a week before the group: its capture time is in the future
      const response = await post({ ...clone(rekorGroup), epoch_start: rekorGroup.epoch_start + 11 });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ id: 'invalid_reads', details: [{ field: 'reads/0/capturedAt' }] });
    });

    it('refuses a camera set up for another adapter (409) and a wrong key (401)', async () => {
      sentAt(clock, rekorGroup.epoch_start);
      const mismatch = await postAs(t, native, '/api/v1/ingest/openalpr', rekorGroup);
      expect(mismatch.statusCode).toBe(409);
      expect(mismatch.json().error).toMatchObject({ id: 'adapter_mismatch', field: 'adapter' });
      const stranger = await postAs(t, { id: openalpr.id, key: `pkc_${'0'.repeat(32)}_${'x'.repeat(43)}` }, '/api/v1/ingest/openalpr', rekorGroup);
      expect(stranger.statusCode).toBe(401);
    });

    it('shows the last payload as a shape, without plate text, and what it became', async () => {
      sentAt(clock, rekorGroup.epoch_start);
      await post(rekorGroup);
      clock.set(BASE_TIME);
      const view = await t.app.http.inject({ method: 'GET', url: `/api/v1/cameras/${openalpr.id}/last-payload`, headers: t.admin });
      expect(view.statusCode).toBe(200);
      const body = view.json();
      expect(body.last).toMatchObject({
        adapter: 'openalpr',
        format: 'alpr_group',
        payload: { data_type: 'alpr_group', epoch_start: 1562681121504, best_plate_number: '<text, 7 chars>', vehicle_crop_jpeg: '<base64, 356 chars>' },
        outcome: { status: 200, accepted: 0, duplicate: 1, reads: [{ plateLength: 7, region: 'us-mo', vehicle: { make: 'honda' }, vehicleImage: true }] },
      });
      expect(JSON.stringify(body)).not.toContain('D2651BF');
      const setup = await t.app.http.inject({ method: 'GET', url: `/api/v1/cameras/${openalpr.id}/setup`, headers: t.admin });
      expect(setup.json()).toMatchObject({ adapter: 'openalpr', url: expect.stringMatching(/\/api\/v1\/ingest\/openalpr$/), headers: { 'X-Api-Key': expect.stringContaining('pkc_') } });
    });
  });

  describe('Plate Recognizer', () => {
    const post = (payload: unknown, headers?: Record<string, string>) => postAs(t, platerecognizer, '/api/v1/ingest/platerecognizer', payload, headers);

    it('stores a Snapshot API response with make, model, color and type; a country code is no state', async () => {
      sentAt(clock, snapshotResponse.timestamp);
      const response = await post(snapshotResponse);
      expect(response.json()).toMatchObject({ format: 'snapshot', accepted: 1 });
      const { vendor, ...read } = await storedRead(t, ids(response)[0]!);
      expect(read).toEqual(
        expected({ cameraId: platerecognizer.id, plate: 'NHK552', confidence: 0.904, capturedAt: Date.parse('2020-10-12T16:17:27.574Z'), vehicleMake: 'Riley', vehicleModel: 'RMF', vehicleColor: 'black', vehicleBody: 'Sedan' }),
      );
      expect(vendor).toMatchObject({ adapter: 'platerecognizer', dscore: 0.99, region: { code: 'gb' }, orientation: [{ orientation: 'Front' }], recognition: { filename: '1617_7M83K_car.jpg' } });
      expect((await post(snapshotResponse)).json()).toMatchObject({ duplicate: 1 });
    });

    it("reads the on-premise SDK's zone-less timestamp as UTC and its us-ca as California", async () => {
      sentAt(clock, '2020-01-16T17:00:00Z');
      const response = await post(sdkResponse);
      expect(await storedRead(t, ids(response)[0]!)).toMatchObject({ plate: 'NHK552', region: 'CA', regionRaw: 'us-ca', capturedAt: Date.parse('2020-01-16T17:00:00Z') });
    });

    it('stores both plates of a Snapshot webhook', async () => {
      sentAt(clock, snapshotWebhook.data.timestamp);
      const response = await post(snapshotWebhook);
      expect(response.json()).toMatchObject({ format: 'snapshot.webhook', accepted: 2 });
      const [a, b] = ids(response);
      expect(await storedRead(t, a!)).toMatchObject({ plate: '765410', confidence: 0.913153, capturedAt: Date.parse('2019-08-31T14:22:06.983Z') });
      expect(await storedRead(t, b!)).toMatchObject({ plate: '830265', confidence: 0.770064 });
    });

    it('stores a Stream webhook, and its JSON Lines file later gives duplicates for what arrived (R2)', async () => {
      sentAt(clock, streamWebhook.data.timestamp);
      const hook = await post(streamWebhook);
      expect(hook.json()).toMatchObject({ format: 'stream.webhook', accepted: 1 });
      const { vendor: _v, ...read } = await storedRead(t, ids(hook)[0]!);
      expect(read).toEqual(expected({ cameraId: platerecognizer.id, plate: '9JUB11', confidence: 0.839, capturedAt: Date.parse('2021-09-29T05:56:13.606Z'), vehicleBody: 'Big Truck' }));

      const lines = await post(streamLines, { 'content-type': 'application/x-ndjson' });
      expect(lines.statusCode).toBe(200);
      expect(lines.json()).toMatchObject({ format: 'stream.jsonl', accepted: 1, duplicate: 1, rejected: 0 });
      const [dup, fresh] = ids(lines);
      expect(dup).toBe(ids(hook)[0]);
      const { vendor, ...v2 } = await storedRead(t, fresh!);
      expect(v2).toEqual(
        expected({ cameraId: platerecognizer.id, plate: 'HDB167A', region: 'PA', regionRaw: 'us-pa', confidence: 0.908, capturedAt: Date.parse('2021-07-31T13:53:36.169Z'), vehicleMake: 'Chrysler', vehicleModel: '200', vehicleColor: 'white', vehicleBody: 'Sedan' }),
      );
      expect(vendor).toMatchObject({ format: 'stream.jsonl', direction: 345, source_url: '/user-data/video.mp4', recognition: { timestamp_local: '2021-07-31 09:53:36.169692-04:00' } });
    });

    it('takes the older form-encoded webhook (a json field)', async () => {
      sentAt(clock, snapshotWebhook.data.timestamp);
      const form = await post(`json=${encodeURIComponent(JSON.stringify(snapshotWebhook))}`, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.json()).toMatchObject({ duplicate: 2 });
    });

    it('takes the "webhook with image" form (multipart json + upload) and keeps the frame as each read\'s vehicle image', async () => {
      sentAt(clock, snapshotWebhook.data.timestamp);
      const jpeg = await tinyJpeg();
      const payload = clone(snapshotWebhook);
      payload.data.filename = 'with-image.jpg';
      const form = multipartBody([
        { name: 'json', value: JSON.stringify(payload) },
        { name: 'upload', filename: 'with-image.jpg', contentType: 'image/jpeg', value: jpeg },
      ]);
      const response = await post(form.body, { 'content-type': form.contentType });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ format: 'snapshot.webhook', accepted: 2 });
      const sha = createHash('sha256').update(jpeg).digest('hex');
      for (const id of ids(response)) expect((await storedRead(t, id)).vehicleImage).toBe(sha);

      const noJson = multipartBody([{ name: 'upload', filename: 'x.jpg', contentType: 'image/jpeg', value: jpeg }]);
      const missing = await post(noJson.body, { 'content-type': noJson.contentType });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error).toMatchObject({ id: 'invalid_request', field: 'json' });
      const gif = multipartBody([
        { name: 'json', value: JSON.stringify(payload) },
        { name: 'upload', filename: 'x.gif', contentType: 'image/gif', value: Buffer.from('GIF89a') },
      ]);
      expect((await post(gif.body, { 'content-type': gif.contentType })).json().error).toMatchObject({ id: 'invalid_image', field: 'upload' });
      const broken = await post(Buffer.from('not a form'), { 'content-type': 'multipart/form-data; boundary=nothing-here' });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error).toMatchObject({ id: 'invalid_multipart' });
    });

    it('answers 200 with a note for an image without plates (Plate Recognizer drops failing webhooks)', async () => {
      sentAt(clock, snapshotResponse.timestamp);
      const response = await post({ ...clone(snapshotResponse), results: [] });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ accepted: 0, note: 'no plate in this image' });
    });

    it('stores the good plate of a payload and rejects the unreadable one by itself (partial)', async () => {
      sentAt(clock, snapshotResponse.timestamp);
      const two = clone(snapshotResponse);
      two.filename = 'two.jpg';
      two.results.push({ ...clone(snapshotResponse.results[0]!), plate: '--' });
      const response = await post(two);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ accepted: 1, rejected: 1, results: [{ status: 'accepted' }, { status: 'rejected', field: 'reads/1/plate' }] });
    });

    it.each([
      ['neither results nor a webhook', { processing_time: 1 }, 'results'],
      ['a webhook without its event', { hook: {}, data: snapshotWebhook.data }, 'hook/event'],
      ['a webhook without data', { hook: { event: 'recognition' } }, 'data'],
      ['a result without plate', { ...clone(snapshotResponse), results: [{ score: 0.9 }] }, 'results/0/plate'],
      ['no timestamp', { ...clone(snapshotResponse), timestamp: undefined }, 'timestamp'],
      ['a negative score', { ...clone(snapshotResponse), results: [{ ...snapshotResponse.results[0], score: -1 }] }, 'results/0/score'],
      ['a v2 plate without props', { ...clone(snapshotResponse), results: [{ plate: { type: 'Plate' }, vehicle: {} }] }, 'results/0/plate/props'],
    ])('refuses %s, naming the field', async (_what, payload, field) => {
      sentAt(clock, snapshotResponse.timestamp);
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ id: 'invalid_vendor_payload', field });
    });

    it('refuses a JSON Lines file with a broken line, naming the line', async () => {
      const response = await post(`${JSON.stringify(streamWebhook.data)}\n{"camera_id": `, { 'content-type': 'application/x-ndjson' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ id: 'invalid_json_lines', field: 'lines/1' });
    });
  });

  describe('Blue Iris with CodeProject.AI', () => {
    const post = (payload: unknown, headers?: Record<string, string>) => postAs(t, blueiris, '/api/v1/ingest/blueiris', payload, headers);

    it('refuses a multipart form: only Plate Recognizer sends one', async () => {
      const form = multipartBody([{ name: 'json', value: JSON.stringify(aiDumpAlert) }]);
      const response = await post(form.body, { 'content-type': form.contentType });
      expect(response.statusCode).toBe(415);
      expect(response.json().error).toMatchObject({ id: 'multipart_unsupported' });
    });

    it("stores each ALPR prediction of the alert's AI log with the alert image", async () => {
      sentAt(clock, aiDumpAlert.timestamp);
      const response = await post(aiDumpAlert);
      expect(response.json()).toMatchObject({ format: 'alert', accepted: 2 });
      const [a, b] = ids(response);
      const { vendor, ...first } = await storedRead(t, a!);
      expect(first).toEqual(expected({ cameraId: blueiris.id, plate: '7ABC123', confidence: 0.9412, capturedAt: Date.parse('2024-11-29T14:05:33.112Z'), vehicleImage: SHA }));
      expect(vendor).toMatchObject({ adapter: 'blueiris', camera: 'LPR1', ALERT_PATH: aiDumpAlert.ALERT_PATH, ALERT_CLIP: '@118831284', trigger_type: 'MOTION_A', source: 'ai_dump', prediction: { label: 'Plate: 7ABC123', x_min: 512 }, module: { moduleId: 'ALPR' } });
      expect(await storedRead(t, b!)).toMatchObject({ plate: '4XYZ987', confidence: 0.7731, vehicleImage: first.vehicleImage });
      expect((await post(aiDumpAlert)).json()).toMatchObject({ duplicate: 2 });
    });

    it("reads the memo's plate and percent, skips other objects, reads local time in the vendor zone, leaves out a WebP", async () => {
      sentAt(clock, '2024-11-29T14:07:10Z');
      const response = await post(memoAlert);
      expect(response.json()).toMatchObject({ accepted: 1 });
      const { vendor, ...read } = await storedRead(t, ids(response)[0]!);
      // 06:07:10 in Los Angeles in November (PST, UTC−8) is 14:07:10 UTC.
      expect(read).toEqual(expected({ cameraId: blueiris.id, plate: '8DEF456', confidence: 0.87, capturedAt: Date.parse('2024-11-29T14:07:10Z') }));
      expect(vendor).toMatchObject({ source: 'memo', memo: memoAlert.memo, imagesDropped: { Image: expect.stringMatching(/not a JPEG or PNG/) } });
    });

    it('takes &PLATE alone, and JSON sent as text/plain', async () => {
      sentAt(clock, plateNumberAlert.timestamp);
      const response = await post(plateNumberAlert, { 'content-type': 'text/plain' });
      expect(response.statusCode).toBe(200);
      expect(await storedRead(t, ids(response)[0]!)).toMatchObject({ plate: '6GHJ789', confidence: null, capturedAt: Date.parse(plateNumberAlert.timestamp) });
    });

    it('answers an alert without a plate with a note, storing nothing', async () => {
      sentAt(clock, noPlateAlert.timestamp);
      const response = await post(noPlateAlert);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ accepted: 0, note: expect.stringMatching(/no plate/) });
    });

    it.each([
      ['no plate source at all', { camera: 'LPR1', timestamp: '2024-11-29T14:05:33Z' }, 'ai_dump'],
      ['no alert time', { ...clone(aiDumpAlert), timestamp: undefined }, 'alert_time'],
      ['an alert time that is no date', { ...clone(aiDumpAlert), timestamp: '&ALERT_TIME' }, 'timestamp'],
      ['&JSON sent in quotes and cut', { ...clone(aiDumpAlert), ai_dump: '[{"api":"alpr",' }, 'ai_dump'],
      ['a prediction without plate or label', { ...clone(aiDumpAlert), ai_dump: [{ api: 'alpr', found: { predictions: [{ confidence: 0.9 }] } }] }, 'ai_dump/0/found/predictions/0/plate'],
    ])('refuses an alert with %s, naming the field', async (_what, payload, field) => {
      sentAt(clock, aiDumpAlert.timestamp);
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ id: 'invalid_vendor_payload', field });
    });

    it('counts refused payloads on the camera health', async () => {
      const health = await healthOf(t, clock, blueiris.id);
      expect(health.readsRejected).toBeGreaterThanOrEqual(5);
      expect(health.readsAccepted).toBeGreaterThanOrEqual(4);
    });
  });
});

/** A multipart/form-data body as Plate Recognizer's webhook sends it. */
function multipartBody(parts: { name: string; value: string | Buffer; filename?: string; contentType?: string }[]): { body: Buffer; contentType: string } {
  const boundary = '----platekeeper-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
