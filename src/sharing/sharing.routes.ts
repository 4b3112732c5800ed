// Sharing over HTTP (issue 8; R34–R40). Two public routes serve a partner agency's one-time request
// link: they show whose link it is and take one request; they never show data. Releasing data is
// POST /sharing/requests/:id/release, which opens the purpose gate with the request's purpose.
import { Type } from 'typebox';
import { userOf } from '../access/authorize.js';
import { originOf } from '../audit/access-log.js';
import type { HttpServer } from '../platform/http.js';
import {
  AgencyInput, AgencyView, AgreementInput, AgreementView, DecisionBody, EligibilityView, FulfilBody, IssuedLink, LinkInfo, LinkInput, LinkRequestInput,
  ManualTransferInput, RecordsOutcomeInput, RecordsRequestInput, RecordsRequestView, RequestInput, RequestStatus, RequestView, SharingHistory, SharingPolicyView,
  TransferView,
} from './sharing.schemas.js';
import { ATTESTATION, SHARING_CATEGORIES, type SharingService } from './sharing.service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const TokenParams = Type.Object({ token: Type.String({ minLength: 16, maxLength: 128 }) });
const tags = ['sharing'];

export const RequestForm = Type.Object({
  agencies: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kindLabel: Type.String(), eligibility: EligibilityView })),
  policy: SharingPolicyView,
  attestation: Type.String(),
  categories: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), example: Type.String() })),
});

