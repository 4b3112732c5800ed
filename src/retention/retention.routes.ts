// Retention, legal holds, purge and evidence export over HTTP (issue 7; R30–R33). Placing a hold and
// exporting evidence select reads, so both open the purpose gate; admin changes go to the access log.
import { createReadStream } from 'node:fs';
import { Type, type Static } from 'typebox';
import { openGate, PurposeQuery } from '../access/gate.http.js';
import type { PurposeGate } from '../access/purpose-gate.js';
import { userOf } from '../access/authorize.js';
import { originOf } from '../audit/access-log.js';
import { badRequest } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import type { PolicyProfile } from '../policy/index.js';
import type { EvidenceBundlesTable, OutsideCopiesTable } from '../storage/tables.js';
import type { Hold, HoldSelection } from './holds.service.js';
import type { RetentionRoom } from './index.js';
import type { ClassResult, PurgeRun } from './purge.service.js';
import { classRules, describeRule, deleteCutoff, readCutoff } from './retention.rules.js';
import {
  BuiltBundleView,
  BundleView,
  DestroyedReads,
  DestroyReadsBody,
  EvidenceBody,
  HoldsQuery,
  HoldView,
  NoteBody,
  OutsideCopyBody,
  OutsideCopyView,
  PlacedHold,
  PlaceHoldBody,
  PurgeRunView,
  ReasonBody,
  RetentionPolicyView,
  RunPurgeBody,
} from './retention.schemas.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const DAY_RULE =
  'Days are UTC calendar days. A record kept N days is kept through the end of the N-th day after the day it was made and purged from 00:00 UTC the next day: a read captured 1 March (any hour) with N = 30 is kept through 31 March and purged on 1 April. A minimum ("at least N days") uses the same count: nothing deletes the record earlier.';

export function holdView(hold: Hold): HoldView {
  const selection: HoldSelection = hold.selection;
  return {
    ...hold,
    selection: 'readIds' in selection ? { readIds: selection.readIds } : { plate: selection.plate, ...(selection.region ? { region: selection.region } : {}), from: iso(selection.from), to: iso(selection.to) },
    placedAt: iso(hold.placedAt),
    until: isoOrNull(hold.until),
    releasedAt: isoOrNull(hold.releasedAt),
    reviewedAt: isoOrNull(hold.reviewedAt),
  };
}

const classView = (c: ClassResult) => ({ ...c, cutoff: isoOrNull(c.cutoff), oldestRemaining: isoOrNull(c.oldestRemaining) });
export const runView = (run: PurgeRun): PurgeRunView => ({ ...run, startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt), classes: run.classes.map(classView) });
const copyView = (copy: OutsideCopiesTable & { due: boolean }): OutsideCopyView => ({
  ...copy,
  newestCapturedAt: isoOrNull(copy.newestCapturedAt),
  sentAt: iso(copy.sentAt),
  destroyDueAt: isoOrNull(copy.destroyDueAt),
  noticeAt: isoOrNull(copy.noticeAt),
  destroyedAt: isoOrNull(copy.destroyedAt),
});
const bundleView = (row: EvidenceBundlesTable): BundleView => ({
  id: row.id,
  caseNumber: row.caseNumber,
  recipient: row.recipient,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
  readCount: row.readCount,
  fileName: row.fileName,
  sha256: row.sha256,
  byteSize: row.byteSize,
  bookedEvidence: row.bookedEvidence === 1,
});

function selectionOf(body: Static<typeof PlaceHoldBody>): HoldSelection {
  const byPlate = body.plate !== undefined || body.from !== undefined || body.to !== undefined;
  if (body.readIds && byPlate) throw badRequest('invalid_hold_selection', 'Choose reads either by id (readIds) or by plate and time range (plate, from, to), not both.', 'readIds');
  if (body.readIds) return { readIds: body.readIds };
  if (!body.plate || !body.from || !body.to) throw badRequest('invalid_hold_selection', 'Name the reads to hold: readIds, or plate with from and to.', body.plate ? (body.from ? 'to' : 'from') : 'readIds');
  return { plate: body.plate, ...(body.region ? { region: body.region } : {}), from: Date.parse(body.from), to: Date.parse(body.to) };
}

