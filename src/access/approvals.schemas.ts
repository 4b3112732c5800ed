// The HTTP shapes of changes that wait for a second administrator, and of the job-title list's edits
// (R14, R16; STYLE 3).
import { Type } from 'typebox';

export const ChangeStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('denied')]);

export const PendingChange = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
  summary: Type.String(),
  requestedBy: Type.String(),
  requestedAt: Type.String({ format: 'date-time' }),
  status: ChangeStatusSchema,
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
});

export const PendingChangeList = Type.Object({ changes: Type.Array(PendingChange) });

export const ChangeListQuery = Type.Object({ status: Type.Optional(ChangeStatusSchema) });

export const DenyBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false });

export const JobTitleBody = Type.Object({ title: Type.String({ minLength: 3, maxLength: 80 }) }, { additionalProperties: false });
