// One schema per shape (STYLE 3) for sharing (issue 8; R34–R40). There is no price, fee or cost
// field anywhere: ALPR data is never sold (R40; sharing.schemas.test.ts scans these schemas).
import { Type, type Static, type TSchema } from 'typebox';
import { PurposeBody } from '../access/purpose.schemas.js';
import { AGENCY_KINDS } from './sharing.eligibility.js';

const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar day, YYYY-MM-DD.' });
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AgencyKind = Type.Enum([...AGENCY_KINDS], {
  description: 'ca_law_enforcement, ca_prosecutor, ca_public_agency_other, federal, out_of_state or private. Eligibility follows from the kind and the policy (Civ. Code 1798.90.55(b)); it cannot be set by hand.',
});

export const AgencyInput = Type.Object(
  {
    name: Text(160),
    kind: AgencyKind,
    jurisdiction: Text(160, 'The city, county or state the agency serves.'),
    ori: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[0-9A-Z]{7}$', description: 'NCIC Originating Agency Identifier, if it has one.' })),
    contactName: Text(160, 'Who to contact there.'),
    contactEmail: Type.Optional(Type.String({ maxLength: 200 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type AgencyInput = Static<typeof AgencyInput>;

export const EligibilityView = Type.Object({
  eligible: Type.Boolean(),
  reason: Type.String({ description: 'Why, citing Civ. Code 1798.90.55(b) and the policy section.' }),
  citations: Type.Array(Type.String()),
});

export const AgencyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: AgencyKind,
  kindLabel: Type.String(),
  jurisdiction: Type.String(),
  ori: Nullable(Type.String()),
  contactName: Type.String(),
  contactEmail: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  eligibility: EligibilityView,
  agreementsInForce: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  createdAt: Instant,
});
export type AgencyView = Static<typeof AgencyView>;

export const AgreementInput = Type.Object(
  {
    title: Text(200),
    reference: Type.Optional(Type.String({ maxLength: 200, description: 'The signed agreement\'s number or where it is filed.' })),
    startsOn: Day,
    endsOn: Type.Optional(Day),
    signatoryIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 100, uniqueItems: true, description: 'The agencies that signed it (from the registry).' }),
  },
  { additionalProperties: false },
);
export type AgreementInput = Static<typeof AgreementInput>;

export const AgreementView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  reference: Nullable(Type.String()),
  startsOn: Type.String(),
  endsOn: Nullable(Type.String()),
  inForce: Type.Boolean(),
  signatories: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  createdBy: Type.String(),
  createdAt: Instant,
});
export type AgreementView = Static<typeof AgreementView>;

export const Area = Type.Object(
  {
    south: Type.Number({ minimum: -90, maximum: 90 }),
    west: Type.Number({ minimum: -180, maximum: 180 }),
    north: Type.Number({ minimum: -90, maximum: 90 }),
    east: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false, description: 'A bounding box of latitudes and longitudes; reads outside it are left out.' },
);
export type Area = Static<typeof Area>;

export const Requester = Type.Object(
  { name: Text(160), title: Text(160, 'Rank or job title.'), contact: Text(200, 'E-mail or telephone at the agency.') },
  { additionalProperties: false, description: 'R35: the person at the agency who asks.' },
);

const asked = {
  requester: Requester,
  purpose: PurposeBody,
  plates: Type.Array(Type.String({ minLength: 1, maxLength: 10 }), { minItems: 1, maxItems: 50, description: 'The plates asked about.' }),
  from: Instant,
  to: Instant,
  area: Type.Optional(Area),
  attestation: Type.Literal(true, {
    description:
      'R35, R37: the requester attests that the purpose is true, is not federal immigration enforcement and not the investigation or prosecution of reproductive health care, and that the data will not be shared further or sold.',
  }),
};

export const RequestInput = Type.Object(
  {
    agencyId: Type.String({ minLength: 1 }),
    ...asked,
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the written request arrived (default: now).' })),
  },
  { additionalProperties: false },
);
export type RequestInput = Static<typeof RequestInput>;

export const LinkRequestInput = Type.Object(asked, { additionalProperties: false });
export type LinkRequestInput = Static<typeof LinkRequestInput>;

export const RequestStatus = Type.Enum(['pending', 'approved', 'denied', 'fulfilled']);

export const RequestView = Type.Object({
  id: Type.String(),
  agency: Type.Object({ id: Type.String(), name: Type.String(), kind: AgencyKind }),
  eligibility: EligibilityView,
  agreement: Nullable(Type.Object({ id: Type.String(), title: Type.String() })),
  source: Type.Enum(['entered', 'link']),
  requester: Type.Object({ name: Type.String(), title: Type.String(), contact: Type.String() }),
  purpose: Type.Object({ caseNumber: Type.String(), category: Type.String(), reason: Type.String() }),
  categoryLabel: Type.String(),
  plates: Type.Array(Type.String()),
  from: Instant,
  to: Instant,
  area: Nullable(Area),
  attestation: Type.String({ description: 'The text the requester attested to.' }),
  receivedAt: Instant,
  enteredBy: Type.String(),
  status: RequestStatus,
  decision: Nullable(Type.Object({ by: Type.String(), at: Instant, reason: Type.String() })),
  keepUntil: Instant,
  transfers: Type.Integer(),
});
export type RequestView = Static<typeof RequestView>;