export function registerRetentionRoutes(app: HttpServer, room: RetentionRoom, gate: PurposeGate, profile: PolicyProfile, clock: { now(): Date }) {
  app.get(
    '/api/v1/retention/policy',
    { config: { access: 'retention.view' }, schema: { tags: ['retention'], description: 'Retention per data class as the policy profile sets it (R30–R33), with today\'s cutoffs.', response: { 200: RetentionPolicyView } } },
    async () => {
      const now = clock.now().getTime();
      const installed = new Set(room.purge.classes);
      return {
        agency: profile.agency.name,
        policyTitle: profile.policy.title,
        sectionPrefix: profile.policy.sectionPrefix,
        custodianTitle: profile.administrator.retentionManagerTitle,
        dayRule: DAY_RULE,
        purgeOutsideServers: profile.retention.purgeOutsideServers,
        now: iso(now),
        classes: classRules(profile).map((rule) => {
          const status = rule.maxDays === null ? 'kept' : installed.has(rule.className) ? 'purged' : 'not_available';
          const cutoff = rule.className === 'fixedReads' ? readCutoff(profile, 'fixed', now) : rule.className === 'mobileReads' ? readCutoff(profile, 'mobile', now) : deleteCutoff(rule, now);
          return { ...rule, status, rule: describeRule(rule), cutoff: isoOrNull(cutoff) } as const;
        }),
      };
    },
  );

  app.get(
    '/api/v1/retention/holds',
    { config: { access: 'retention.view' }, schema: { tags: ['retention'], description: 'Legal holds, newest first, for the custodian of records to review (R31).', querystring: HoldsQuery, response: { 200: Type.Object({ holds: Type.Array(HoldView) }) } } },
    async (request) => ({ holds: (await room.holds.list(request.query)).map(holdView) }),
  );

  app.post(
    '/api/v1/retention/holds',
    {
      config: { access: 'holds.manage' },
      schema: {
        tags: ['retention'],
        description: 'Places a legal hold (R31) on reads chosen by id or by plate and time range. Choosing reads is a data access: it needs a stated purpose (X-Purpose-Id or `purpose`) and is logged.',
        body: PlaceHoldBody,
        response: { 201: PlacedHold },
      },
    },
    async (request, reply) => {
      const selection = selectionOf(request.body);
      const until = request.body.until ? Date.parse(request.body.until) : null;
      const ctx = await openGate(gate, request, 'hold.place');
      const placed = await room.holds.place(ctx, { reason: request.body.reason, until, selection, ...(request.body.caseNumber ? { caseNumber: request.body.caseNumber } : {}) });
      return reply.status(201).send({ hold: holdView(placed.hold), readIds: placed.readIds });
    },
  );

  app.post(
    '/api/v1/retention/holds/:id/release',
    { config: { access: 'holds.manage' }, schema: { tags: ['retention'], description: 'Releases a hold: its reads become eligible for purge again unless another hold keeps them.', params: IdParams, body: ReasonBody, response: { 200: HoldView } } },
    async (request) => holdView(await room.holds.release({ ...userOf(request), ...originOf(request) }, request.params.id, request.body.reason)),
  );

  app.post(
    '/api/v1/retention/holds/:id/review',
    { config: { access: 'holds.manage' }, schema: { tags: ['retention'], description: 'The custodian of records records a review of a hold (still needed, with a note).', params: IdParams, body: NoteBody, response: { 200: HoldView } } },
    async (request) => holdView(await room.holds.review({ ...userOf(request), ...originOf(request) }, request.params.id, request.body.note)),
  );

  app.get(
    '/api/v1/retention/purges',
    { config: { access: 'retention.view' }, schema: { tags: ['retention'], description: 'Purge runs, newest first (dry runs included).', response: { 200: Type.Object({ runs: Type.Array(PurgeRunView) }) } } },
    async () => ({ runs: (await room.purge.history()).map(runView) }),
  );

  app.post(
    '/api/v1/retention/purges',
    { config: { access: 'purge.run' }, schema: { tags: ['retention'], description: 'Runs the purge now, or with dryRun counts what it would remove (the daily job runs it anyway).', body: RunPurgeBody, response: { 200: PurgeRunView } } },
    async (request) => runView(await room.purge.run({ trigger: 'api', actor: userOf(request), dryRun: request.body.dryRun ?? false })),
  );

  app.post(
    '/api/v1/retention/reads/destroy',
    {
      config: { access: 'purge.run' },
      schema: { tags: ['retention'], description: 'Deletes named reads ahead of the purge. Refused (409 retention_minimum) inside the policy\'s minimum retention, and (409 read_held) for held reads.', body: DestroyReadsBody, response: { 200: DestroyedReads } },
    },
    async (request) => room.destroy.destroyReads({ ...userOf(request), ...originOf(request) }, request.body.readIds, request.body.reason),
  );

  app.get(
    '/api/v1/retention/outside-copies',
    { config: { access: 'retention.view' }, schema: { tags: ['retention'], description: 'Copies held outside this server (R33); `due` ones must be destroyed by their holders.', response: { 200: Type.Object({ copies: Type.Array(OutsideCopyView) }) } } },
    async () => ({ copies: (await room.outside.list()).map(copyView) }),
  );

  app.post(
    '/api/v1/retention/outside-copies',
    { config: { access: 'purge.run' }, schema: { tags: ['retention'], description: 'Records a copy sent to an outside server or partner (the sharing room records its releases itself).', body: OutsideCopyBody, response: { 201: OutsideCopyView } } },
    async (request, reply) => {
      const body = request.body;
      const row = await room.outside.record(userOf(request), {
        recipient: body.recipient,
        description: body.description,
        caseNumber: body.caseNumber ?? null,
        source: 'manual',
        readCount: body.readCount,
        newestCapturedAt: body.newestCapturedAt ? Date.parse(body.newestCapturedAt) : null,
        ...(body.sentAt ? { sentAt: Date.parse(body.sentAt) } : {}),
        destroyDueAt: body.destroyDueAt ? Date.parse(body.destroyDueAt) : null,
      });
      return reply.status(201).send(copyView({ ...row, due: false }));
    },
  );

  app.post(
    '/api/v1/retention/outside-copies/:id/destroyed',
    { config: { access: 'purge.run' }, schema: { tags: ['retention'], description: 'Records that the holder destroyed the copy (R33).', params: IdParams, body: NoteBody, response: { 200: OutsideCopyView } } },
    async (request) => copyView({ ...(await room.outside.confirmDestroyed({ ...userOf(request), ...originOf(request) }, request.params.id, request.body.note)), due: false }),
  );

  app.post(
    '/api/v1/evidence/bundles',
    {
      config: { access: 'evidence.export' },
      schema: {
        tags: ['evidence'],
        description: 'Builds an evidence bundle (R31, R32): ZIP with reads.json, reads.csv, both images, chain-of-custody.json and manifest.json (SHA-256 of every file). Needs a stated purpose; logged before the bundle is made.',
        body: EvidenceBody,
        response: { 201: BuiltBundleView },
      },
    },
    async (request, reply) => {
      const ctx = await openGate(gate, request, 'evidence.export');
      const built = await room.evidence.buildEvidenceBundle(ctx, request.body.readIds, { ...(request.body.caseNumber ? { caseNumber: request.body.caseNumber } : {}), ...(request.body.recipient ? { recipient: request.body.recipient } : {}) });
      const row = await room.evidence.get(built.id);
      return reply.status(201).send({ bundle: bundleView(row), files: built.files, downloadUrl: `/api/v1/evidence/bundles/${built.id}/download` });
    },
  );

  app.get(
    '/api/v1/evidence/bundles',
    { config: { access: 'evidence.export' }, schema: { tags: ['evidence'], description: 'Evidence bundles made, newest first (metadata only).', response: { 200: Type.Object({ bundles: Type.Array(BundleView) }) } } },
    async () => ({ bundles: (await room.evidence.list()).map(bundleView) }),
  );

  app.get(
    '/api/v1/evidence/bundles/:id/download',
    {
      config: { access: 'evidence.export' },
      schema: { tags: ['evidence'], description: 'Downloads a bundle (a data access: needs a stated purpose, X-Purpose-Id or ?purpose=, and is logged).', params: IdParams, querystring: Type.Object(PurposeQuery), produces: ['application/zip'] },
    },
    async (request, reply) => {
      const ctx = await openGate(gate, request, 'evidence.download');
      const bundle = await room.evidence.open(ctx, request.params.id);
      return reply.type('application/zip').header('content-disposition', `attachment; filename="${bundle.fileName}"`).send(createReadStream(bundle.path));
    },
  );
}
