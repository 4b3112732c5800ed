// The retention room's calls (retention.routes.ts), typed from the server's schemas (STYLE 3). Kept
// beside the pages so the shared client stays small; same request layer (api/http.ts): the stated
// purpose goes along as X-Purpose-Id.
import type { Static } from 'typebox';
import type * as R from '../../../src/retention/retention.schemas.js';
import { call, query, segment, withPurpose } from '../api/http.js';

export type RetentionPolicy = Static<typeof R.RetentionPolicyView>;
export type ClassRule = RetentionPolicy['classes'][number];
export type Hold = Static<typeof R.HoldView>;
export type HoldState = Hold['state'];
export type PlaceHold = Omit<Static<typeof R.PlaceHoldBody>, 'purpose'>;
export type PlacedHold = Static<typeof R.PlacedHold>;
export type PurgeRun = Static<typeof R.PurgeRunView>;
export type OutsideCopy = Static<typeof R.OutsideCopyView>;
export type EvidenceRequest = Omit<Static<typeof R.EvidenceBody>, 'purpose'>;
export type Bundle = Static<typeof R.BundleView>;
export type BuiltBundle = Static<typeof R.BuiltBundleView>;

export const retentionApi = {
  policy: () => call<RetentionPolicy>('GET', '/retention/policy'),
  holds: async (filter: { caseNumber?: string; state?: HoldState } = {}) => (await call<{ holds: Hold[] }>('GET', `/retention/holds${query(filter)}`)).holds,
  placeHold: (body: PlaceHold) => call<PlacedHold>('POST', '/retention/holds', body),
  releaseHold: (id: string, reason: string) => call<Hold>('POST', `/retention/holds/${segment(id)}/release`, { reason }),
  reviewHold: (id: string, note: string) => call<Hold>('POST', `/retention/holds/${segment(id)}/review`, { note }),
  purges: async () => (await call<{ runs: PurgeRun[] }>('GET', '/retention/purges')).runs,
  runPurge: (dryRun: boolean) => call<PurgeRun>('POST', '/retention/purges', { dryRun }),
  outsideCopies: async () => (await call<{ copies: OutsideCopy[] }>('GET', '/retention/outside-copies')).copies,
  confirmDestroyed: (id: string, note: string) => call<OutsideCopy>('POST', `/retention/outside-copies/${segment(id)}/destroyed`, { note }),
  bundles: async () => (await call<{ bundles: Bundle[] }>('GET', '/evidence/bundles')).bundles,
  buildBundle: (body: EvidenceRequest) => call<BuiltBundle>('POST', '/evidence/bundles', body),
  /** A link that carries the stated purpose (a download cannot send headers). */
  bundleUrl: (id: string) => withPurpose(`/evidence/bundles/${segment(id)}/download`),
};
