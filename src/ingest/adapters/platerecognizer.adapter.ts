// Plate Recognizer → Platekeeper reads (issue 10; R1, R2).
//
// Follows Plate Recognizer's guides (guides.platerecognizer.com, as published in 2025): "Snapshot
// API reference" (POST /v1/plate-reader/ response), "Webhooks for Snapshot" (event image.done,
// data-only JSON form) and "Stream: Webhooks and Outputs" (event recognition, and the JSON Lines
// output whose lines are the webhook's `data`). One read per entry of `results`.
//
// Fields: `plate` lower case; `score` (reading) and `dscore` (detection) in 0–1; `region.code` an
// ISO 3166 country or country-subdivision code ("us-ca", "ca-qc"; a bare "ca" is Canada, "gb"
// Britain: no state); `candidates`; `vehicle` {type, score, box}; `model_make` and `color` lists
// best first; `box`; `camera_id`; `timestamp`, which Snapshot sends in UTC without a zone
// ("2025-05-30 13:59:09.481824") and Stream as ISO 8601 with Z (its `timestamp_local` carries the
// camera's offset). Stream's "vehicles without plates" output (JSON output version 2, in the
// 2021 API documentation) nests the text in `plate.props.plate[0].value` and the vehicle's make,
// model and color in `vehicle.props`; a vehicle without a plate gives no read.
//
// The "webhook with image" form is multipart/form-data with the same JSON in the field `json` and
// the frame in `upload` (image/jpeg); adapter.routes.ts reads the form, and the frame becomes each
// read's vehicle image.
import {
  arrayAt,
  confidenceAt,
  defined,
  descriptor,
  instantAt,
  isObject,
  isoAt,
  objectAt,
  optionalNumber,
  payloadError,
  plateAt,
  readId,
  regionAt,
  textAt,
  vendorData,
  type AdapterContext,
  type AdapterResult,
  type Json,
} from './adapter.kit.js';
import type { IncomingRead } from '../ingest.schemas.js';

export function fromPlateRecognizer(payload: unknown, context: AdapterContext): AdapterResult {
  const body = objectAt(payload, 'body');
  if (body.hook !== undefined || body.data !== undefined) {
    const hook = objectAt(body.hook, 'hook');
    const event = textAt(hook.event, 'hook/event');
    if (event === 'recognition' || event === 'image.done') return recognitions(objectAt(body.data, 'data'), context, event === 'recognition' ? 'stream.webhook' : 'snapshot.webhook', 'data/');
    if (/heartbeat/i.test(event)) return { format: `webhook.${event}`, reads: [], heartbeat: { at: null } };
    return { format: `webhook.${event}`, reads: [], note: `webhook event "${event}" carries no plate reads; nothing stored` };
  }
  if (body.results !== undefined) return recognitions(body, context, 'processing_time' in body ? 'snapshot' : 'stream.jsonl', '');
  throw payloadError('results', 'is required: send a Snapshot API response, a webhook ({"hook", "data"}) or Stream JSON Lines');
}

/** Stream's JSON Lines output: one recognition per line (the route splits them). */
export function fromPlateRecognizerLines(lines: unknown[], context: AdapterContext): AdapterResult {
  const reads = lines.flatMap((line, index) => recognitions(objectAt(line, `lines/${index}`), context, 'stream.jsonl', `lines/${index}/`).reads);
  return { format: 'stream.jsonl', reads, ...(reads.length ? {} : { note: 'no plate in these lines' }) };
}

const MAPPED = new Set(['plate', 'score', 'region', 'model_make', 'color', 'direction']);
// `direction` is the vehicle's motion in the picture (degrees on the unit circle), not a compass
// heading: it stays in the vendor data.
const SET_KEPT = ['camera_id', 'filename', 'timestamp', 'timestamp_local', 'processing_time', 'version'];

