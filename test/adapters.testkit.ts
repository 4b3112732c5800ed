// Helpers for the vendor adapter tests: cameras set up for an adapter, posting as a device, and the
// stored read joined to its plate.
import { validatePlateForState } from '../src/plates/index.js';
import type { CameraAdapter } from '../src/cameras/cameras.schemas.js';
import type { FakeClock } from '../src/platform/clock.js';
import type { TestApp } from './app.testkit.js';

export const BASE_TIME = '2026-11-23T12:00:00.000Z';

export interface AdapterCamera {
  id: string;
  key: string;
}

/** Registers a camera and sets its adapter, through the API, as an administrator would. */
export async function cameraFor(t: TestApp, adapter: CameraAdapter, name = `${adapter} camera`): Promise<AdapterCamera> {
  const camera = await t.registerCamera({ name: `${name} ${Math.random().toString(36).slice(2, 7)}` });
  const patch = await t.app.http.inject({ method: 'PATCH', url: `/api/v1/cameras/${camera.id}`, headers: t.admin, payload: { adapter } });
  if (patch.statusCode !== 200) throw new Error(`setting the adapter failed: ${patch.body}`);
  return { id: camera.id, key: camera.key };
}

/** POSTs a vendor payload the way the device would: its key in X-Api-Key. */
export function postAs(t: TestApp, camera: AdapterCamera, path: string, payload: unknown, headers: Record<string, string> = {}) {
  const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
  return t.app.http.inject({ method: 'POST', url: path, headers: { 'x-api-key': camera.key, 'content-type': 'application/json', ...headers }, payload: body });
}

/** Sets the fake clock a minute after the vendor's capture time, as if the device sent it then. */
export function sentAt(clock: FakeClock, capturedAt: number | string): void {
  clock.set(new Date(new Date(capturedAt).getTime() + 60_000));
}

/** The stored read (after t.settle(): on the cluster backend the writer role stores it later). */
export async function storedRead(t: TestApp, id: string) {
  await t.settle();
  const row = await t.app.database.db.selectFrom('reads').innerJoin('plates', 'plates.id', 'reads.plateId').selectAll().where('reads.id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`read ${id} was not stored`);
  const { plateId: _plateId, receivedAt: _receivedAt, id: _id, vendorData, ...fields } = row;
  // Reads carry their camera's agency (the distribution column; #12): camera-agency.test.ts checks it.
  delete (fields as Record<string, unknown>).agencyId;
  return { ...fields, capturedAt: Number(fields.capturedAt), vendor: vendorData === null ? null : (JSON.parse(vendorData) as Record<string, unknown>) };
}

export async function countReads(t: TestApp): Promise<number> {
  await t.settle();
  return Number((await t.app.database.db.selectFrom('reads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

export async function healthOf(t: TestApp, clock: FakeClock, cameraId: string) {
  clock.set(BASE_TIME); // sessions are only ever used at the base time
  const response = await t.app.http.inject({ method: 'GET', url: '/api/v1/ingest/health', headers: t.admin });
  const rows = (response.json() as { cameras: { cameraId: string; readsAccepted: number; readsRejected: number; readsDuplicate: number; lastSeenAt: string | null; lastRejection: string | null }[] }).cameras;
  return rows.find((row) => row.cameraId === cameraId)!;
}

/** The read fields every expectation below lists, with defaults for what a vendor did not send. */
export function expected(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    plateRaw: fields.plate,
    // The state-format check is tested in ingest.test.ts; here it only has to travel with the read.
    plateCheck: validatePlateForState(String(fields.plate), typeof fields.region === 'string' && fields.region ? fields.region : undefined).status,
    regionRaw: null,
    region: '',
    confidence: null,
    lat: 32.7948,
    lon: -116.9625,
    heading: null,
    vehicleMake: null,
    vehicleModel: null,
    vehicleColor: null,
    vehicleBody: null,
    plateImage: null,
    vehicleImage: null,
    ...fields,
  };
}
