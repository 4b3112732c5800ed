// The access log's HTTP shapes (R25, R27; STYLE 3): filters, entries and the chain check.
import { Type } from 'typebox';

export const AuditCategory = Type.Union([Type.Literal('data_access'), Type.Literal('admin_change'), Type.Literal('auth'), Type.Literal('system')]);

const FilterProperties = {
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this instant.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this instant.' })),
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Who acted (exact username).' })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Action prefix: "search." finds every search, "camera.register" one action.' })),
  category: Type.Optional(AuditCategory),
  caseNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'The case or incident number stated as purpose.' })),
  plate: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'A plate queried (normalized: spaces and dashes ignored); matches plates that contain it.' })),
};

export const AccessLogFilterQuery = Type.Object(FilterProperties, { additionalProperties: false });

export const AccessLogListQuery = Type.Object(
  {
    ...FilterProperties,
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: entries with seq below this (nextCursor of the previous page).' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const AccessLogEntrySchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  category: AuditCategory,
  action: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorUsername: Type.String(),
  organization: Type.String(),
  purposeCase: Type.Union([Type.String(), Type.Null()]),
  purposeCategory: Type.String(),
  purposeReason: Type.String(),
  dataElements: Type.Unknown(),
  resultCount: Type.Union([Type.Integer(), Type.Null()]),
  clientAddress: Type.Union([Type.String(), Type.Null()]),
  device: Type.Union([Type.String(), Type.Null()]),
  beforeValue: Type.Unknown(),
  afterValue: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const AccessLogPage = Type.Object({ entries: Type.Array(AccessLogEntrySchema), nextCursor: Type.Union([Type.Integer(), Type.Null()]) });

export const VerifyAnswer = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer({ description: 'Entries verified (up to the break, when broken).' }),
  head: Type.Optional(Type.String({ description: 'Hash of the newest entry; record it to anchor later checks.' })),
  brokenAt: Type.Optional(Type.Integer({ description: 'Seq of the first entry where the chain breaks.' })),
  reason: Type.Optional(Type.String()),
});
