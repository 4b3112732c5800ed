// OpenALPR / Rekor Scout agent webhooks → Platekeeper reads (issue 10; R1, R2).
//
// Follows Rekor Scout's "Application Integration" documentation (docs.rekor.ai/scout/
// application-integration: JSON Group Results, JSON Plate Results, JSON Heartbeat; payload
// "version": 2, agent 2.7+) and Rekor's help article on WebHooks for the `alpr_alert` shape; the
// older OpenALPR agent (alprd, "version": 1, doc.openalpr.com) sends the same fields with bare US
// region codes ("mo") and epoch seconds in per-frame results, which this reads too.
//
// - alpr_group: one read per vehicle pass (best plate, candidates, make/model/color/body type
//   with their confidences, epoch_start/epoch_end in ms, GPS, vehicle crop). travel_direction is
//   the vehicle's motion in the camera's picture, not a compass heading: kept as vendor data.
//   Preview groups (is_preview) are skipped: the final group for the same pass follows.
// - alpr_results: one read per plate in a frame.
// - heartbeat: no read; feeds the camera's last-seen.
// - alpr_alert: the agent matched its own list. Counted as the vendor's alert, never stored as a
//   hit: Platekeeper matches its own hot lists (R5).
// Confidences are 0–100 here; Platekeeper's are 0–1.
import {
  arrayAt,
  confidenceAt,
  defined,
  descriptor,
  droppedImages,
  imageAt,
  instantAt,
  isObject,
  isoAt,
  locationAt,
  objectAt,
  optionalNumber,
  optionalText,
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

const DATA_TYPES = ['alpr_group', 'alpr_results', 'heartbeat', 'alpr_alert'] as const;

export function fromOpenAlpr(payload: unknown, context: AdapterContext): AdapterResult {
  const body = objectAt(payload, 'body');
  // The open-source alprd (doc.openalpr.com) sent per-frame results without a data_type.
  const dataType = body.data_type ?? (Array.isArray(body.results) && body.uuid !== undefined ? 'alpr_results' : undefined);
  switch (typeof dataType === 'string' ? dataType : '') {
    case 'alpr_group':
      return group(body, context);
    case 'alpr_results':
      return results(body, context);
    case 'heartbeat':
      return { format: 'heartbeat', reads: [], heartbeat: { at: body.timestamp === undefined ? null : instantAt(body.timestamp, 'timestamp', 'UTC') } };
    case 'alpr_alert':
      return alert(body);
    default:
      throw payloadError('data_type', `${dataType === undefined ? 'is required' : `"${String(dataType)}" is not one Platekeeper reads`}; it must be one of ${DATA_TYPES.join(', ')}`);
  }
}

/** The top candidate's name from a Rekor vehicle attribute list: [{ name, confidence }, …]. */
function topName(vehicle: Json, key: string): string | undefined {
  const list = vehicle[key];
  if (!Array.isArray(list)) return undefined;
  // The first of the most confident (what a stable sort by descending confidence puts first).
  let best: Json | undefined;
  for (const item of list) if (isObject(item) && (best === undefined || (optionalNumber(item.confidence) ?? 0) > (optionalNumber(best.confidence) ?? 0))) best = item;
  return descriptor(best?.name);
}

function vehicleOf(value: unknown): IncomingRead['vehicle'] {
  if (!isObject(value)) return undefined;
  const make = topName(value, 'make');
  // make_model names read "honda_civic": the model is what follows the make.
  const makeModel = topName(value, 'make_model');
  const model = makeModel && make && makeModel.toLowerCase().startsWith(`${make.toLowerCase()}_`) ? makeModel.slice(make.length + 1) : makeModel;
  const vehicle = { make, model: model?.replace(/_/g, ' '), color: topName(value, 'color'), bodyType: topName(value, 'body_type') };
  return defined(vehicle);
}

// data_type is the read's vendor format ('alpr_group'), kept once.
const GROUP_MAPPED = new Set(['data_type', 'best_plate_number', 'best_confidence', 'best_region', 'epoch_start', 'gps_latitude', 'gps_longitude', 'vehicle_crop_jpeg', 'overview_jpeg']);

/**
 * What best_plate adds to the group: its crop is stored as an image, and its plate, confidence,
 * region and candidates repeat best_plate_number, best_confidence, best_region and the group's
 * candidates in Rekor's documents, so those are kept only where they differ (issue 10: unknown
 * fields are kept; what the read already holds is not stored twice).
 */
function bestPlateExtras(best: Json, body: Json): Json {
  const kept: Json = {};
  for (const key in best) {
    const value = best[key];
    if (key === 'plate_crop_jpeg') continue;
    if (key === 'plate' && value === body.best_plate_number) continue;
    if (key === 'confidence' && value === body.best_confidence) continue;
    if (key === 'region' && value === body.best_region) continue;
    if (key === 'candidates' && sameCandidates(value, body.candidates)) continue;
    kept[key] = value;
  }
  return kept;
}

/** The same candidate lists: each entry has the same flat fields with the same values, in the same order. */
function sameCandidates(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((item, i) => {
    const other: unknown = b[i];
    if (!isObject(item) || !isObject(other)) return false;
    let keys = 0;
    for (const key in item) {
      if (item[key] !== other[key]) return false;
      keys++;
    }
    for (const _ in other) keys--;
    return keys === 0;
  });
}

function group(body: Json, context: AdapterContext): AdapterResult {
  const best = isObject(body.best_plate) ? body.best_plate : {};
  if (body.is_preview === true) return { format: 'alpr_group', reads: [], note: 'preview group: the final group for this vehicle follows' };
  const plate = plateAt(body.best_plate_number ?? best.plate, 'best_plate_number');
  const epochStart = instantAt(body.epoch_start, 'epoch_start', 'UTC');
  const country = optionalText(body.country) ?? 'us';
  const region = country === 'us' ? regionAt(body.best_region ?? best.region, 'us-state') : regionAt(body.best_region ?? best.region, 'country');
  const vehicleImage = imageAt(body.vehicle_crop_jpeg);
  const plateImage = imageAt(best.plate_crop_jpeg);
  const location = locationAt(body.gps_latitude, body.gps_longitude);
  const confidence = confidenceAt(body.best_confidence ?? best.confidence, 'best_confidence', 'percent');
  const vehicle = vehicleOf(body.vehicle);
  const agent = optionalText(body.agent_uid) ?? optionalText(body.site_id) ?? '';
  const read: IncomingRead = {
    id: readId('openalpr', context, 'group', agent, String(body.camera_id ?? ''), epochStart),
    capturedAt: isoAt(epochStart),
    plate,
    ...(region ? { region } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    ...(location ? { location } : {}),
    ...(vehicle ? { vehicle } : {}),
    ...(plateImage.image ? { plateImage: plateImage.image } : {}),
    ...(vehicleImage.image ? { vehicleImage: vehicleImage.image } : {}),
    vendor: vendorData('openalpr', 'alpr_group', body, GROUP_MAPPED, {
      best_plate: bestPlateExtras(best, body),
      ...droppedImages({ vehicle_crop_jpeg: vehicleImage.dropped, 'best_plate.plate_crop_jpeg': plateImage.dropped }),
    }),
  };
  return { format: 'alpr_group', reads: [read] };
}

const RESULT_MAPPED = new Set(['plate', 'confidence', 'region', 'plate_crop_jpeg']);
const FRAME_KEPT = ['uuid', 'camera_id', 'site_id', 'agent_uid', 'company_id', 'version', 'img_width', 'img_height', 'processing_time_ms', 'country'];

function results(body: Json, context: AdapterContext): AdapterResult {
  const uuid = textAt(body.uuid, 'uuid');
  const frameTime = instantAt(body.epoch_time, 'epoch_time', 'UTC');
  const location = locationAt(body.gps_latitude, body.gps_longitude);
  const country = optionalText(body.country) ?? 'us';
  const frame = Object.fromEntries(FRAME_KEPT.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
  const reads = arrayAt(body.results, 'results').map((raw, index): IncomingRead => {
    const result = objectAt(raw, `results/${index}`);
    const plate = plateAt(result.plate, `results/${index}/plate`);
    const confidence = confidenceAt(result.confidence, `results/${index}/confidence`, 'percent');
    const region = regionAt(result.region, country === 'us' ? 'us-state' : 'country');
    const plateImage = imageAt(result.plate_crop_jpeg);
    // The old agent puts a per-plate epoch_time on some results (seconds); the frame's otherwise.
    const at = result.epoch_time === undefined ? frameTime : instantAt(result.epoch_time, `results/${index}/epoch_time`, 'UTC');
    return {
      id: readId('openalpr', context, 'results', uuid, optionalNumber(result.plate_index) ?? index),
      capturedAt: isoAt(at),
      plate,
      ...(region ? { region } : {}),
      ...(confidence !== undefined ? { confidence } : {}),
      ...(location ? { location } : {}),
      ...(plateImage.image ? { plateImage: plateImage.image } : {}),
      vendor: vendorData('openalpr', 'alpr_results', result, RESULT_MAPPED, { frame, ...droppedImages({ plate_crop_jpeg: plateImage.dropped }) }),
    };
  });
  return reads.length ? { format: 'alpr_results', reads } : { format: 'alpr_results', reads, note: 'no plate in this frame' };
}

function alert(body: Json): AdapterResult {
  plateAt(body.plate_number, 'plate_number');
  const at = body.epoch_time === undefined ? null : instantAt(body.epoch_time, 'epoch_time', 'UTC');
  return { format: 'alpr_alert', reads: [], vendorAlert: { list: optionalText(body.alert_list) ?? null, at }, note: "the agent's own alert: recorded, not a Platekeeper hit (Platekeeper matches its own hot lists)" };
}
