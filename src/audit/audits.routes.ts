// Sampling audits over HTTP (R26–R28). Reading an audit shows access-log entries, so each read is
// itself logged. An outside agency's auditor reaches only its own audit (and the sign-in routes)
// until the account expires: the preHandler below refuses everything else.
import type { FastifyRequest } from 'fastify';
import { userOf } from '../access/authorize.js';
import { forbidden } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { originOf, type AccessLogEntry } from './access-log.js';
import { memorandumHtml, memorandumModel, memorandumPdf } from './audits.memorandum.js';
import type { AuditDetail, AuditsService, DueAudit } from './audits.service.js';
import type { AuditRow } from './audits.store.js';
import {
  AuditDetailSchema,
  AuditIdParams,
  AuditsOverview,
  DecisionBody,
  OutsideAuditorAnswer,
  OutsideAuditorBody,
  RedrawBody,
  SampleParams,
  SignBody,
  StartAuditBody,
  VerifySampleAnswer,
} from './audits.schemas.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());
const isoOf = (ms: number): string => new Date(Number(ms)).toISOString();

export const auditView = (a: AuditRow) => ({
  ...a,
  periodFrom: isoOf(a.periodFrom),
  periodTo: isoOf(a.periodTo),
  dueAt: iso(a.dueAt),
  startedAt: isoOf(a.startedAt),
  signedAt: iso(a.signedAt),
  approvedAt: iso(a.approvedAt),
  keepUntil: iso(a.keepUntil),
  populationUpToSeq: Number(a.populationUpToSeq),
});
const entryView = (entry: AccessLogEntry | null) => (entry ? { ...entry, at: isoOf(entry.at) } : null);
const detailView = (d: AuditDetail) => ({
  ...d,
  audit: auditView(d.audit),
  samples: d.samples.map((s) => ({ ...s, entry: entryView(s.entry), decision: s.decision ? { ...s.decision, decidedAt: isoOf(s.decision.decidedAt) } : null })),
});
const dueView = (d: DueAudit) => ({ ...d, dueAt: isoOf(d.dueAt), lastStartedAt: iso(d.lastStartedAt) });

/** Session routes an outside auditor keeps, besides its own audit. */
const SESSION_ACCESS = new Set(['session.signin', 'session.password', 'session.self', 'public', 'agency.view']);

