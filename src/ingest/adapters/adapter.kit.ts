// What every vendor adapter shares (issue 10; R1, R2): the result shape, precise errors that name
// the vendor's field, and the normalizations vendors differ on: confidence 0–1 or 0–100, epoch
// seconds or milliseconds or ISO 8601 or RFC 1123, clock times without a zone, region codes, plate
// case, and read ids that are the same on every retry of the same vendor event.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import { normalizeRegion } from '../../plates/index.js';
import type { IncomingRead } from '../ingest.schemas.js';

/** Which adapters exist besides the native API (cameras.schemas.ts names them all). */
export type VendorAdapter = 'openalpr' | 'platerecognizer' | 'blueiris' | 'frigate';

export interface AdapterContext {
  /** The Platekeeper camera the payload came from: part of every read id. */
  cameraId: string;
  /** IANA zone for vendor clock times without a zone (config ingest.vendorTimeZone). */
  timeZone: string;
}

export interface AdapterResult {
  /** What the payload was, e.g. 'alpr_group', 'stream.webhook', 'snapshot'. */
  format: string;
  reads: IncomingRead[];
  /** The device says it is alive (feeds the camera's last-seen). */
  heartbeat?: { at: number | null };
  /** The vendor's own hot-list alert: counted and shown, never trusted as a hit (Platekeeper matches its own lists). */
  vendorAlert?: { list: string | null; at: number | null };
  /** Why the payload stored nothing although it was well formed (no plate in the image, a preview group). */
  note?: string;
}

/** Fixed namespace for vendor read ids (UUID v5): the same vendor event always gives the same id (R2). */
const READ_NAMESPACE = Buffer.from('4b6f0a529c1e4d2a8f3b6a1d2c7e9b40', 'hex');

/** RFC 9562 UUID version 5 of the adapter, the camera and the vendor's own identifiers. */
export function readId(adapter: VendorAdapter, context: AdapterContext, ...parts: (string | number)[]): string {
  const hash = createHash('sha1').update(READ_NAMESPACE).update([adapter, context.cameraId, ...parts.map(String)].join('\u001f')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A 400 that names the vendor's field, so the device's administrator knows what to fix. */
export function payloadError(field: string, message: string): AppError {
  return new AppError('invalid_vendor_payload', 400, `${field}: ${message}`, field);
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function objectAt(value: unknown, field: string): Json {
  if (!isObject(value)) throw payloadError(field, value === undefined ? 'is required' : 'must be a JSON object');
  return value;
}

export function arrayAt(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw payloadError(field, value === undefined ? 'is required' : 'must be an array');
  return value;
}

export function textAt(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') throw payloadError(field, value === undefined || value === '' ? 'is required' : 'must be a string');
  return value.trim();
}

export const optionalText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
export const optionalNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Plate text as read, upper-cased (Plate Recognizer sends lower case); normalization happens in ingest. */
export const plateAt = (value: unknown, field: string): string => textAt(value, field).toUpperCase();

/**
 * A confidence in 0–1. `documented` is the vendor's documented scale. A 0–1 vendor that sends
 * more than 1 (some firmware reports percent) is read as percent; anything outside 0–100 is an error.
 */
export function confidenceAt(value: unknown, field: string, documented: 'unit' | 'percent'): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) throw payloadError(field, `must be a number from 0 to ${documented === 'unit' ? 1 : 100}`);
  const unit = documented === 'percent' || value > 1 ? value / 100 : value;
  return Math.round(unit * 1e6) / 1e6;
}

/** A GPS fix, when both coordinates are numbers in range and not the (0, 0) of a receiver without a fix. */
export function locationAt(lat: unknown, lon: unknown): { lat: number; lon: number } | undefined {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return undefined;
  return { lat, lon };
}

/**
 * The vendor's region code when it names a US state or Canadian province. `bare` says what a code
 * without a country prefix means for this vendor: a state (OpenALPR's US "ca", "mo") or a country
 * (Plate Recognizer's "ca" is Canada, "gb" Britain), which names no state. Anything else stays in
 * the vendor data only.
 */
export function regionAt(value: unknown, bare: 'us-state' | 'country'): string | undefined {
  const code = optionalText(value);
  if (!code) return undefined;
  if (/^[a-z]{2,3}[-_][a-z]{2,3}$/i.test(code)) return normalizeRegion(code) ? code : undefined;
  if (bare === 'country') return undefined;
  const prefixed = `us-${code.toLowerCase()}`;
  return normalizeRegion(prefixed) ? prefixed : undefined;
}

// ── Time ────────────────────────────────────────────────────────────────────────────────────────

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})[_T ]?(\d{2})(\d{2})(\d{2})$/; // 20241203_030908
const ZONED_TEXT = /(GMT|UTC|Z|[+-]\d{4})$/i; // RFC 1123 / RFC 2822 name their zone

/**
 * Milliseconds since the epoch from whatever the vendor sends: epoch seconds or milliseconds
 * (number or digits; 1e11 splits them, in 1973 for milliseconds and the year 5138 for seconds),
 * ISO 8601 with or without a zone, RFC 1123. A clock time without a zone is read in `naiveZone`
 * ('UTC' for vendors that document UTC, the configured zone for those that send local time).
 */
