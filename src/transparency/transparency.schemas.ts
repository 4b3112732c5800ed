// The transparency page's JSON (R43, R44; STYLE 3). Counts and policy text only.
import { Type } from 'typebox';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const TransparencyAnswer = Type.Object({
  generatedAt: Instant,
  agency: Type.Object({ name: Type.String(), jurisdiction: Type.String(), website: Nullable(Type.String()) }),
  administrator: Type.Object({ title: Type.String(), name: Nullable(Type.String()) }, { description: 'R44: the ALPR Administrator.' }),
  policy: Type.Object({ title: Type.String(), section: Type.String(), url: Nullable(Type.String()), documentAvailable: Type.Boolean({ description: 'GET /api/v1/transparency/policy returns the policy text.' }) }),
  retention: Type.Array(Type.String()),
  sharing: Type.Object({ mayReceive: Type.String(), neverSold: Type.String() }),
  auditSchedule: Type.String(),
  figures: Type.Object({
    cameras: Nullable(Type.Object({ fixed: Type.Integer(), mobile: Type.Integer() })),
    readsLast30Days: Nullable(Type.Integer()),
    hitsLast30Days: Nullable(Type.Object({ total: Type.Integer(), confirmed: Type.Integer() })),
    searchesLast30Days: Nullable(Type.Object({ searches: Type.Integer(), searchers: Type.Integer({ description: 'Distinct users who searched.' }) })),
    sharedWith: Nullable(Type.Array(Type.String(), { description: 'Agencies data was shared with.' })),
    audits: Nullable(
      Type.Array(
        Type.Object({
          kind: Type.Enum(['internal', 'outside']),
          outsideAgency: Nullable(Type.String()),
          periodFrom: Instant,
          periodTo: Instant,
          signedAt: Instant,
          approved: Type.Boolean(),
          sampleSize: Type.Integer(),
          outcome: Type.String(),
        }),
      ),
    ),
    lastPurgeAt: Nullable(Instant),
  }),
  unavailable: Type.Array(Type.String(), { description: 'Figures not yet available in this installation.' }),
});