export const DecisionBody = Type.Object(
  { decision: Type.Enum(['approve', 'deny']), reason: Type.String({ minLength: 10, maxLength: 2000, description: 'Why; kept on file with the request (R35).' }) },
  { additionalProperties: false },
);

export const FulfilBody = Type.Object(
  { recipient: Text(200, 'Who at the agency receives the bundle (name and e-mail).') },
  { additionalProperties: false },
);

export const ManualTransferInput = Type.Object(
  {
    method: Type.Literal('email', { description: 'A transfer made outside the app, recorded by hand (R38).' }),
    recipient: Text(200),
    description: Text(1000, 'What was sent: files, plates, how many reads.'),
    transferredAt: Type.Optional(Type.String({ format: 'date-time' })),
    readCount: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ManualTransferInput = Static<typeof ManualTransferInput>;

export const TransferView = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  caseNumber: Type.String(),
  method: Type.Enum(['download', 'email']),
  description: Type.String(),
  recipient: Type.String(),
  readCount: Nullable(Type.Integer()),
  bundleSha256: Nullable(Type.String()),
  transferredAt: Instant,
  recordedBy: Type.String(),
  destructionDueAt: Instant,
});
export type TransferView = Static<typeof TransferView>;

export const LinkInput = Type.Object(
  {
    agencyId: Type.String({ minLength: 1 }),
    expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'Default 72. The link also ends once it is used.' })),
  },
  { additionalProperties: false },
);

export const IssuedLink = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'Shown this once; only its hash is kept.' }),
  path: Type.String({ description: 'The web page the partner agency opens, e.g. /share-request/<token>.' }),
  agency: Type.String(),
  expiresAt: Instant,
});

export const LinkInfo = Type.Object({
  agency: Type.String({ description: 'The agency the link was made for.' }),
  receivingAgency: Type.String({ description: 'This agency, which holds the data.' }),
  expiresAt: Instant,
  attestation: Type.String(),
  categories: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), example: Type.String() })),
});

export const RECORDS_REQUEST_KINDS = ['public_records_act', 'subpoena', 'litigation', 'other'] as const;
export const RECORDS_OUTCOMES = ['pending', 'withheld_exempt', 'released_deidentified', 'released', 'withdrawn', 'other'] as const;

export const RecordsRequestInput = Type.Object(
  {
    requester: Text(200, 'Who asked: person, firm, newspaper, court.'),
    kind: Type.Enum([...RECORDS_REQUEST_KINDS]),
    receivedOn: Day,
    description: Text(2000, 'What was asked.'),
    considerations: Text(4000, 'The exemptions or privileges considered (e.g. Gov. Code 7923.600 investigatory records).'),
  },
  { additionalProperties: false },
);
export type RecordsRequestInput = Static<typeof RecordsRequestInput>;

export const RecordsOutcomeInput = Type.Object(
  {
    outcome: Type.Enum([...RECORDS_OUTCOMES]),
    outcomeNotes: Type.Optional(Type.String({ maxLength: 4000 })),
    considerations: Type.Optional(Text(4000)),
    outcomeOn: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type RecordsOutcomeInput = Static<typeof RecordsOutcomeInput>;

export const RecordsRequestView = Type.Object({
  id: Type.String(),
  requester: Type.String(),
  kind: Type.Enum([...RECORDS_REQUEST_KINDS]),
  receivedOn: Type.String(),
  description: Type.String(),
  considerations: Type.String(),
  outcome: Type.Enum([...RECORDS_OUTCOMES]),
  outcomeNotes: Nullable(Type.String()),
  outcomeOn: Nullable(Type.String()),
  enteredBy: Type.String(),
});
export type RecordsRequestView = Static<typeof RecordsRequestView>;

export const SharedWith = Type.Object({ name: Type.String(), kind: Type.String(), transfers: Type.Integer() });

export const SharingHistory = Type.Object({
  agencies: Type.Array(Type.Object({ name: Type.String(), kind: Type.String(), transfers: Type.Integer(), lastTransferAt: Nullable(Instant) })),
  transfers: Type.Array(TransferView),
});

export const SharingPolicyView = Type.Object({
  mayReceive: Type.String(),
  approverTitle: Type.String(),
  participatingAgencyAgreements: Type.Boolean(),
  section: Type.String(),
  exportsDestroyWithinDays: Type.Integer(),
  considerations: Type.String({ description: 'What to consider for requests from non-law-enforcement bodies (R39); not legal advice.' }),
});