export function instantAt(value: unknown, field: string, naiveZone: string): number {
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return instantAt(Number(value), field, naiveZone);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) throw payloadError(field, 'must be a positive epoch time');
    return Math.round(value >= 1e11 ? value : value * 1000);
  }
  const text = textAt(value, field);
  const iso = ISO_LIKE.exec(text) ?? compactAsIso(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = iso;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
    if (Number.isNaN(wall) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) throw payloadError(field, `"${text}" is not a valid date and time`);
    if (!zone) return wallClockToUtc(wall, naiveZone);
    if (/^(Z|UTC|GMT)$/i.test(zone)) return wall;
    const [, sign = '+', zh = '0', zm = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
    return wall - (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm)) * 60_000;
  }
  const parsed = ZONED_TEXT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(parsed)) throw payloadError(field, `"${text}" is not a date Platekeeper reads (ISO 8601, RFC 1123 or epoch seconds or milliseconds)`);
  return parsed;
}

function compactAsIso(text: string): RegExpExecArray | null {
  const m = COMPACT.exec(text);
  if (!m) return null;
  return ISO_LIKE.exec(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone` is ahead of UTC at the instant `utc`, in milliseconds. */
function zoneOffset(utc: number, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    zoneFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utc)).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - (utc - (((utc % 1000) + 1000) % 1000));
}

/** The instant at which the wall clock in `timeZone` shows `wall` (given as if it were UTC). */
export function wallClockToUtc(wall: number, timeZone: string): number {
  if (timeZone === 'UTC') return wall;
  const guess = wall - zoneOffset(wall, timeZone);
  return wall - zoneOffset(guess, timeZone);
}

export const isoAt = (epochMs: number): string => new Date(epochMs).toISOString();

// ── Images and vendor data ──────────────────────────────────────────────────────────────────────

/**
 * A base64 JPEG or PNG the vendor sent inline, ready for ingest (which decodes and checks it).
 * Anything else (a placeholder, WebP, a data: URL of another type) is left out, with the reason in
 * `dropped`, so that an unusable picture never costs the read itself.
 */
export function imageAt(value: unknown): { image?: { base64: string; contentType: 'image/jpeg' | 'image/png' }; dropped?: string } {
  if (typeof value !== 'string' || value.length === 0) return {};
  const base64 = value.replace(/^data:image\/[a-z]+;base64,/i, '').replace(/\s+/g, '');
  if (base64.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { dropped: 'not base64 image data' };
  const head = Buffer.from(base64.slice(0, 16), 'base64');
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { image: { base64, contentType: 'image/jpeg' } };
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return { image: { base64, contentType: 'image/png' } };
  return { dropped: 'not a JPEG or PNG image (Platekeeper stores JPEG and PNG)' };
}

const MAX_VENDOR_JSON = 32_768;

/**
 * The vendor's own fields kept with the read (R1: nothing the device said is lost), minus the ones
 * already mapped to Platekeeper fields and minus inline images (stored as images, not as text).
 */
export function vendorData(adapter: VendorAdapter, format: string, source: Json, omit: ReadonlySet<string>, extra: Json = {}): Json {
  const kept: Json = { adapter, format };
  // for…in and a Set: this runs for every read, over every field the vendor sends.
  for (const key in source) {
    const value = source[key];
    if (omit.has(key) || value === undefined) continue;
    if (typeof value === 'string' && value.length > 512 && /^[A-Za-z0-9+/=\s]+$/.test(value.slice(0, 512))) continue; // an image
    kept[key] = value;
  }
  Object.assign(kept, extra);
  // Measuring costs a serialization; only payloads with long lists (vehicle and plate paths) can be large.
  if (!hasLongList(kept) || JSON.stringify(kept).length <= MAX_VENDOR_JSON) return kept;
  // Oversized (long vehicle paths): keep the scalars, say what was cut.
  const scalars: Json = { truncated: true };
  for (const [key, value] of Object.entries(kept)) if (typeof value !== 'object' || value === null) scalars[key] = value;
  return scalars;
}

function hasLongList(value: Json, depth = 0): boolean {
  // for…in, not Object.values: no array per object on the path of every read.
  for (const key in value) {
    const item = value[key];
    if (Array.isArray(item)) {
      if (item.length > 32) return true;
    } else if (depth < 2 && typeof item === 'object' && item !== null && hasLongList(item as Json, depth + 1)) return true;
  }
  return false;
}

/** `{ imagesDropped: { field: reason } }` for the vendor data, when an inline image was left out. */
export function droppedImages(dropped: Record<string, string | undefined>): Json {
  const reasons = defined(dropped);
  return reasons ? { imagesDropped: reasons } : {};
}

/** The fields of `value` that are not undefined; undefined when none is. */
export function defined<T>(value: Record<string, T | undefined>): Record<string, T> | undefined {
  let kept: Record<string, T> | undefined;
  for (const key in value) {
    const item = value[key];
    if (item !== undefined) (kept ??= {})[key] = item;
  }
  return kept;
}

/** `value` without the named fields (a copy; for…in, no intermediate arrays). */
export function without(value: Json, ...omit: string[]): Json {
  const kept: Json = {};
  for (const key in value) if (!omit.includes(key)) kept[key] = value[key];
  return kept;
}

/** Truncates vehicle descriptors to what a read stores (40 characters). */
export const descriptor = (value: unknown): string | undefined => optionalText(value)?.slice(0, 40);
