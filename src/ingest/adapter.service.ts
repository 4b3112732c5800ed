// Vendor payloads into the one ingest path (issue 10; R1, R2, R4). An adapter turns a payload into
// native reads; this service checks that the camera is set up for that adapter, hands the reads to
// IngestService.ingest (same durability, deduplication, camera checks and errors as the native
// API), counts what it could not use on the camera's health, and keeps the last payload and what
// it became for the camera page's test button.
//
// Mode: 'partial'. One vendor payload can hold several plates (a frame of alpr_results, a Snapshot
// image with two cars, several CodeProject.AI predictions), each its own observation; one unusable
// plate must not discard the others, and vendors retry a refused payload (Plate Recognizer even
// removes a webhook that keeps failing), so a payload that can never pass must not block the
// device's queue. When a payload's reads are all refused, nothing was stored and the answer is a
// 422 naming the first field, so a misconfigured device still sees its error.
import type { CameraPrincipal, CamerasService } from '../cameras/cameras.service.js';
import type { Clock } from '../platform/clock.js';
import { AppError, conflict, unprocessable } from '../platform/errors.js';
import { AdapterActivity, redactRead, type RecordedOutcome } from './adapter-activity.js';
import type { AdapterContext, AdapterResult, VendorAdapter } from './adapters/adapter.kit.js';
import { fromBlueIris } from './adapters/blueiris.adapter.js';
import { FrigateTracks, parseFrigateEvent, parseFrigateTrackedObjectUpdate } from './adapters/frigate.adapter.js';
import { fromOpenAlpr } from './adapters/openalpr.adapter.js';
import { fromPlateRecognizer, fromPlateRecognizerLines } from './adapters/platerecognizer.adapter.js';
import type { IngestResponse } from './ingest.schemas.js';
import type { IngestService } from './ingest.service.js';

export type HttpAdapter = Exclude<VendorAdapter, 'frigate'>;

const HTTP_ADAPTERS: Record<HttpAdapter, (payload: unknown, context: AdapterContext) => AdapterResult> = {
  openalpr: fromOpenAlpr,
  platerecognizer: fromPlateRecognizer,
  blueiris: fromBlueIris,
};

export interface AdapterResponse extends IngestResponse {
  format: string;
  note?: string;
}

export interface AdapterOptions {
  /** config ingest.vendorTimeZone */
  timeZone: string;
  /** config mqtt.cameras: Frigate camera name → Platekeeper camera id */
  frigateCameras: Record<string, string>;
  /** Fetches a Frigate event's snapshot (config mqtt.frigateApiUrl); absent: Frigate reads have no image. */
  frigateSnapshot?: (eventId: string) => Promise<VehicleImage | undefined>;
}

const PRINCIPAL_CACHE_MS = 10_000;

/** An image sent beside the payload (Plate Recognizer's webhook `upload`): the frame the plates were read in. */
export interface VehicleImage {
  base64: string;
  contentType: 'image/jpeg' | 'image/png';
}

/** Gives each read without a vehicle image the frame that came with the payload. */
function withFrame(result: AdapterResult, frame: VehicleImage | undefined): AdapterResult {
  if (!frame) return result;
  return { ...result, reads: result.reads.map((read) => (read.vehicleImage ? read : { ...read, vehicleImage: frame })) };
}

/** A payload as received, with its size in bytes when the transport says. */
interface Received {
  payload: unknown;
  bytes: number | undefined;
}

/** An error that IngestService already counted on the camera's health. */
class CountedError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export class AdapterService {
  readonly activity = new AdapterActivity();
  private readonly tracks: FrigateTracks;
  private readonly principals = new Map<string, { principal: CameraPrincipal; until: number }>();

  constructor(
    private readonly ingest: Pick<IngestService, 'ingest'>,
    private readonly cameras: Pick<CamerasService, 'health' | 'principalFor'>,
    private readonly clock: Clock,
    private readonly options: AdapterOptions,
  ) {
    this.tracks = new FrigateTracks(() => clock.now().getTime());
  }

  /** A payload POSTed by a device with its camera key. */
  receive(camera: CameraPrincipal, adapter: HttpAdapter, payload: unknown, bytes?: number, frame?: VehicleImage): Promise<AdapterResponse> {
    return this.run(camera, adapter, { payload, bytes }, () => withFrame(HTTP_ADAPTERS[adapter](payload, this.context(camera.cameraId)), frame));
  }

  /** Plate Recognizer Stream's JSON Lines output, one recognition per line. */
  receiveLines(camera: CameraPrincipal, lines: unknown[]): Promise<AdapterResponse> {
    return this.run(camera, 'platerecognizer', { payload: lines, bytes: undefined }, () => fromPlateRecognizerLines(lines, this.context(camera.cameraId)));
  }

