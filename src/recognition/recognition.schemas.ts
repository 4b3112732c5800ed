// Built-in recognition's shapes (issue 11): one schema per shape for validation, serialization,
// OpenAPI and the web app's types.
import { Type, type Static } from 'typebox';
import { IngestResponse } from '../ingest/ingest.schemas.js';

const Confidence = Type.Number({ minimum: 0, maximum: 1 });

export const PlateBox = Type.Object({ x: Type.Integer(), y: Type.Integer(), width: Type.Integer(), height: Type.Integer() }, { description: 'Pixels in the (EXIF-upright) image, top-left origin.' });

export const RecognizedPlateView = Type.Object({
  box: PlateBox,
  text: Type.String({ description: 'The plate as read: A–Z and 0–9, no spaces.' }),
  confidence: Type.Number({ minimum: 0, maximum: 1, description: "The plate's confidence: its weakest character's, or their mean (the model's sidecar says which)." }),
  detectorScore: Confidence,
  characters: Type.Array(
    Type.Object({
      char: Type.String(),
      confidence: Confidence,
      alternatives: Type.Array(Type.Object({ char: Type.String(), confidence: Confidence }), { description: 'Other characters the reader weighed at the same place, most likely first.' }),
    }),
  ),
  alternatives: Type.Array(Type.Object({ text: Type.String(), confidence: Confidence }), {
    description: 'Other readings: doubtful characters swapped for their runner-up, most probable first.',
  }),
  needsVerification: Type.Boolean({ description: "Confidence below the policy profile's recognition.confidenceThreshold: check the image before acting (R10)." }),
});

export const RecognizeResponse = Type.Object({
  width: Type.Integer(),
  height: Type.Integer(),
  plates: Type.Array(RecognizedPlateView),
  confidenceThreshold: Confidence,
  models: Type.Object({ reader: Type.String(), detector: Type.String() }),
  timings: Type.Object(
    { queueMs: Type.Number(), decodeMs: Type.Number(), detectMs: Type.Number(), readMs: Type.Number(), totalMs: Type.Number() },
    { description: 'Milliseconds: waiting for a worker, decoding the image, finding plates, reading them, and the whole recognition.' },
  ),
});
export type RecognizeResponse = Static<typeof RecognizeResponse>;

export const FrameResponse = Type.Object({
  ...IngestResponse.properties,
  plates: Type.Integer({ description: 'Plates found in the frame; each became a read (see results).' }),
});

export const FrameQuery = Type.Object(
  { capturedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the frame was taken (ISO 8601 with a zone); default: when it arrives.' })) },
  { additionalProperties: false },
);

export const RecognitionStatus = Type.Object({
  enabled: Type.Boolean(),
  models: Type.Union([Type.Object({ reader: Type.String(), detector: Type.String() }), Type.Null()]),
  confidenceThreshold: Confidence,
  workers: Type.Integer(),
  busy: Type.Integer(),
  waiting: Type.Integer(),
  queueLimit: Type.Integer(),
  completed: Type.Integer(),
  refused: Type.Integer({ description: 'Images refused since the start because the queue was full.' }),
});
export type RecognitionStatus = Static<typeof RecognitionStatus>;
