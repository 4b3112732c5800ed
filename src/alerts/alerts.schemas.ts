// The alerts room's HTTP shapes (STYLE 3): one schema each for validation, types, OpenAPI and the
// web client (web/src/api/client.ts derives its types from these).
import { Type, type Static } from 'typebox';
import { DATA_SOURCES } from '../access/access-context.js';
import { MATCH_KINDS } from '../hotlists/matcher.types.js';
import { CONFIRM_METHODS, DISPOSITIONS, ENFORCEMENT_ACTIONS, STEPS } from './alerts.types.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Vehicle = Type.Object({
  make: Type.Optional(Nullable(Type.String())),
  model: Type.Optional(Nullable(Type.String())),
  color: Type.Optional(Nullable(Type.String())),
  bodyType: Type.Optional(Nullable(Type.String())),
});

export const Disposition = Type.Enum([...DISPOSITIONS]);
export const NEXT_STEPS = ['acknowledge', 'confirm', 'verify', 'action', 'disposition', 'closed'] as const;

export const AlertStepView = Type.Object({
  step: Type.Enum([...STEPS]),
  username: Type.String(),
  at: Instant,
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const AlertView = Type.Object({
  seq: Type.Integer({ description: 'The alert number: the live stream\'s event id, and the hit purpose\'s case number HIT-<seq>.' }),
  createdAt: Instant,
  read: Type.Object({
    id: Type.String(),
    plate: Type.String(),
    region: Type.String({ description: "Two-letter state or province; '' when the reader could not tell." }),
    cameraId: Type.String(),
    cameraName: Type.String(),
    capturedAt: Instant,
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
    confidence: Nullable(Type.Number({ description: "The recognizer's confidence, 0–1; null when the camera gave none." })),
    needsVerification: Type.Boolean({ description: "Confidence below the profile's recognition.confidenceThreshold: the characters are doubtful; check the image before acting (R10)." }),
    vehicle: Vehicle,
    plateImage: Nullable(Type.String({ description: 'SHA-256; fetch through GET /api/v1/alerts/{seq}/images/plate.' })),
    vehicleImage: Nullable(Type.String()),
  }),
  list: Type.Object({
    id: Type.String(),
    name: Type.String(),
    source: Type.String(),
    dataSource: Type.Enum([...DATA_SOURCES]),
    priority: Type.Integer(),
    lastUpdatedAt: Nullable(Instant),
  }),
  hit: Type.Object({
    entryId: Type.String(),
    category: Type.String({ description: 'Why the vehicle is wanted (R9).' }),
    reason: Nullable(Type.String()),
    kind: Type.Enum([...MATCH_KINDS]),
    stateCheck: Type.Union([Type.Literal('matched'), Type.Literal('any'), Type.Literal('unread')]),
    strength: Type.Number(),
    confused: Nullable(Type.Object({ position: Type.Integer(), read: Type.String(), listed: Type.String() })),
    agreed: Type.Array(Type.String()),
    entry: Type.Object({ plate: Nullable(Type.String()), state: Nullable(Type.String()), pattern: Nullable(Type.String()), vehicle: Vehicle }),
  }),
  verify: Type.Object({
    fields: Type.Array(Type.String(), { description: 'What the visual check must record, each yes or no: characters, state and each descriptor the entry gives.' }),
  }),
  workflow: Type.Object({
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    next: Type.Enum([...NEXT_STEPS]),
    acknowledged: Type.Boolean(),
    confirmed: Type.Boolean(),
    exigency: Type.Boolean(),
    verified: Nullable(Type.Union([Type.Literal('match'), Type.Literal('mismatch')])),
    action: Type.Boolean(),
    checkOwed: Type.Boolean({ description: 'Where the CLETS check is mandatory and only exigency was recorded: the check is still owed before any action.' }),
    disposition: Nullable(Disposition),
    correctedPlate: Nullable(Type.String()),
    steps: Type.Array(AlertStepView),
  }),
  policy: Type.Object({ cletsCheck: Type.Union([Type.Literal('mandatory'), Type.Literal('ifPracticable')]), exigencyAllowed: Type.Boolean() }),
});
export type AlertViewT = Static<typeof AlertView>;

export const SeqParams = Type.Object({ seq: Type.Integer({ minimum: 1 }) });

export const ConfirmBody = Type.Object(
  {
    method: Type.Enum([...CONFIRM_METHODS], { description: 'How the entry was checked: a CLETS inquiry (MDC) or through dispatch.' }),
    result: Type.Union([Type.Literal('active'), Type.Literal('not_active')], { description: 'not_active closes the alert as no_longer_wanted.' }),
    reference: Type.Optional(Type.String({ maxLength: 80, description: 'Dispatch incident or inquiry reference; never CLETS message text.' })),
  },
  { additionalProperties: false },
);

export const ExigencyBody = Type.Object(
  { justification: Type.String({ minLength: 20, maxLength: 1000, description: 'Why the CLETS/dispatch check could not come first (R10); kept with the alert.' }) },
  { additionalProperties: false },
);

export const VerifyBody = Type.Object(
  {
    characters: Type.Optional(Type.Boolean({ description: 'The plate characters on the image agree with the list entry. Required when the entry has a plate or pattern.' })),
    state: Type.Boolean({ description: 'The state on the image agrees with the entry (or the entry names none).' }),
    vehicle: Type.Optional(
      Type.Object(
        { make: Type.Optional(Type.Boolean()), model: Type.Optional(Type.Boolean()), color: Type.Optional(Type.Boolean()), bodyType: Type.Optional(Type.Boolean()) },
        { additionalProperties: false, description: 'Each descriptor the entry gives, checked against the image.' },
      ),
    ),
    correctedPlate: Type.Optional(Type.String({ maxLength: 12, description: 'On a misread: the plate as the image shows it (R28 correction set).' })),
    notes: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type VerifyInput = Static<typeof VerifyBody>;

export const ActionBody = Type.Object(
  { action: Type.Enum([...ENFORCEMENT_ACTIONS]), notes: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const DispositionBody = Type.Object({ disposition: Disposition, notes: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const StreamQuery = Type.Object({
  since: Type.Optional(Type.Integer({ minimum: 0, description: 'The last alert number received (as the Last-Event-ID header): replay what came after it.' })),
});

export const HistoryQuery = Type.Object({
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
  disposition: Type.Optional(Disposition),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  cameraId: Type.Optional(Type.String({ maxLength: 64 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export const HistoryPage = Type.Object({ alerts: Type.Array(AlertView) });

export const AccuracyQuery = Type.Object({ from: Type.Optional(Instant), to: Type.Optional(Instant), purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) });

export const AccuracyReport = Type.Object({
  from: Instant,
  to: Instant,
  cameras: Type.Array(
    Type.Object({ cameraId: Type.String(), cameraName: Type.String(), alerts: Type.Integer(), verified: Type.Integer(), misreads: Type.Integer(), misreadRate: Nullable(Type.Number()) }),
  ),
});

export const Subscription = Type.Object({
  lists: Nullable(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500, description: 'List ids; null = every list you may see.' })),
  cameras: Nullable(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500, description: 'Camera ids (areas); null = every camera.' })),
});

export const SubscriptionView = Type.Object({
  subscription: Subscription,
  choices: Type.Object({
    lists: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), dataSource: Type.String() })),
    cameras: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  }),
});
