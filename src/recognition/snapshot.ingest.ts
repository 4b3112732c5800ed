// Frames from snapshot cameras into reads (issue 11; R1, R2, R3, R10). A frame, fetched by the
// poller or uploaded by the camera, is recognized in the worker pool; each plate becomes a native
// read with its plate crop and the frame as images and goes through IngestService.ingest, the path
// every read takes (durability, deduplication, camera checks). Each read's id is derived from the
// camera, the frame's SHA-256 and the plate's place in the frame, so a frame sent twice (a retried
// upload, a camera that serves the same still) is stored once. Readings under the profile's
// confidence threshold carry needsVerification in their vendor data. Nothing here logs plates.
import { createHash } from 'node:crypto';
import type { CameraPrincipal, CamerasService } from '../cameras/cameras.service.js';
import type { IngestResponse } from '../ingest/ingest.schemas.js';
import type { IngestService } from '../ingest/ingest.service.js';
import type { Clock } from '../platform/clock.js';
import { AppError, badRequest, conflict } from '../platform/errors.js';
import type { RecognitionService } from './recognition.service.js';

export interface FrameResult extends IngestResponse {
  /** Plates found in the frame (reads made from them are in results). */
  plates: number;
}

export const RECOGNIZER_NAME = 'platekeeper';

/** A UUID (version 8, RFC 9562 "custom") from a hash: the same camera, frame and plate give the same read id. */
export function readIdFor(cameraId: string, frameSha256: string, index: number): string {
  const bytes = createHash('sha256').update(`${cameraId}\n${frameSha256}\n${index}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Frames remembered (per process) so that a frame sent again without capturedAt keeps its first capture time. */
const REMEMBERED_FRAMES = 2_000;

export class SnapshotIngest {
  // On PostgreSQL a read is keyed by (id, capturedAt): a frame sent again must carry the same capture
  // time to be recognized as a duplicate. Uploads that give capturedAt do; for those that do not (and
  // for polled stills), the time the frame was first seen is kept here.
  private readonly firstSeen = new Map<string, number>();

  constructor(
    private readonly recognition: Pick<RecognitionService, 'recognize' | 'models'>,
    private readonly ingest: Pick<IngestService, 'ingest'>,
    private readonly cameras: Pick<CamerasService, 'health'>,
    private readonly clock: Clock,
    private readonly maxImageBytes: number,
  ) {}

  /**
   * Recognizes one frame from a snapshot camera and ingests a read per plate. Problems that are the
   * camera's to know about (a frame that does not decode, the queue full) go to its health too.
   */
  async frame(camera: CameraPrincipal, image: Uint8Array, capturedAt?: number): Promise<FrameResult> {
    if (camera.adapter !== 'snapshot') {
      throw conflict(
        'adapter_mismatch',
        `This camera is set up for the ${camera.adapter} adapter, not snapshot. An administrator can change it on the camera page (PATCH /api/v1/cameras/${camera.cameraId} with {"adapter": "snapshot"}).`,
        'adapter',
      );
    }
    const frameSha = createHash('sha256').update(image).digest('hex');
    const at = capturedAt ?? this.firstSeenAt(`${camera.cameraId}:${frameSha}`);
    if (!Number.isFinite(at)) throw badRequest('invalid_request', 'capturedAt is not a time; send an ISO 8601 instant with a zone, e.g. 2026-11-23T08:00:00Z.', 'capturedAt');
    let recognized;
    try {
      recognized = await this.recognition.recognize(image, { images: true, maxFrameBytes: this.maxImageBytes });
    } catch (error) {
      if (error instanceof AppError && (error.status < 500 || error.status === 503)) this.cameras.health.problem(camera.cameraId, error.message);
      throw error;
    }
    if (recognized.plates.length === 0) {
      this.cameras.health.record(camera.cameraId, { accepted: 0, duplicate: 0, rejected: 0 }); // seen, nothing to read
      return { plates: 0, accepted: 0, duplicate: 0, rejected: 0, results: [] };
    }
    const vehicleImage = { base64: Buffer.from(recognized.images!.frame).toString('base64'), contentType: 'image/jpeg' as const };
    const models = this.recognition.models();
    const reads = recognized.plates.map((plate, index) => ({
      id: readIdFor(camera.cameraId, frameSha, index),
      capturedAt: new Date(at).toISOString(),
      plate: plate.text,
      confidence: plate.confidence,
      plateImage: { base64: Buffer.from(recognized.images!.plates[index]!).toString('base64'), contentType: 'image/jpeg' as const },
      vehicleImage,
      vendor: {
        recognizer: RECOGNIZER_NAME,
        ...(models ? { models } : {}),
        needsVerification: plate.needsVerification,
        box: plate.box,
        detectorScore: plate.detectorScore,
        characters: plate.characters.map((c) => ({ char: c.char, confidence: c.confidence })),
        alternatives: plate.alternatives,
      },
    }));
    const outcome = await this.ingest.ingest(camera, reads, 'partial');
    return { plates: recognized.plates.length, ...outcome };
  }

  private firstSeenAt(key: string): number {
    const known = this.firstSeen.get(key);
    if (known !== undefined) return known;
    const now = this.clock.now().getTime();
    this.firstSeen.set(key, now);
    if (this.firstSeen.size > REMEMBERED_FRAMES) this.firstSeen.delete(this.firstSeen.keys().next().value!);
    return now;
  }
}