export function registerAuditsRoutes(app: HttpServer, audits: AuditsService, agencyName: string) {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const principal = request.principal;
    if (principal?.kind !== 'user' || !principal.roles.includes('auditor')) return;
    const scope = await audits.outsideScope(principal.userId);
    if (!scope) return;
    if (Number(scope.expiresAt) <= audits.nowMs()) {
      throw forbidden('outside_auditor_expired', 'This outside auditor account has expired; ask the agency\'s ALPR Administrator for a new one.');
    }
    const access = String(request.routeOptions.config.access ?? '');
    if (SESSION_ACCESS.has(access)) return;
    const url = request.routeOptions.url ?? '';
    const params = request.params as { id?: string } | undefined;
    if (url === '/api/v1/audits' && request.method === 'GET') return;
    if (url.startsWith('/api/v1/audits/:id') && request.method === 'GET' && params?.id === scope.auditId) return;
    throw forbidden('outside_auditor_limited', 'This outside auditor account reaches only the audit it was made for (R26).');
  });

  app.get('/api/v1/audits', { config: { access: 'audits.view' }, schema: { tags: ['audits'], description: 'Audits due under the profile (R26) and every audit on record.', response: { 200: AuditsOverview } } }, async (request) => {
    const user = userOf(request);
    const scope = user.roles.includes('auditor') ? await audits.outsideScope(user.userId) : undefined;
    const all = await audits.list();
    return {
      due: scope ? [] : (await audits.due()).map(dueView),
      audits: all.filter((a) => !scope || a.id === scope.auditId).map(auditView),
      policy: audits.profile,
      limitedTo: scope?.auditId ?? null,
    };
  });

  app.post('/api/v1/audits', { config: { access: 'audits.conduct' }, schema: { tags: ['audits'], description: 'Starts an audit: draws a random sample of inquiries from the preceding period with a recorded seed (R26).', body: StartAuditBody, response: { 200: AuditDetailSchema } } }, async (request) =>
    detailView(await audits.start(userOf(request), request.body, originOf(request))),
  );

  app.get('/api/v1/audits/:id', { config: { access: 'audits.view' }, schema: { tags: ['audits'], params: AuditIdParams, response: { 200: AuditDetailSchema } } }, async (request) => {
    const detail = await audits.get(request.params.id);
    await audits.recordView(userOf(request), request.params.id, 'view', originOf(request), detail.samples.length);
    return detailView(detail);
  });

  app.post('/api/v1/audits/:id/redraw', { config: { access: 'audits.conduct' }, schema: { tags: ['audits'], description: 'Draws the sample again, only before any inquiry is reviewed, with a reason recorded in the access log (R26).', params: AuditIdParams, body: RedrawBody, response: { 200: AuditDetailSchema } } }, async (request) =>
    detailView(await audits.redraw(userOf(request), request.params.id, request.body.reason, originOf(request))),
  );

  app.get('/api/v1/audits/:id/verify', { config: { access: 'audits.view' }, schema: { tags: ['audits'], description: 'Draws the recorded seed\'s sample again and compares it with the recorded sample.', params: AuditIdParams, response: { 200: VerifySampleAnswer } } }, async (request) =>
    audits.verifySample(request.params.id),
  );

  app.put('/api/v1/audits/:id/samples/:position', { config: { access: 'audits.conduct' }, schema: { tags: ['audits'], description: 'The auditor\'s decision on one sampled inquiry (R26) and data errors found (R28).', params: SampleParams, body: DecisionBody } }, async (request) => {
    const sample = await audits.decide(userOf(request), request.params.id, request.params.position, request.body, originOf(request));
    return { ...sample, entry: entryView(sample.entry), decision: sample.decision ? { ...sample.decision, decidedAt: isoOf(sample.decision.decidedAt) } : null };
  });

  app.post('/api/v1/audits/:id/sign', { config: { access: 'audits.conduct' }, schema: { tags: ['audits'], description: 'Signs and closes the audit; the memorandum is then final (R26, R27).', params: AuditIdParams, body: SignBody, response: { 200: AuditDetailSchema } } }, async (request) =>
    detailView(await audits.sign(userOf(request), request.params.id, request.body, originOf(request))),
  );

  app.post('/api/v1/audits/:id/approve', { config: { access: 'audits.approve' }, schema: { tags: ['audits'], description: 'Records the approval of a signed audit for the memorandum\'s recipient (R27).', params: AuditIdParams, response: { 200: AuditDetailSchema } } }, async (request) =>
    detailView(await audits.approve(userOf(request), request.params.id, originOf(request))),
  );

  const memorandum = async (request: FastifyRequest, id: string, format: 'html' | 'pdf') => {
    const detail = await audits.get(id);
    await audits.recordView(userOf(request), id, `memorandum.${format}`, originOf(request), detail.samples.length);
    return memorandumModel(detail, agencyName);
  };
  app.get('/api/v1/audits/:id/memorandum.html', { config: { access: 'audits.view' }, schema: { tags: ['audits'], params: AuditIdParams, produces: ['text/html'] } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(memorandumHtml(await memorandum(request, request.params.id, 'html'))),
  );
  app.get('/api/v1/audits/:id/memorandum.pdf', { config: { access: 'audits.view' }, schema: { tags: ['audits'], params: AuditIdParams, produces: ['application/pdf'] } }, async (request, reply) => {
    const pdf = await memorandumPdf(await memorandum(request, request.params.id, 'pdf'));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="audit-memorandum-${request.params.id}.pdf"`).send(pdf);
  });

  app.post('/api/v1/audits/:id/outside-auditors', { config: { access: 'users.manage' }, schema: { tags: ['audits'], description: 'A read-only account for the outside agency\'s auditor, limited to this audit and expiring (R26).', params: AuditIdParams, body: OutsideAuditorBody, response: { 201: OutsideAuditorAnswer } } }, async (request, reply) => {
    const created = await audits.createOutsideAuditor(userOf(request), request.params.id, { ...request.body, expiresAt: Date.parse(request.body.expiresAt) }, originOf(request));
    return reply.code(201).send({ ...created, expiresAt: isoOf(created.expiresAt) });
  });
}
