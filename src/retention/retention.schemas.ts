// One schema per shape (STYLE 3): validation, serialization, OpenAPI and the web app's types.
import { Type, type Static } from 'typebox';
import { PurposeBody } from '../access/purpose.schemas.js';

const Instant = Type.String({ format: 'date-time' });
const MaybeInstant = Type.Union([Instant, Type.Null()]);

export const ClassRuleView = Type.Object({
  className: Type.String(),
  label: Type.String(),
  minDays: Type.Integer(),
  maxDays: Type.Union([Type.Integer(), Type.Null()]),
  cite: Type.Union([Type.String(), Type.Null()]),
  /** purged: the purge removes it past maxDays; kept: only a minimum, never purged automatically; not_available: purged by a room not installed yet. */
  status: Type.Union([Type.Literal('purged'), Type.Literal('kept'), Type.Literal('not_available')]),
  rule: Type.String({ description: 'The rule in plain words.' }),
  cutoff: MaybeInstant,
});

export const RetentionPolicyView = Type.Object({
  agency: Type.String(),
  policyTitle: Type.String(),
  sectionPrefix: Type.String(),
  custodianTitle: Type.String({ description: 'Who administers retention, holds and purges (profile.administrator.retentionManagerTitle).' }),
  dayRule: Type.String(),
  purgeOutsideServers: Type.Boolean(),
  now: Instant,
  classes: Type.Array(ClassRuleView),
});
export type RetentionPolicyView = Static<typeof RetentionPolicyView>;

export const HoldState = Type.Union([Type.Literal('active'), Type.Literal('lapsed'), Type.Literal('released')]);

export const HoldView = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  reason: Type.String(),
  selection: Type.Object({
    readIds: Type.Optional(Type.Array(Type.String())),
    plate: Type.Optional(Type.String()),
    region: Type.Optional(Type.String()),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
  }),
  readCount: Type.Integer(),
  placedBy: Type.String(),
  placedAt: Instant,
  until: MaybeInstant,
  state: HoldState,
  releasedAt: MaybeInstant,
  releasedBy: Type.Union([Type.String(), Type.Null()]),
  releaseReason: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: MaybeInstant,
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewNote: Type.Union([Type.String(), Type.Null()]),
});
export type HoldView = Static<typeof HoldView>;

export const PlaceHoldBody = Type.Object(
  {
    caseNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The case the hold serves; defaults to the stated purpose\'s case number.' })),
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why the reads are or may become evidence, or are subject to discovery (R31).' }),
    until: Type.Optional(Instant),
    readIds: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 50_000, description: 'Hold these reads…' })),
    plate: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: '…or every read of this plate between from and to.' })),
    region: Type.Optional(Type.String({ minLength: 2, maxLength: 8 })),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    purpose: Type.Optional(PurposeBody),
  },
  { additionalProperties: false },
);
export type PlaceHoldBody = Static<typeof PlaceHoldBody>;

export const PlacedHold = Type.Object({ hold: HoldView, readIds: Type.Array(Type.String()) });

export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export const NoteBody = Type.Object({ note: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });

export const HoldsQuery = Type.Object({ caseNumber: Type.Optional(Type.String({ maxLength: 64 })), state: Type.Optional(HoldState) }, { additionalProperties: false });

export const ClassResultView = Type.Object({
  className: Type.String(),
  label: Type.String(),
  status: Type.Union([Type.Literal('purged'), Type.Literal('kept'), Type.Literal('not_available')]),
  cutoff: MaybeInstant,
  deleted: Type.Integer(),
  held: Type.Integer(),
  oldestRemaining: MaybeInstant,
  details: Type.Optional(Type.Record(Type.String(), Type.Number())),
});

export const PurgeRunView = Type.Object({
  id: Type.String(),
  startedAt: Instant,
  finishedAt: Instant,
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('cli'), Type.Literal('api')]),
  dryRun: Type.Boolean(),
  actor: Type.String(),
  classes: Type.Array(ClassResultView),
  totalDeleted: Type.Integer(),
  notices: Type.Integer(),
  outcome: Type.Union([Type.Literal('ok'), Type.Literal('failed')]),
  error: Type.Union([Type.String(), Type.Null()]),
});
export type PurgeRunView = Static<typeof PurgeRunView>;

export const RunPurgeBody = Type.Object({ dryRun: Type.Optional(Type.Boolean({ description: 'Count what would go, delete nothing.' })) }, { additionalProperties: false });

export const OutsideCopyView = Type.Object({
  id: Type.String(),
  recipient: Type.String(),
  description: Type.String(),
  caseNumber: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.Literal('sharing'), Type.Literal('evidence'), Type.Literal('manual')]),
  readCount: Type.Integer(),
  newestCapturedAt: MaybeInstant,
  sentAt: Instant,
  recordedBy: Type.String(),
  destroyDueAt: MaybeInstant,
  noticeAt: MaybeInstant,
  destroyedAt: MaybeInstant,
  destroyedBy: Type.Union([Type.String(), Type.Null()]),
  destructionNote: Type.Union([Type.String(), Type.Null()]),
  due: Type.Boolean({ description: 'R33: a purge found the data past retention and the recipient\'s copy is due for destruction.' }),
});
export type OutsideCopyView = Static<typeof OutsideCopyView>;

export const OutsideCopyBody = Type.Object(
  {
    recipient: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    caseNumber: Type.Optional(Type.String({ maxLength: 64 })),
    readCount: Type.Integer({ minimum: 0 }),
    newestCapturedAt: Type.Optional(Instant),
    sentAt: Type.Optional(Instant),
    destroyDueAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
);

export const DestroyReadsBody = Type.Object(
  { readIds: Type.Array(Type.String(), { minItems: 1, maxItems: 1000 }), reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const DestroyedReads = Type.Object({ deleted: Type.Integer(), images: Type.Integer(), plates: Type.Integer() });

export const EvidenceBody = Type.Object(
  {
    readIds: Type.Array(Type.String(), { minItems: 1, maxItems: 5000 }),
    caseNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    recipient: Type.Optional(Type.String({ maxLength: 200, description: 'Who receives the bundle outside the agency, if anyone (recorded as an outside copy, R33).' })),
    purpose: Type.Optional(PurposeBody),
  },
  { additionalProperties: false },
);
export type EvidenceBody = Static<typeof EvidenceBody>;

export const BundleFileView = Type.Object({ path: Type.String(), sha256: Type.String(), bytes: Type.Integer() });

export const BundleView = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  recipient: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Instant,
  readCount: Type.Integer(),
  fileName: Type.String(),
  sha256: Type.String(),
  byteSize: Type.Integer(),
  bookedEvidence: Type.Boolean({ description: 'R31: booked into evidence, so exempt from the R32 destruction date.' }),
});
export type BundleView = Static<typeof BundleView>;

export const BuiltBundleView = Type.Object({ bundle: BundleView, files: Type.Array(BundleFileView), downloadUrl: Type.String() });
export type BuiltBundleView = Static<typeof BuiltBundleView>;
