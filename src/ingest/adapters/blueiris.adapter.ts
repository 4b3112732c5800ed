// Blue Iris with CodeProject.AI → Platekeeper reads (issue 10; R1, R2).
//
// Follows the Blue Iris 5 help ("Alerts and actions → Web request or MQTT", and its macros &CAM,
// &MEMO, &JSON, &ALERT_TIME, &ALERT_JPEG, &ALERT_PATH, &ALERT_CLIP, &PLATE) and the CodeProject.AI
// "License Plate Reader" module (ALPR 3.x, codeproject/CodeProject.AI-ALPR): each prediction is
// { confidence (0–1), label "Plate: ABC123", plate "ABC123", x_min, y_min, x_max, y_max }. Blue
// Iris's &JSON expands to its AI log, an array of { api, found: <module response> }; the ALPR
// module's entry has api "alpr". The body keys are those the ALPR Database project documents for
// the same action, so an action set up for it works unchanged:
//   {"ai_dump":&JSON, "memo":"&MEMO", "plate_number":"&PLATE", "camera":"&CAM",
//    "timestamp":"&ALERT_TIME", "Image":"&ALERT_JPEG", "ALERT_PATH":"&ALERT_PATH", "ALERT_CLIP":"&ALERT_CLIP"}
// Plates come from ai_dump when it has ALPR predictions, else from the memo ("ABC123:87%", other
// objects' labels skipped), else from plate_number. Blue Iris writes the alert time in the PC's
// local time; a time without a zone is read in the configured vendor time zone.
import {
  arrayAt,
  confidenceAt,
  droppedImages,
  imageAt,
  instantAt,
  isObject,
  isoAt,
  objectAt,
  optionalText,
  payloadError,
  plateAt,
  readId,
  vendorData,
  without,
  type AdapterContext,
  type AdapterResult,
  type Json,
} from './adapter.kit.js';
import type { IncomingRead } from '../ingest.schemas.js';

/** Labels of the other CodeProject.AI / DeepStack models that show up in a memo next to plates. */
const OBJECT_LABELS = new Set(
  'person people bicycle car motorcycle motorbike airplane bus train truck boat vehicle plate dayplate nightplate licenseplate license-plate traffic light fire hydrant stop sign parking meter bench bird cat dog horse sheep cow bear deer rabbit raccoon fox skunk squirrel pig elephant zebra giraffe backpack umbrella handbag suitcase bottle chair cup couch bed tv laptop package'.split(' '),
);

interface Found {
  plate: string;
  confidence: number | undefined;
  field: string;
  detail: Json;
}

const MAPPED = new Set(['ai_dump', 'memo', 'plate_number', 'plate', 'timestamp', 'alert_time', 'Image', 'image']);

export function fromBlueIris(payload: unknown, context: AdapterContext): AdapterResult {
  const body = objectAt(payload, 'body');
  if (body.ai_dump === undefined && body.memo === undefined && body.plate_number === undefined && body.plate === undefined) {
    throw payloadError('ai_dump', 'is required (or memo, or plate_number): set the action body to {"ai_dump":&JSON, "memo":"&MEMO", "camera":"&CAM", "timestamp":"&ALERT_TIME", "Image":"&ALERT_JPEG", …}');
  }
  const timeField = body.timestamp !== undefined ? 'timestamp' : 'alert_time';
  const at = instantAt(body[timeField], timeField, context.timeZone);
  const found = fromAiDump(body.ai_dump) ?? fromMemo(body.memo) ?? fromPlateField(body);
  if (found.length === 0) return { format: 'alert', reads: [], heartbeat: { at }, note: 'no plate in this alert (no ALPR prediction, no plate in the memo)' };
  const image = imageAt(body.Image ?? body.image);
  const alertKey = optionalText(body.ALERT_PATH) ?? optionalText(body.ALERT_DB) ?? optionalText(body.alert_db) ?? String(body[timeField]);
  const reads = found.map(
    (item, index): IncomingRead => ({
      id: readId('blueiris', context, optionalText(body.camera) ?? '', alertKey, item.plate, index),
      capturedAt: isoAt(at),
      plate: item.plate,
      ...(item.confidence !== undefined ? { confidence: item.confidence } : {}),
      ...(image.image ? { vehicleImage: image.image } : {}),
      vendor: vendorData('blueiris', 'alert', body, MAPPED, {
        ...(typeof body.memo === 'string' ? { memo: body.memo } : {}),
        source: item.field,
        ...item.detail,
        ...droppedImages({ Image: image.dropped }),
      }),
    }),
  );
  return { format: 'alert', reads };
}

/** ALPR predictions from Blue Iris's AI log (&JSON), or undefined when it has none. */
function fromAiDump(raw: unknown): Found[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let dump: unknown = raw;
  if (typeof raw === 'string') {
    try {
      dump = JSON.parse(raw) as unknown;
    } catch {
      throw payloadError('ai_dump', 'is not JSON: put &JSON in the body without quotes around it');
    }
  }
  const entries = Array.isArray(dump) ? dump : [dump];
  const out: Found[] = [];
  entries.forEach((entry, e) => {
    if (!isObject(entry) || !isObject(entry.found)) return;
    const module = entry.found;
    const isAlpr = entry.api === 'alpr' || module.moduleId === 'ALPR' || module.command === 'alpr';
    if (!isAlpr || module.predictions === undefined) return;
    arrayAt(module.predictions, `ai_dump/${e}/found/predictions`).forEach((raw, p) => {
      const field = `ai_dump/${e}/found/predictions/${p}`;
      const prediction = objectAt(raw, field);
      const text = prediction.plate ?? (typeof prediction.label === 'string' ? prediction.label.replace(/^plate:\s*/i, '') : undefined);
      out.push({
        plate: plateAt(text, `${field}/plate`),
        confidence: confidenceAt(prediction.confidence, `${field}/confidence`, 'unit'),
        field: 'ai_dump',
        detail: {
          prediction: without(prediction, 'plate', 'confidence'),
          module: without(module, 'predictions'),
        },
      });
    });
  });
  return out.length ? out : undefined;
}

/** "car:91%,Plate: 7ABC123:87%" → the plates with their confidence; other objects skipped. */
function fromMemo(raw: unknown): Found[] | undefined {
  const memo = optionalText(raw);
  if (!memo) return undefined;
  const out: Found[] = [];
  for (const part of memo.split(',')) {
    const match = /^(.*?)(?::\s*(\d{1,3}(?:\.\d+)?)%)?$/.exec(part.trim());
    const label = match?.[1]?.replace(/^plate:\s*/i, '').replace(/[[\]]/g, '').trim() ?? '';
    if (!label || OBJECT_LABELS.has(label.toLowerCase()) || !/^[A-Za-z0-9][A-Za-z0-9 \-·]{0,15}$/.test(label)) continue;
    out.push({ plate: label.toUpperCase(), confidence: match?.[2] === undefined ? undefined : confidenceAt(Number(match[2]), 'memo', 'percent'), field: 'memo', detail: {} });
  }
  return out.length ? out : undefined;
}

function fromPlateField(body: Json): Found[] {
  const key = body.plate_number !== undefined ? 'plate_number' : 'plate';
  const text = optionalText(body[key]);
  // Blue Iris leaves an unexpanded macro when the alert has no plate.
  if (!text || text.startsWith('&')) return [];
  return [{ plate: plateAt(text, key), confidence: undefined, field: key, detail: {} }];
}