export function registerSharingRoutes(app: HttpServer, sharing: SharingService) {
  app.get('/api/v1/sharing/policy', { config: { access: 'sharing.view' }, schema: { tags, response: { 200: SharingPolicyView } } }, () => sharing.policy());

  app.get('/api/v1/sharing/agencies', { config: { access: 'sharing.view' }, schema: { tags, description: 'The agency registry, each with its computed eligibility and reason (R34).', response: { 200: Type.Object({ agencies: Type.Array(AgencyView) }) } } }, async () => ({
    agencies: await sharing.listAgencies(),
  }));

  app.post('/api/v1/sharing/agencies', { config: { access: 'sharing.manage' }, schema: { tags, body: AgencyInput, response: { 201: AgencyView } } }, async (request, reply) =>
    reply.status(201).send(await sharing.createAgency(userOf(request), request.body)),
  );

  app.get('/api/v1/sharing/request-form', { config: { access: 'sharing.request' }, schema: { tags, description: 'What the request form needs: agencies with eligibility, the policy, the attestation.', response: { 200: RequestForm } } }, async () => ({
    agencies: (await sharing.listAgencies()).map((a) => ({ id: a.id, name: a.name, kindLabel: a.kindLabel, eligibility: a.eligibility })),
    policy: sharing.policy(),
    attestation: ATTESTATION,
    categories: SHARING_CATEGORIES,
  }));

  app.get('/api/v1/sharing/agreements', { config: { access: 'sharing.view' }, schema: { tags, response: { 200: Type.Object({ agreements: Type.Array(AgreementView) }) } } }, async () => ({
    agreements: await sharing.listAgreements(),
  }));

  app.post(
    '/api/v1/sharing/agreements',
    { config: { access: 'sharing.manage' }, schema: { tags, description: 'A participating agency agreement with its signatories and term (R36), where the policy provides for them.', body: AgreementInput, response: { 201: AgreementView } } },
    async (request, reply) => reply.status(201).send(await sharing.createAgreement(userOf(request), request.body)),
  );

  app.post(
    '/api/v1/sharing/links',
    { config: { access: 'sharing.manage' }, schema: { tags, description: 'A one-time request link for an eligible agency\'s officer; it expires, and ends once used.', body: LinkInput, response: { 201: IssuedLink } } },
    async (request, reply) => reply.status(201).send(await sharing.createLink(userOf(request), request.body.agencyId, request.body.expiresInHours)),
  );

  app.get(
    '/api/v1/sharing/links/:token',
    { config: { access: 'public' }, schema: { tags, description: 'Public: whose link this is and what to attest. Never any data.', params: TokenParams, response: { 200: LinkInfo } } },
    async (request) => sharing.linkInfo(request.params.token),
  );

  app.post(
    '/api/v1/sharing/links/:token/request',
    { config: { access: 'public' }, schema: { tags, description: 'Public: sends the one request this link allows. The answer holds its id only.', params: TokenParams, body: LinkRequestInput, response: { 201: Type.Object({ id: Type.String(), status: Type.Literal('pending') }) } } },
    async (request, reply) => reply.status(201).send(await sharing.submitViaLink(request.params.token, request.body)),
  );

  app.get(
    '/api/v1/sharing/requests',
    { config: { access: 'sharing.view' }, schema: { tags, querystring: Type.Object({ status: Type.Optional(RequestStatus) }), response: { 200: Type.Object({ requests: Type.Array(RequestView) }) } } },
    async (request) => ({ requests: await sharing.listRequests(request.query.status) }),
  );

  app.post(
    '/api/v1/sharing/requests',
    { config: { access: 'sharing.request' }, schema: { tags, description: 'Enters a written request received by mail or in person (R35).', body: RequestInput, response: { 201: RequestView } } },
    async (request, reply) => reply.status(201).send(await sharing.createRequest(userOf(request), request.body)),
  );

  app.get('/api/v1/sharing/requests/:id', { config: { access: 'sharing.view' }, schema: { tags, params: IdParams, response: { 200: RequestView } } }, async (request) => sharing.getRequest(request.params.id));

  app.post(
    '/api/v1/sharing/requests/:id/decision',
    { config: { access: 'sharing.approve' }, schema: { tags, description: 'Approve or deny with a reason (R35). An ineligible agency\'s request cannot be approved (403 agency_not_eligible).', params: IdParams, body: DecisionBody, response: { 200: RequestView } } },
    async (request) => sharing.decide(userOf(request), request.params.id, request.body.decision, request.body.reason),
  );

  app.post(
    '/api/v1/sharing/requests/:id/release',
    {
      config: { access: 'sharing.manage' },
      schema: {
        tags,
        description: 'Releases an approved request as a ZIP bundle (manifest, reads.csv, notice), through the purpose gate with the request\'s purpose; logs the transfer with its destruction-due date (R32, R38). The transfer id comes in X-Transfer-Id.',
        params: IdParams,
        body: FulfilBody,
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const released = await sharing.release(userOf(request), request.params.id, request.body.recipient, originOf(request));
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${released.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .header('x-transfer-id', released.transfer.id)
        .header('x-destruction-due', released.transfer.destructionDueAt)
        .send(released.zip);
    },
  );

  app.post(
    '/api/v1/sharing/requests/:id/transfers',
    { config: { access: 'sharing.manage' }, schema: { tags, description: 'Records a transfer made by e-mail, by hand (R38).', params: IdParams, body: ManualTransferInput, response: { 201: TransferView } } },
    async (request, reply) => reply.status(201).send(await sharing.recordManualTransfer(userOf(request), request.params.id, request.body)),
  );

  app.get('/api/v1/sharing/transfers', { config: { access: 'sharing.view' }, schema: { tags, response: { 200: Type.Object({ transfers: Type.Array(TransferView) }) } } }, async () => ({
    transfers: await sharing.listTransfers(),
  }));

  app.get('/api/v1/sharing/history', { config: { access: 'sharing.view' }, schema: { tags, description: 'Every agency shared with and every transfer (R38).', response: { 200: SharingHistory } } }, async () => sharing.history());

  app.get('/api/v1/sharing/records-requests', { config: { access: 'sharing.view' }, schema: { tags, response: { 200: Type.Object({ records: Type.Array(RecordsRequestView) }) } } }, async () => ({
    records: await sharing.listRecordsRequests(),
  }));

  app.post(
    '/api/v1/sharing/records-requests',
    { config: { access: 'sharing.manage' }, schema: { tags, description: 'A Public Records Act request, subpoena or litigation demand, tracked apart from agency requests (R39).', body: RecordsRequestInput, response: { 201: RecordsRequestView } } },
    async (request, reply) => reply.status(201).send(await sharing.createRecordsRequest(userOf(request), request.body)),
  );

  app.post(
    '/api/v1/sharing/records-requests/:id/outcome',
    { config: { access: 'sharing.manage' }, schema: { tags, params: IdParams, body: RecordsOutcomeInput, response: { 200: RecordsRequestView } } },
    async (request) => sharing.recordOutcome(userOf(request), request.params.id, request.body),
  );
}
