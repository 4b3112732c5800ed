// The one path every read takes into the store, whatever sent it: the native batch API, vendor
// adapters, the demo feed, the edge unit (R1, R2). Checks everything before storing anything; an
// atomic batch with one bad read is refused whole (invariant 6), a partial one stores the good reads.
import { Compile } from 'typebox/compile';
import type { CameraPrincipal } from '../cameras/cameras.service.js';
import type { CamerasService } from '../cameras/cameras.service.js';
import type { Clock } from '../platform/clock.js';
import { DAY } from '../platform/clock.js';
import { AppError, payloadTooLarge, unprocessable, type ErrorDetail } from '../platform/errors.js';
import { normalizePlate, normalizeRegion, PLATE_MAX_LENGTH, validatePlateForState } from '../plates/index.js';
import type { ImageStore, ImageType } from './image.store.js';
import { IncomingRead, type ImageInput, type IngestResponse, type ReadResult } from './ingest.schemas.js';
import type { NewImageRow, PreparedRead, ReadWriter } from './read-writer.js';

const checkRead = Compile(IncomingRead);

export interface IngestLimits {
  maxBatchReads: number;
  maxFutureSkewSeconds: number;
  maxPastDays: number;
}

interface Rejection {
  index: number;
  field: string;
  reason: string;
}

interface Checked {
  read: IncomingRead;
  index: number;
}

export class IngestService {
  constructor(
    /** The group-commit writer; in a cluster's API role, the bus publisher (src/cluster/read-publisher.ts). */
    private readonly writer: Pick<ReadWriter, 'write'>,
    private readonly images: ImageStore,
    private readonly cameras: CamerasService,
    private readonly clock: Clock,
    private readonly limits: IngestLimits,
    private readonly knownImage: (sha256s: string[]) => Promise<Set<string>>,
  ) {}

  async ingest(camera: CameraPrincipal, reads: unknown[], mode: 'atomic' | 'partial' = 'atomic'): Promise<IngestResponse> {
    if (reads.length === 0) throw unprocessable('empty_batch', 'The batch has no reads; send at least one.');
    if (reads.length > this.limits.maxBatchReads) {
      this.cameras.health.record(camera.cameraId, { accepted: 0, duplicate: 0, rejected: reads.length, rejection: `batch of ${reads.length} reads is over the limit of ${this.limits.maxBatchReads}` });
      throw payloadTooLarge('batch_too_large', `The batch has ${reads.length} reads; send at most ${this.limits.maxBatchReads} per request.`);
    }
    const now = this.clock.now().getTime();
    const rejections: Rejection[] = [];
    const good: Checked[] = [];
    reads.forEach((raw, index) => {
      const problem = this.check(camera, raw, now);
      if (problem) rejections.push({ index, field: [`reads/${index}`, problem.field].filter(Boolean).join('/'), reason: problem.reason });
      else good.push({ read: raw as IncomingRead, index });
    });
    const refs = await this.checkImageRefs(good, rejections);
    const rejected = new Set(rejections.map((r) => r.index));
    const valid = good.filter((item) => !rejected.has(item.index));
    if (rejections.length && mode === 'atomic') this.refuse(camera, reads, rejections);

    const images: NewImageRow[] = [];
    const prepared: PreparedRead[] = [];
    for (const { read, index } of valid) {
      try {
        const plateImage = await this.storeImage(read.plateImage, `reads/${index}/plateImage`, images, refs, now);
        const vehicleImage = await this.storeImage(read.vehicleImage, `reads/${index}/vehicleImage`, images, refs, now);
        prepared.push(this.prepare(camera, read, plateImage, vehicleImage, now));
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        rejections.push({ index, field: error.field ?? `reads/${index}`, reason: error.message });
      }
    }
    if (rejections.length && mode === 'atomic') this.refuse(camera, reads, rejections);

    const inserted = prepared.length ? await this.writer.write(prepared, images) : new Set<string>();
    const rejectionAt = new Map(rejections.map((r) => [r.index, r]));
    const answered = new Set<string>();
    const results: ReadResult[] = reads.map((raw, index) => {
      const rejection = rejectionAt.get(index);
      const id = idOf(raw);
      if (rejection) return { id, status: 'rejected', reason: rejection.reason, field: rejection.field };
      const first = !answered.has(id);
      answered.add(id);
      return { id, status: first && inserted.has(id) ? 'accepted' : 'duplicate' };
    });
    const accepted = results.filter((r) => r.status === 'accepted').length;
    const duplicate = results.filter((r) => r.status === 'duplicate').length;
    this.cameras.health.record(camera.cameraId, { accepted, duplicate, rejected: rejections.length, ...(rejections[0] ? { rejection: rejections[0].reason } : {}) });
    return { accepted, duplicate, rejected: rejections.length, results };
  }

  private refuse(camera: CameraPrincipal, reads: unknown[], rejections: Rejection[]): never {
    this.cameras.health.record(camera.cameraId, { accepted: 0, duplicate: 0, rejected: reads.length, rejection: rejections[0]!.reason });
    const details: ErrorDetail[] = rejections.map((r) => ({ field: r.field, message: r.reason }));
    throw unprocessable(
      'invalid_reads',
      `${rejections.length} of ${reads.length} reads are invalid, so nothing was stored (first: ${rejections[0]!.field}: ${rejections[0]!.reason}). Fix them, or send with "mode": "partial" to store the valid ones.`,
      details,
    );
  }

