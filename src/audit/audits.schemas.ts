// Sampling audits over HTTP (R26–R28; STYLE 3): one schema for validation, types and the web client.
import { Type } from 'typebox';
import { AccessLogEntrySchema } from './audit.schemas.js';

const Instant = Type.String({ format: 'date-time' });
const MaybeInstant = Type.Union([Instant, Type.Null()]);
const MaybeText = Type.Union([Type.String(), Type.Null()]);
export const AuditKindSchema = Type.Enum(['internal', 'outside']);

export const AuditIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const SampleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), position: Type.Integer({ minimum: 0, maximum: 999 }) });

export const DueAuditSchema = Type.Object({
  kind: AuditKindSchema,
  everyMonths: Type.Integer(),
  lastStartedAt: MaybeInstant,
  dueAt: Instant,
  overdue: Type.Boolean(),
  inProgressId: MaybeText,
});

export const AuditSummarySchema = Type.Object({
  id: Type.String(),
  kind: AuditKindSchema,
  status: Type.Enum(['in_progress', 'signed', 'approved']),
  periodFrom: Instant,
  periodTo: Instant,
  dueAt: MaybeInstant,
  seed: Type.String({ description: 'R26: the draw\'s seed; with the log it reproduces the sample.' }),
  populationUpToSeq: Type.Integer(),
  population: Type.Integer({ description: 'Inquiries in the period the sample was drawn from.' }),
  sampleSize: Type.Integer(),
  draws: Type.Integer({ description: 'How many times the sample was drawn; every redraw is in the access log with its reason.' }),
  outsideAgency: MaybeText,
  startedBy: Type.String(),
  startedAt: Instant,
  auditorTitle: Type.String(),
  memorandumTo: Type.String(),
  filedWith: Type.String(),
  summary: MaybeText,
  dataErrors: MaybeText,
  outcome: Type.Union([Type.Enum(['compliant', 'findings']), Type.Null()]),
  signedBy: MaybeText,
  signedAt: MaybeInstant,
  approvedBy: MaybeText,
  approvedAt: MaybeInstant,
  keepUntil: MaybeInstant,
});

const DecisionFields = {
  purposeSpecific: Type.Boolean({ description: 'Was the stated purpose specific (not "investigation")?' }),
  caseNumberReal: Type.Boolean({ description: 'Does the case or incident number exist in the records system?' }),
  searchMatchedPurpose: Type.Boolean({ description: 'Did what was searched match the stated purpose?' }),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
  dataErrors: Type.Optional(Type.String({ maxLength: 2000, description: 'R28: errors in the data found while checking, to correct.' })),
};

export const DecisionBody = Type.Object(DecisionFields, { additionalProperties: false });

export const SampleSchema = Type.Object({
  position: Type.Integer(),
  entry: Type.Union([AccessLogEntrySchema, Type.Null()]),
  decision: Type.Union([Type.Object({ ...DecisionFields, decidedBy: Type.String(), decidedAt: Instant }), Type.Null()]),
  compliant: Type.Union([Type.Boolean(), Type.Null()]),
});

export const AuditDetailSchema = Type.Object({
  audit: AuditSummarySchema,
  samples: Type.Array(SampleSchema),
  decided: Type.Integer(),
  nonCompliant: Type.Integer(),
});

export const AuditsOverview = Type.Object({
  due: Type.Array(DueAuditSchema),
  audits: Type.Array(AuditSummarySchema),
  policy: Type.Object({
    frequencyMonths: Type.Integer(),
    sampleSize: Type.Integer(),
    lookbackMonths: Type.Integer(),
    memorandumTo: Type.String(),
    auditorTitle: Type.String(),
    filedWith: Type.String(),
    outsideAgencyAuditMonths: Type.Union([Type.Integer(), Type.Null()]),
    recordsRetentionMonths: Type.Integer(),
  }),
  /** Set for an outside agency's auditor: the one audit the account may see. */
  limitedTo: MaybeText,
});

export const StartAuditBody = Type.Object(
  {
    kind: AuditKindSchema,
    outsideAgency: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sampleSize: Type.Optional(Type.Integer({ minimum: 10, maximum: 1000, description: 'At least the profile\'s sample size.' })),
  },
  { additionalProperties: false },
);

export const RedrawBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export const SignBody = Type.Object({ summary: Type.String({ minLength: 1, maxLength: 5000 }), dataErrors: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false });

export const VerifySampleAnswer = Type.Object({ ok: Type.Boolean(), recorded: Type.Array(Type.Integer()), redrawn: Type.Array(Type.Integer()) });

export const OutsideAuditorBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    organization: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 200, description: 'A temporary password, changed at first sign-in.' }),
    expiresAt: Instant,
  },
  { additionalProperties: false },
);

export const OutsideAuditorAnswer = Type.Object({ userId: Type.String(), username: Type.String(), auditId: Type.String(), organization: Type.String(), expiresAt: Instant });
