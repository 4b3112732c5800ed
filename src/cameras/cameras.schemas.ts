// One schema per shape: request validation, response serialization, OpenAPI and the web app's types.
import { Type, type Static } from 'typebox';

export const CameraKind = Type.Union([Type.Literal('fixed'), Type.Literal('mobile')], { description: 'fixed: a pole or building; mobile: a patrol-car unit (R1).' });
export const Placement = Type.Union([Type.Literal('public_view'), Type.Literal('court_order')], {
  description: 'R4: cameras record only plates exposed to public view, unless a court order covers the placement.',
});

/** How a camera's recognizer sends its reads (issue 10): the native API or a vendor adapter. */
export const CAMERA_ADAPTERS = ['native', 'openalpr', 'platerecognizer', 'frigate', 'blueiris', 'snapshot'] as const;
export type CameraAdapter = (typeof CAMERA_ADAPTERS)[number];
export const CameraAdapter = Type.Enum(CAMERA_ADAPTERS, {
  description:
    'native: POST /api/v1/ingest/reads (and edge units). openalpr: Rekor Scout / OpenALPR agent webhooks. platerecognizer: Plate Recognizer Snapshot or Stream. frigate: Frigate over MQTT. blueiris: Blue Iris with CodeProject.AI. snapshot: a plain IP camera; Platekeeper fetches its snapshot URL (or receives frames at POST /api/v1/ingest/frames) and reads the plates itself (issue 11). GET /api/v1/cameras/{id}/setup says what to configure on the device.',
});
export const isCameraAdapter = (value: string): value is CameraAdapter => (CAMERA_ADAPTERS as readonly string[]).includes(value);

/** Adapter snapshot (issue 11): the camera's still-image URL, fetched at an interval. */
export const SnapshotUrl = Type.String({
  pattern: '^https?://',
  maxLength: 2000,
  description: "The camera's JPEG snapshot URL, e.g. http://user:password@10.0.0.5/cgi-bin/snapshot.cgi (basic authentication from the URL).",
});
export const SnapshotInterval = Type.Integer({ minimum: 1, maximum: 3600, description: 'Seconds between fetches of snapshotUrl (default 2).' });

export const Location = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) });

/** What an agency id may be: an ORI (CA0371100) or a short name (ECPD, "El Cajon PD"). */
export const AGENCY_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$';

export const AgencyId = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: AGENCY_ID_PATTERN,
  description: "The agency that owns the camera; every read from it carries this id (issue 12: pooled county deployments). Default: this deployment's own agency (its profile's ORI, or its short name).",
});

export const CameraInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    kind: CameraKind,
    adapter: Type.Optional(CameraAdapter),
    location: Type.Optional(Location),
    direction: Type.Optional(Type.Integer({ minimum: 0, maximum: 359, description: 'Compass heading the camera faces, degrees.' })),
    placement: Placement,
    courtOrderRef: Type.Optional(Type.String({ minLength: 3, maxLength: 200, description: 'Required when placement is court_order.' })),
    attestation: Type.Literal(true, { description: 'The administrator attests that the placement statement is true (R4).' }),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    snapshotUrl: Type.Optional(SnapshotUrl),
    snapshotIntervalSeconds: Type.Optional(SnapshotInterval),
    agencyId: Type.Optional(AgencyId),
  },
  { additionalProperties: false },
);
export type CameraInput = Static<typeof CameraInput>;

export const CameraUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    location: Type.Optional(Location),
    direction: Type.Optional(Type.Integer({ minimum: 0, maximum: 359 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    adapter: Type.Optional(CameraAdapter),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    snapshotUrl: Type.Optional(Type.Union([SnapshotUrl, Type.Null()], { description: 'null: stop fetching (frames may still be uploaded).' })),
    snapshotIntervalSeconds: Type.Optional(SnapshotInterval),
    // Reads received from now on carry the new agency; stored reads keep the one they were taken under.
    agencyId: Type.Optional(AgencyId),
  },
  { additionalProperties: false },
);
export type CameraUpdate = Static<typeof CameraUpdate>;

export const Camera = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: CameraKind,
  adapter: CameraAdapter,
  origin: Type.Union([Type.Literal('registered'), Type.Literal('demo')]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  location: Type.Union([Location, Type.Null()]),
  direction: Type.Union([Type.Integer(), Type.Null()]),
  placement: Placement,
  courtOrderRef: Type.Union([Type.String(), Type.Null()]),
  attestedBy: Type.String(),
  attestedAt: Type.String({ format: 'date-time' }),
  notes: Type.Union([Type.String(), Type.Null()]),
  agencyId: Type.String({ description: 'The agency that owns the camera; its reads carry this id.' }),
  createdAt: Type.String({ format: 'date-time' }),
  snapshot: Type.Union([Type.Object({ url: Type.String({ description: 'Any password in it is shown as ***.' }), intervalSeconds: Type.Integer() }), Type.Null()], {
    description: 'Adapter snapshot: where Platekeeper fetches frames, and how often.',
  }),
});
export type Camera = Static<typeof Camera>;

export const CameraHealthView = Type.Object({
  cameraId: Type.String(),
  name: Type.String(),
  kind: CameraKind,
  origin: Type.Union([Type.Literal('registered'), Type.Literal('demo')]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdAt: Type.String({ format: 'date-time', description: 'When the camera was registered: tells "no reads yet" from "silent for days".' }),
  lastSeenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  readsPerMinute: Type.Number({ description: 'Accepted reads per minute over the last five minutes.' }),
  readsAccepted: Type.Integer(),
  readsDuplicate: Type.Integer(),
  readsRejected: Type.Integer(),
  lastRejection: Type.Union([Type.String(), Type.Null()]),
  lastRejectionAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type CameraHealthView = Static<typeof CameraHealthView>;

export const CameraKey = Type.Object({
  id: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type CameraKey = Static<typeof CameraKey>;

export const IssuedKey = Type.Object({
  keyId: Type.String(),
  key: Type.String({ description: 'Shown once: configure it on the camera as `Authorization: Bearer <key>` or `X-Api-Key: <key>`.' }),
});

export const RegisteredCamera = Type.Object({ camera: Camera, key: IssuedKey });