  /**
   * One Frigate MQTT message. Observations are taken synchronously, in the order the broker
   * delivered them; only storing waits. Messages from cameras not in mqtt.cameras are ignored
   * (undefined).
   */
  async frigate(topic: 'events' | 'tracked_object_update', payload: unknown, bytes?: number): Promise<AdapterResponse | undefined> {
    let observation;
    try {
      observation = topic === 'events' ? parseFrigateEvent(payload) : parseFrigateTrackedObjectUpdate(payload);
    } catch (error) {
      const cameraId = this.options.frigateCameras[frigateCameraName(payload) ?? ''];
      if (cameraId) await this.run(await this.frigatePrincipal(cameraId), 'frigate', { payload, bytes }, () => { throw error; }).catch(() => undefined);
      throw error;
    }
    if (!observation) return undefined;
    const cameraId = this.options.frigateCameras[observation.camera];
    if (!cameraId) return undefined;
    const observed = this.tracks.observe(observation, this.context(cameraId));
    const result = observed ? await this.withSnapshot(observed, observation.objectId) : { format: topic, reads: [], note: 'tracking: the read is stored when the object ends' };
    return this.run(await this.frigatePrincipal(cameraId), 'frigate', { payload, bytes }, () => result);
  }

  /** The event's snapshot as the read's vehicle image, when Frigate's API is configured and answers. */
  private async withSnapshot(result: AdapterResult, eventId: string): Promise<AdapterResult> {
    if (!this.options.frigateSnapshot || result.reads.length === 0) return result;
    return withFrame(result, await this.options.frigateSnapshot(eventId));
  }

  /** How many tracked objects Frigate has open (for status and tests). */
  get openFrigateTracks(): number {
    return this.tracks.size;
  }

  private context(cameraId: string): AdapterContext {
    return { cameraId, timeZone: this.options.timeZone };
  }

  private async frigatePrincipal(cameraId: string): Promise<CameraPrincipal> {
    const now = this.clock.now().getTime();
    const cached = this.principals.get(cameraId);
    if (cached && cached.until > now) return cached.principal;
    const principal = await this.cameras.principalFor(cameraId, 'mqtt');
    this.principals.set(cameraId, { principal, until: now + PRINCIPAL_CACHE_MS });
    return principal;
  }

  private async run(camera: CameraPrincipal, adapter: VendorAdapter, payload: Received, adapt: () => AdapterResult): Promise<AdapterResponse> {
    let result: AdapterResult | undefined;
    try {
      if (camera.adapter !== adapter) {
        throw conflict('adapter_mismatch', `This camera is set up for the ${camera.adapter} adapter, not ${adapter}. An administrator can change it on the camera page (PATCH /api/v1/cameras/${camera.cameraId} with {"adapter": "${adapter}"}).`, 'adapter');
      }
      result = adapt();
      const response = await this.store(camera, result);
      this.remember(camera.cameraId, adapter, payload, result, { status: 200, ...response, reads: result.reads.map(redactRead) });
      return response;
    } catch (thrown) {
      const error = thrown instanceof CountedError ? thrown.error : thrown;
      if (error instanceof AppError && error.status < 500) {
        if (!(thrown instanceof CountedError)) this.cameras.health.record(camera.cameraId, { accepted: 0, duplicate: 0, rejected: Math.max(1, result?.reads.length ?? 0), rejection: error.message });
        const results = error.details?.map((detail) => ({ id: '', status: 'rejected' as const, reason: detail.message, ...(detail.field ? { field: detail.field } : {}) })) ?? [];
        this.remember(camera.cameraId, adapter, payload, result, {
          status: error.status,
          accepted: 0,
          duplicate: 0,
          rejected: results.length || 1,
          error: { id: error.id, message: error.message, ...(error.field ? { field: error.field } : {}) },
          results,
          reads: result?.reads.map(redactRead) ?? [],
        });
      }
      throw error;
    }
  }

  private async store(camera: CameraPrincipal, result: AdapterResult): Promise<AdapterResponse> {
    const head = { format: result.format, ...(result.note ? { note: result.note } : {}) };
    if (result.vendorAlert) this.activity.countVendorAlert(camera.cameraId);
    if (result.reads.length === 0) {
      this.cameras.health.record(camera.cameraId, { accepted: 0, duplicate: 0, rejected: 0 }); // seen
      return { ...head, accepted: 0, duplicate: 0, rejected: 0, results: [] };
    }
    let outcome: IngestResponse;
    try {
      outcome = await this.ingest.ingest(camera, result.reads, 'partial');
    } catch (error) {
      throw error instanceof AppError ? new CountedError(error) : error;
    }
    if (outcome.accepted + outcome.duplicate === 0) {
      const rejected = outcome.results.filter((r) => r.status === 'rejected');
      throw new CountedError(
        unprocessable(
          'invalid_reads',
          `Nothing was stored: ${rejected.length === 1 ? 'the read is' : `all ${rejected.length} reads are`} invalid (first: ${rejected[0]?.reason ?? 'unknown'}).`,
          rejected.map((r) => ({ ...(r.field ? { field: r.field } : {}), message: r.reason ?? 'rejected' })),
        ),
      );
    }
    return { ...head, ...outcome };
  }

  private remember(cameraId: string, adapter: VendorAdapter, received: Received, result: AdapterResult | undefined, outcome: RecordedOutcome & { format?: string }): void {
    const { format: _format, ...kept } = outcome;
    this.activity.record(cameraId, {
      receivedAt: this.clock.now().toISOString(),
      adapter,
      format: result?.format ?? null,
      raw: received.payload,
      bytes: received.bytes,
      outcome: { ...kept, ...(result?.note ? { note: result.note } : {}) },
    });
  }
}

function frigateCameraName(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const message = payload as { camera?: unknown; after?: { camera?: unknown } };
  const name = message.after?.camera ?? message.camera;
  return typeof name === 'string' ? name : undefined;
}
