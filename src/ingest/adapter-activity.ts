// The camera page's test button (issue 10): per camera, the last vendor payload and what it
// became, in memory and bounded (one entry per camera, the oldest cameras forgotten first, each
// entry capped in size). Also counts the vendor's own alerts (alpr_alert), which Platekeeper
// shows but never treats as hits.
//
// What is kept is the payload's shape, not its content: keys, numbers, and the text of fields
// that name the device and the event, while plate text, labels, memos and images are replaced by
// a note of their length. This view reaches no ALPR data, so it needs no purpose (invariant 1);
// the reads themselves are looked at through the purpose gate like any other.
import type { IncomingRead, ReadResult } from './ingest.schemas.js';

export interface RecordedOutcome {
  status: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  note?: string;
  error?: { id: string; message: string; field?: string };
  results: ReadResult[];
  reads: RedactedRead[];
}

export interface RedactedRead {
  id: string;
  capturedAt: string;
  plateLength: number;
  region: string | null;
  confidence: number | null;
  location: { lat: number; lon: number } | null;
  heading: number | null;
  vehicle: Record<string, string>;
  plateImage: boolean;
  vehicleImage: boolean;
}

export interface LastPayload {
  receivedAt: string;
  adapter: string;
  format: string | null;
  payload: unknown;
  outcome: RecordedOutcome;
}

/** What record() takes: the payload as received, and its size in bytes when known. */
export interface ReceivedPayload extends Omit<LastPayload, 'payload'> {
  raw: unknown;
  bytes: number | undefined;
}

/** Fields whose text says which device or event this is, never what it read. */
const SAFE_TEXT = new Set([
  'data_type', 'type', 'event', 'version', 'camera', 'camera_id', 'camera_name', 'site_id', 'site_name', 'agent_type', 'agent_version', 'agent_uid', 'company_id',
  'country', 'timestamp', 'timestamp_local', 'alert_time', 'api', 'moduleId', 'moduleName', 'command', 'filename', 'ALERT_PATH', 'ALERT_CLIP', 'ALERT_DB', 'id', 'uuid', 'list_type', 'code',
]);
const MAX_DEPTH = 6;
const MAX_ITEMS = 5;
const MAX_KEYS = 60;
const MAX_ENTRY_CHARS = 16_384;
/** Payloads up to this size are kept as received and shaped when someone looks (most never are). */
const MAX_RAW_BYTES = 16_384;

/** The payload with plate text, labels and images replaced by `<text, N chars>` notes. */
export function payloadShape(value: unknown, key = '', depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (SAFE_TEXT.has(key) && value.length <= 120) return value;
    return value.length > 256 && /^[A-Za-z0-9+/=\s]+$/.test(value.slice(0, 256)) ? `<base64, ${value.length} chars>` : `<text, ${value.length} chars>`;
  }
  if (depth >= MAX_DEPTH) return '<…>';
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map((item) => payloadShape(item, key, depth + 1));
    return value.length > MAX_ITEMS ? [...shown, `<${value.length - MAX_ITEMS} more>`] : shown;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const shown = Object.fromEntries(entries.slice(0, MAX_KEYS).map(([k, v]) => [k, payloadShape(v, k, depth + 1)]));
    return entries.length > MAX_KEYS ? { ...shown, '<more keys>': entries.length - MAX_KEYS } : shown;
  }
  return `<${typeof value}>`;
}

export function redactRead(read: IncomingRead): RedactedRead {
  return {
    id: read.id,
    capturedAt: read.capturedAt,
    plateLength: read.plate.length,
    region: read.region ?? null,
    confidence: read.confidence ?? null,
    location: read.location ?? null,
    heading: read.heading ?? null,
    vehicle: Object.fromEntries(Object.entries(read.vehicle ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    plateImage: read.plateImage !== undefined,
    vehicleImage: read.vehicleImage !== undefined,
  };
}

interface Kept {
  entry: Omit<LastPayload, 'payload'>;
  raw?: unknown;
  shape?: unknown;
}

export class AdapterActivity {
  private readonly last = new Map<string, Kept>();
  private readonly alerts = new Map<string, number>();

  constructor(private readonly maxCameras = 1000) {}

  record(cameraId: string, received: ReceivedPayload): void {
    const { raw, bytes, ...entry } = received;
    const kept: Kept = bytes !== undefined && bytes <= MAX_RAW_BYTES ? { entry, raw } : { entry, shape: bounded(payloadShape(raw)) };
    this.last.delete(cameraId);
    this.last.set(cameraId, kept);
    for (const oldest of this.last.keys()) {
      if (this.last.size <= this.maxCameras) break;
      this.last.delete(oldest);
    }
  }

  countVendorAlert(cameraId: string): void {
    if (!this.alerts.has(cameraId) && this.alerts.size >= this.maxCameras) this.alerts.delete(this.alerts.keys().next().value!);
    this.alerts.set(cameraId, (this.alerts.get(cameraId) ?? 0) + 1);
  }

  lastPayload(cameraId: string): LastPayload | null {
    const kept = this.last.get(cameraId);
    if (!kept) return null;
    kept.shape ??= bounded(payloadShape(kept.raw));
    delete kept.raw;
    return { ...kept.entry, payload: kept.shape };
  }

  vendorAlerts(cameraId: string): number {
    return this.alerts.get(cameraId) ?? 0;
  }
}

const topKeys = (payload: unknown): string[] => (typeof payload === 'object' && payload !== null ? Object.keys(payload).slice(0, MAX_KEYS) : []);

const bounded = (shape: unknown): unknown => (JSON.stringify(shape).length > MAX_ENTRY_CHARS ? { '<too large to keep>': true, keys: topKeys(shape) } : shape);