function recognitions(set: Json, context: AdapterContext, format: string, prefix: string): AdapterResult {
  const at = instantAt(set.timestamp, `${prefix}timestamp`, 'UTC'); // Plate Recognizer's clock times are UTC
  const results = arrayAt(set.results, `${prefix}results`);
  const source = Object.fromEntries(SET_KEPT.filter((key) => set[key] !== undefined && set[key] !== null).map((key) => [key, set[key]]));
  const reads = results.flatMap((raw, index): IncomingRead[] => {
    const field = `${prefix}results/${index}`;
    const result = objectAt(raw, field);
    const seen = isObject(result.plate) || (result.plate === null && isObject(result.vehicle)) ? version2(result, field) : version1(result, field);
    if (!seen) return []; // Stream's "vehicles without plates": a vehicle, no plate to record
    return [
      {
        // camera_id, timestamp and filename name the recognition; a webhook retry and the same
        // line in the JSON Lines file give the same id (R2).
        id: readId('platerecognizer', context, String(set.camera_id ?? ''), String(set.timestamp), String(set.filename ?? ''), index),
        capturedAt: isoAt(at),
        plate: seen.plate,
        ...(seen.region ? { region: seen.region } : {}),
        ...(seen.confidence !== undefined ? { confidence: seen.confidence } : {}),
        ...(seen.vehicle ? { vehicle: seen.vehicle } : {}),
        vendor: vendorData('platerecognizer', format, result, MAPPED, {
          ...(result.region !== undefined ? { region: result.region } : {}),
          ...(result.model_make !== undefined ? { model_make: result.model_make } : {}),
          ...(result.color !== undefined ? { color: result.color } : {}),
          ...(isObject(result.plate) ? { plate: { ...result.plate, props: { ...(isObject(result.plate.props) ? result.plate.props : {}), plate: undefined } } } : {}),
          ...(result.direction !== undefined && result.direction !== '' ? { direction: result.direction } : {}),
          recognition: source,
        }),
      },
    ];
  });
  return reads.length ? { format, reads } : { format, reads, note: results.length ? 'vehicles without a readable plate: nothing stored' : 'no plate in this image' };
}

interface Seen {
  plate: string;
  confidence: number | undefined;
  region: string | undefined;
  vehicle: IncomingRead['vehicle'];
}

/** The documented default output: `plate` is the text, `score` its confidence. */
function version1(result: Json, field: string): Seen {
  return {
    plate: plateAt(result.plate, `${field}/plate`),
    confidence: confidenceAt(result.score, `${field}/score`, 'unit'),
    region: regionAt(isObject(result.region) ? result.region.code : result.region, 'country'),
    vehicle: vehicleOf(result),
  };
}

/** Stream's "vehicles without plates" output (JSON output version 2): `plate.props.plate[0].value`. */
function version2(result: Json, field: string): Seen | undefined {
  if (!isObject(result.plate)) return undefined;
  const props = objectAt(result.plate.props, `${field}/plate/props`);
  const top = objectAt(arrayAt(props.plate, `${field}/plate/props/plate`)[0], `${field}/plate/props/plate/0`);
  const region = Array.isArray(props.region) && isObject(props.region[0]) ? props.region[0].value : undefined;
  const vehicle = isObject(result.vehicle) ? result.vehicle : {};
  const vehicleProps = isObject(vehicle.props) ? vehicle.props : {};
  return {
    plate: plateAt(top.value, `${field}/plate/props/plate/0/value`),
    confidence: confidenceAt(top.score, `${field}/plate/props/plate/0/score`, 'unit'),
    region: regionAt(region, 'country'),
    vehicle: vehicleOf({ vehicle, model_make: vehicleProps.make_model, color: Array.isArray(vehicleProps.color) ? vehicleProps.color.filter(isObject).map((c) => ({ color: c.value, score: c.score })) : undefined }),
  };
}

function vehicleOf(result: Json): IncomingRead['vehicle'] {
  const makeModel = Array.isArray(result.model_make) ? result.model_make.filter(isObject)[0] : undefined;
  const color = Array.isArray(result.color) ? result.color.filter(isObject)[0] : undefined;
  const type = isObject(result.vehicle) && (optionalNumber(result.vehicle.score) ?? 1) > 0 ? descriptor(result.vehicle.type) : undefined;
  const vehicle = { make: descriptor(makeModel?.make), model: descriptor(makeModel?.model), color: descriptor(color?.color), bodyType: type };
  return defined(vehicle);
}
