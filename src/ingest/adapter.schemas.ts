// Shapes of the vendor adapter routes (issue 10): what a device gets back, the camera page's test
// view and its setup instructions.
import { Type } from 'typebox';
import { CameraAdapter } from '../cameras/cameras.schemas.js';
import { ReadResult } from './ingest.schemas.js';

export const AdapterResponse = Type.Object({
  format: Type.String({ description: 'What the payload was: alpr_group, alpr_results, heartbeat, alpr_alert, snapshot, stream.webhook, stream.jsonl, alert, events.end, …' }),
  note: Type.Optional(Type.String({ description: 'Why a well-formed payload stored nothing (no plate in the image, a preview group, a heartbeat).' })),
  accepted: Type.Integer(),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(ReadResult),
});

/** Any JSON: the vendor's own format, checked field by field by its adapter. */
export const VendorPayload = Type.Unknown({ description: "The vendor's payload exactly as the device sends it (see the README section for each vendor)." });

const RedactedRead = Type.Object({
  id: Type.String(),
  capturedAt: Type.String(),
  plateLength: Type.Integer({ description: 'The plate text itself is not shown here (invariant 1): look the read up through search.' }),
  region: Type.Union([Type.String(), Type.Null()]),
  confidence: Type.Union([Type.Number(), Type.Null()]),
  location: Type.Union([Type.Object({ lat: Type.Number(), lon: Type.Number() }), Type.Null()]),
  heading: Type.Union([Type.Number(), Type.Null()]),
  vehicle: Type.Record(Type.String(), Type.String()),
  plateImage: Type.Boolean(),
  vehicleImage: Type.Boolean(),
});

export const LastPayloadView = Type.Object({
  cameraId: Type.String(),
  adapter: CameraAdapter,
  vendorAlerts: Type.Integer({ description: 'Alerts the vendor raised from its own lists since the server started (shown, never treated as hits).' }),
  last: Type.Union([
    Type.Object({
      receivedAt: Type.String({ format: 'date-time' }),
      adapter: Type.String(),
      format: Type.Union([Type.String(), Type.Null()]),
      payload: Type.Unknown({ description: 'The payload’s shape: keys, numbers and device fields; plate text, labels and images replaced by <text, N chars>.' }),
      outcome: Type.Object({
        status: Type.Integer({ description: 'The HTTP status the device got.' }),
        accepted: Type.Integer(),
        duplicate: Type.Integer(),
        rejected: Type.Integer(),
        note: Type.Optional(Type.String()),
        error: Type.Optional(Type.Object({ id: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) })),
        results: Type.Array(ReadResult),
        reads: Type.Array(RedactedRead),
      }),
    }),
    Type.Null(),
  ]),
});

export const CameraSetupView = Type.Object({
  adapter: CameraAdapter,
  url: Type.Union([Type.String(), Type.Null()]),
  headers: Type.Record(Type.String(), Type.String()),
  topics: Type.Array(Type.String()),
  body: Type.Union([Type.String(), Type.Null()]),
  steps: Type.Array(Type.String()),
});
