// The exports registry's HTTP shapes (R32; STYLE 3).
import { Type, type Static } from 'typebox';
import { PurposeBody } from '../access/purpose.schemas.js';
import { SEARCH_BODIES, SEARCH_KINDS } from '../search/search.schemas.js';
import { EXPORT_FORMATS } from './formats.js';

export const ExportFormat = Type.Enum([...EXPORT_FORMATS], { description: 'csv, geojson, kml, or pdf (a printable report).' });

export const SearchSpec = Type.Union(
  SEARCH_KINDS.map((kind) => Type.Object({ kind: Type.Literal(kind), query: SEARCH_BODIES[kind] }, { additionalProperties: false })),
  { description: 'The search to export: its kind and the same body as POST /api/v1/search/{kind} (every page, up to 10,000 reads).' },
);

export const ExportBody = Type.Object(
  {
    format: ExportFormat,
    search: SearchSpec,
    purpose: Type.Optional(PurposeBody),
  },
  { additionalProperties: false },
);
export type ExportBody = Static<typeof ExportBody>;

export const ExportStatus = Type.Union([Type.Literal('due'), Type.Literal('overdue'), Type.Literal('destroyed'), Type.Literal('evidence')], {
  description: 'evidence: booked into evidence with the case (R31), so not destroyed on the exports schedule.',
});

export const ExportView = Type.Object({
  id: Type.String(),
  format: Type.String(),
  description: Type.String(),
  recordCount: Type.Integer(),
  caseNumber: Type.String(),
  purposeCategory: Type.String(),
  purposeReason: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  destroyDueAt: Type.String({ format: 'date-time' }),
  destroyedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  destroyedBy: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  status: ExportStatus,
  evidence: Type.Boolean(),
});
export type ExportView = Static<typeof ExportView>;

export const ExportList = Type.Object({ exports: Type.Array(ExportView), overdue: Type.Integer({ description: 'How many exports are past their destruction date.' }), retentionDays: Type.Integer() });

export const ExportListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('destroyed'), Type.Literal('all')], { default: 'all' })),
    caseNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  },
  { additionalProperties: false },
);

export const DestroyBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000, description: 'How the copies were destroyed, e.g. "USB drive wiped, printout shredded".' })) }, { additionalProperties: false });
export const ExportIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