  /** Structural and semantic checks of one read; undefined when it is fine. */
  private check(camera: CameraPrincipal, raw: unknown, now: number): { field: string; reason: string } | undefined {
    if (!checkRead.Check(raw)) {
      const first = checkRead.Errors(raw)[0];
      const path = first?.instancePath.replace(/^\//, '') ?? '';
      const missing = (first?.params as { requiredProperties?: string[] } | undefined)?.requiredProperties?.[0];
      const field = [path, missing].filter(Boolean).join('/');
      return { field, reason: missing ? `${field} is required` : `${field || 'read'} ${first?.message ?? 'is invalid'}` };
    }
    const read = raw;
    const captured = Date.parse(read.capturedAt);
    if (!/(Z|[+-]\d\d:?\d\d)$/i.test(read.capturedAt)) return { field: 'capturedAt', reason: 'capturedAt needs a time zone (Z or ±hh:mm)' };
    if (captured > now + this.limits.maxFutureSkewSeconds * 1000) {
      return { field: 'capturedAt', reason: `capturedAt is ${Math.round((captured - now) / 1000)} s in the future (limit ${this.limits.maxFutureSkewSeconds} s): check the camera's clock` };
    }
    if (captured < now - this.limits.maxPastDays * DAY) return { field: 'capturedAt', reason: `capturedAt is more than ${this.limits.maxPastDays} days old` };
    const plate = normalizePlate(read.plate);
    if (plate === '') return { field: 'plate', reason: 'plate has no letters or digits' };
    if (plate.length > PLATE_MAX_LENGTH) return { field: 'plate', reason: `plate "${plate}" has ${plate.length} characters; US and Canadian plates have at most ${PLATE_MAX_LENGTH}` };
    if (read.region !== undefined && normalizeRegion(read.region) === undefined) return { field: 'region', reason: `region "${read.region}" is not a known state, province or country code (e.g. CA or us-ca)` };
    if (camera.cameraKind === 'mobile' && !read.location) return { field: 'location', reason: 'location is required from mobile units (R1)' };
    return undefined;
  }

  private async checkImageRefs(good: Checked[], rejections: Rejection[]): Promise<Set<string>> {
    const wanted = new Set<string>();
    for (const { read } of good) for (const image of [read.plateImage, read.vehicleImage]) if (image && 'sha256' in image) wanted.add(image.sha256);
    if (wanted.size === 0) return wanted;
    const known = await this.knownImage([...wanted]);
    for (const { read, index } of good) {
      for (const key of ['plateImage', 'vehicleImage'] as const) {
        const image = read[key];
        if (image && 'sha256' in image && !known.has(image.sha256)) {
          rejections.push({ index, field: `reads/${index}/${key}`, reason: `${key} refers to image ${image.sha256.slice(0, 12)}…, which was never uploaded (POST /api/v1/ingest/images first)` });
        }
      }
    }
    return known;
  }

  private async storeImage(image: ImageInput | undefined, field: string, out: NewImageRow[], known: Set<string>, now: number): Promise<string | null> {
    if (!image) return null;
    if ('sha256' in image) return known.has(image.sha256) ? image.sha256 : null;
    const data = Buffer.from(image.base64, 'base64');
    const type: ImageType = await this.images.validate(data, image.contentType, field);
    const sha256 = await this.images.put(data);
    out.push({ sha256, contentType: type, byteSize: data.length, createdAt: now });
    return sha256;
  }

  /** Stores an uploaded image by itself (for reads that refer to it by hash). */
  async uploadImage(data: Buffer, claimed: ImageType | undefined): Promise<NewImageRow> {
    const type = await this.images.validate(data, claimed, 'body');
    const sha256 = await this.images.put(data);
    const row = { sha256, contentType: type, byteSize: data.length, createdAt: this.clock.now().getTime() };
    await this.writer.write([], [row]);
    return row;
  }

  private prepare(camera: CameraPrincipal, read: IncomingRead, plateImage: string | null, vehicleImage: string | null, now: number): PreparedRead {
    const location = read.location ?? camera.location;
    return {
      id: read.id.toLowerCase(),
      cameraId: camera.cameraId,
      agencyId: camera.agencyId,
      plate: normalizePlate(read.plate),
      region: normalizeRegion(read.region) ?? '',
      plateRaw: read.plate,
      regionRaw: read.region ?? null,
      plateCheck: validatePlateForState(read.plate, read.region).status,
      confidence: read.confidence ?? null,
      capturedAt: Date.parse(read.capturedAt),
      receivedAt: now,
      lat: location?.lat ?? null,
      lon: location?.lon ?? null,
      heading: read.heading ?? null,
      vehicleMake: read.vehicle?.make ?? null,
      vehicleModel: read.vehicle?.model ?? null,
      vehicleColor: read.vehicle?.color ?? null,
      vehicleBody: read.vehicle?.bodyType ?? null,
      plateImage,
      vehicleImage,
      vendorData: read.vendor ? JSON.stringify(read.vendor) : null,
    };
  }
}

function idOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.toLowerCase() : '';
}
