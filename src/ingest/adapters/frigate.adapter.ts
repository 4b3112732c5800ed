// Frigate over MQTT → Platekeeper reads (issue 10; R1, R2).
//
// Follows Frigate 0.16's documentation (docs.frigate.video: "Integrations → MQTT" and
// "License Plate Recognition"): `<prefix>/events` messages { type: new | update | end, before,
// after } whose `after` carries `recognized_license_plate` and `recognized_license_plate_score`
// (0–1) for car and motorcycle objects, and `<prefix>/tracked_object_update` messages of
// { type: "lpr", id, name, plate, score, camera, timestamp }. Times are epoch seconds.
//
// Frigate refines the plate while it tracks a vehicle and publishes many updates. One tracked
// object is one read: FrigateTracks keeps the best plate seen per object and gives the read once,
// at the object's `end` message, with an id made from Frigate's own object id (so a replayed end
// is a duplicate, R2).
import {
  confidenceAt,
  instantAt,
  isoAt,
  objectAt,
  optionalNumber,
  optionalText,
  payloadError,
  plateAt,
  readId,
  textAt,
  type AdapterContext,
  type AdapterResult,
  type Json,
} from './adapter.kit.js';

/** One thing Frigate said about a tracked object. */
export interface FrigateObservation {
  objectId: string;
  camera: string;
  /** A plate read in this message, with its score (0–1) and when. */
  plate?: { text: string; score: number | undefined; at: number };
  /** Set on the object's last message. */
  ended: boolean;
  /** Frigate's fields worth keeping with the read. */
  detail: Json;
}

const EVENT_TYPES = ['new', 'update', 'end'];
const KEPT = ['label', 'sub_label', 'top_score', 'start_time', 'end_time', 'entered_zones', 'current_zones', 'has_snapshot', 'has_clip', 'average_estimated_speed', 'current_estimated_speed', 'velocity_angle'];

/** `<prefix>/events`. */
export function parseFrigateEvent(payload: unknown): FrigateObservation {
  const body = objectAt(payload, 'message');
  if (!EVENT_TYPES.includes(String(body.type))) throw payloadError('type', `must be one of ${EVENT_TYPES.join(', ')}`);
  const after = objectAt(body.after, 'after');
  const objectId = textAt(after.id, 'after/id');
  const camera = textAt(after.camera, 'after/camera');
  // Documented as a string with its own score field; Frigate's database form is [plate, score].
  const recognized = after.recognized_license_plate;
  const [text, tupleScore] = Array.isArray(recognized) ? [recognized[0], recognized[1]] : [recognized, undefined];
  const detail = Object.fromEntries(KEPT.filter((key) => after[key] !== undefined && after[key] !== null).map((key) => [key, after[key]]));
  const observation: FrigateObservation = { objectId, camera, ended: body.type === 'end', detail };
  if (optionalText(text)) {
    const at = instantAt(after.frame_time ?? after.start_time, 'after/frame_time', 'UTC');
    observation.plate = { text: plateAt(text, 'after/recognized_license_plate'), score: confidenceAt(after.recognized_license_plate_score ?? tupleScore, 'after/recognized_license_plate_score', 'unit'), at };
  }
  return observation;
}

/** `<prefix>/tracked_object_update`; undefined for the other update types (descriptions, faces). */
export function parseFrigateTrackedObjectUpdate(payload: unknown): FrigateObservation | undefined {
  const body = objectAt(payload, 'message');
  if (body.type !== 'lpr') return undefined;
  const objectId = textAt(body.id, 'id');
  return {
    objectId,
    camera: textAt(body.camera, 'camera'),
    plate: { text: plateAt(body.plate, 'plate'), score: confidenceAt(body.score, 'score', 'unit'), at: instantAt(body.timestamp, 'timestamp', 'UTC') },
    ended: false,
    detail: optionalText(body.name) ? { name: body.name } : {},
  };
}

interface Track {
  camera: string;
  best?: { text: string; score: number | undefined; at: number };
  detail: Json;
  touched: number;
}

/**
 * The best plate per tracked object until its end (bounded: at most `maxTracks` objects, and an
 * object not heard of for `staleMs` is forgotten; Frigate ends every object it starts).
 */
export class FrigateTracks {
  private readonly tracks = new Map<string, Track>();

  constructor(
    private readonly now: () => number,
    private readonly maxTracks = 10_000,
    private readonly staleMs = 3_600_000,
  ) {}

  get size(): number {
    return this.tracks.size;
  }

  /** Takes one observation; at the object's end, returns its read (or none when no plate was read). */
  observe(observation: FrigateObservation, context: AdapterContext): AdapterResult | undefined {
    const key = `${observation.camera}\u001f${observation.objectId}`;
    const now = this.now();
    const track = this.tracks.get(key) ?? { camera: observation.camera, detail: {}, touched: now };
    this.tracks.delete(key); // re-inserted below: the map's order is least recently heard first
    track.touched = now;
    Object.assign(track.detail, observation.detail);
    const plate = observation.plate;
    if (plate && (!track.best || (plate.score ?? 0) >= (track.best.score ?? 0))) track.best = plate;
    if (!observation.ended) {
      this.tracks.set(key, track);
      this.evict(now);
      return undefined;
    }
    if (!track.best) return { format: 'events.end', reads: [], note: 'tracked object ended without a plate' };
    const best = track.best;
    return {
      format: 'events.end',
      reads: [
        {
          id: readId('frigate', context, observation.camera, observation.objectId),
          capturedAt: isoAt(best.at),
          plate: best.text,
          ...(best.score !== undefined ? { confidence: best.score } : {}),
          vendor: { adapter: 'frigate', format: 'events.end', id: observation.objectId, camera: observation.camera, ...track.detail, ...(optionalNumber(best.score) !== undefined ? { recognized_license_plate_score: best.score } : {}) },
        },
      ],
    };
  }

  private evict(now: number): void {
    for (const [key, track] of this.tracks) {
      if (this.tracks.size <= this.maxTracks && now - track.touched < this.staleMs) break;
      this.tracks.delete(key);
    }
  }
}
