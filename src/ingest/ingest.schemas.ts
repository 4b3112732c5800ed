// The native ingest API's shapes (R1, R2). Vendor adapters turn their payloads into IncomingRead.
import { Type, type Static } from 'typebox';

export const ImageInput = Type.Union(
  [
    Type.Object(
      {
        base64: Type.String({ minLength: 16, description: 'The JPEG or PNG file, base64-encoded.' }),
        contentType: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png')]),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      { sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'An image uploaded before with POST /api/v1/ingest/images.' }) },
      { additionalProperties: false },
    ),
  ],
  { description: 'Inline (base64) or by reference to an uploaded image.' },
);
export type ImageInput = Static<typeof ImageInput>;

export const IncomingRead = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Made by the camera; resending the same id never stores the read twice (R2).' }),
    capturedAt: Type.String({ format: 'date-time', description: 'ISO 8601 instant with a zone, e.g. 2026-11-23T05:00:00.123Z.' }),
    plate: Type.String({ minLength: 1, maxLength: 16, description: 'Plate characters as read.' }),
    region: Type.Optional(Type.String({ minLength: 2, maxLength: 16, description: 'State or region of issue: CA, us-ca, …' })),
    confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    location: Type.Optional(
      Type.Object(
        { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
        { additionalProperties: false, description: 'Required from mobile units; fixed cameras default to their registered location.' },
      ),
    ),
    heading: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    vehicle: Type.Optional(
      Type.Object(
        {
          make: Type.Optional(Type.String({ maxLength: 40 })),
          model: Type.Optional(Type.String({ maxLength: 40 })),
          color: Type.Optional(Type.String({ maxLength: 40 })),
          bodyType: Type.Optional(Type.String({ maxLength: 40 })),
        },
        { additionalProperties: false },
      ),
    ),
    plateImage: Type.Optional(ImageInput),
    vehicleImage: Type.Optional(ImageInput),
    vendor: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Raw vendor fields, kept with the read.' })),
  },
  { additionalProperties: false },
);
export type IncomingRead = Static<typeof IncomingRead>;

export const IngestBatch = Type.Object(
  {
    reads: Type.Array(IncomingRead, { minItems: 1 }),
    mode: Type.Optional(
      Type.Union([Type.Literal('atomic'), Type.Literal('partial')], {
        description: 'atomic (default): one bad read refuses the batch and nothing is stored. partial: good reads are stored and bad ones rejected one by one, so an edge unit can drain a backlog past a read it can never fix.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type IngestBatch = Static<typeof IngestBatch>;

export const ReadResult = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected'), Type.Literal('not_stored')]),
  reason: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
});
export type ReadResult = Static<typeof ReadResult>;

export const IngestResponse = Type.Object({
  accepted: Type.Integer(),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(ReadResult),
});
export type IngestResponse = Static<typeof IngestResponse>;

export const UploadedImage = Type.Object({ sha256: Type.String(), contentType: Type.String(), byteSize: Type.Integer() });
