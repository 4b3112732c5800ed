// Changes that wait for a second administrator, the authorized job titles (R16), and role changes
// (R14, R16): removing access applies at once, granting the administrator role waits for approval.
import { Type } from 'typebox';
import { originOf } from '../audit/access-log.js';
import type { AuditRecorder } from '../audit/access-log.js';
import type { HttpServer } from '../platform/http.js';
import type { AccessService } from './access.service.js';
import { ChangeListQuery, DenyBody, JobTitleBody, PendingChange, PendingChangeList } from './approvals.schemas.js';
import type { ApprovalsService, ChangeRequester } from './approvals.service.js';
import { userOf } from './authorize.js';
import type { JobTitlesService } from './job-titles.service.js';
import type { Role } from './permissions.js';
import { RoleSchema } from './access.schemas.js';
import type { FastifyRequest } from 'fastify';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

const requester = (request: FastifyRequest): ChangeRequester => {
  const user = userOf(request);
  return { actor: { userId: user.userId, username: user.username }, origin: originOf(request) };
};

export interface ApprovalRouteDeps {
  approvals: ApprovalsService;
  jobTitles: JobTitlesService;
  access: AccessService;
  audit: Pick<AuditRecorder, 'recordChange'>;
}

export function registerApprovalRoutes(app: HttpServer, { approvals, jobTitles, access, audit }: ApprovalRouteDeps) {
  approvals.register('user.grant_administrator', async (payload, by) => {
    const userId = String(payload.userId);
    const current = await access.me(userId);
    if (current.roles.includes('administrator')) return;
    const { before, after } = await access.setRoles(userId, [...(current.roles as Role[]), 'administrator']);
    await audit.recordChange(by.actor, 'user.roles', before, after.roles, { subject: { userId }, ...by.origin });
  });

  app.get(
    '/api/v1/approvals',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: 'Changes that loosen protection and wait for a second administrator.',
        querystring: ChangeListQuery,
        response: { 200: PendingChangeList },
      },
    },
    async (request) => ({ changes: await approvals.list(request.query.status) }),
  );

  app.post(
    '/api/v1/approvals/:id/approve',
    { config: { access: 'users.manage' }, schema: { tags: ['access'], description: 'Approve and apply; refused to the administrator who asked.', params: IdParams, response: { 200: PendingChange } } },
    async (request) => approvals.approve(requester(request), request.params.id),
  );

  app.post(
    '/api/v1/approvals/:id/deny',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['access'], params: IdParams, body: DenyBody, response: { 200: PendingChange } },
    },
    async (request) => approvals.deny(requester(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/v1/access/job-titles',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: 'Ask to authorize a job title to access ALPR data (R16). It widens access, so it applies once a second administrator approves it.',
        body: JobTitleBody,
        response: { 202: PendingChange },
      },
    },
    async (request, reply) => reply.status(202).send(await jobTitles.requestAdd(requester(request), request.body.title)),
  );

  app.delete(
    '/api/v1/access/job-titles/:title',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['access'], description: 'Stop authorizing a job title; users holding it are refused at the purpose gate at once (R16).', params: Type.Object({ title: Type.String({ minLength: 1 }) }), response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await jobTitles.remove(requester(request), request.params.title);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/users/:id/roles',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: 'Set a user\'s roles. Removing roles applies at once; granting the administrator role waits for a second administrator.',
        params: IdParams,
        body: Type.Object({ roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ roles: Type.Array(Type.String()), pending: Type.Union([PendingChange, Type.Null()]) }) },
      },
    },
    async (request) => setRolesWithApproval(requester(request), request.params.id, request.body.roles, { approvals, access, audit }),
  );
}

/** Applies a role change, holding back a new administrator grant for a second administrator. */
export async function setRolesWithApproval(
  by: ChangeRequester,
  userId: string,
  wanted: Role[],
  { approvals, access, audit }: Omit<ApprovalRouteDeps, 'jobTitles'>,
) {
  const current = await access.me(userId);
  const grantsAdministrator = wanted.includes('administrator') && !current.roles.includes('administrator');
  const now = grantsAdministrator ? wanted.filter((role) => role !== 'administrator') : wanted;
  if (now.length && JSON.stringify([...now].sort()) !== JSON.stringify([...current.roles].sort())) {
    const { before, after } = await access.setRoles(userId, now);
    await audit.recordChange(by.actor, 'user.roles', before, after.roles, { subject: { userId }, ...by.origin });
  }
  const change = grantsAdministrator
    ? await approvals.request(by, 'user.grant_administrator', { userId }, `Grant the administrator role to ${current.username} (${current.displayName})`)
    : null;
  const pending = change?.status === 'pending' ? change : null;
  const { roles } = await access.me(userId);
  return { roles, pending };
}
