// The administrator's account-lifecycle actions over HTTP (R18): reinstate, annual review, left the
// agency, job title. All need users.manage.
import { Type } from 'typebox';
import { originOf } from '../audit/access-log.js';
import type { HttpServer } from '../platform/http.js';
import { PublicUser } from './access.routes.js';
import { userOf } from './authorize.js';
import type { LifecycleService } from './lifecycle.service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

export function registerLifecycleRoutes(app: HttpServer, lifecycle: LifecycleService) {
  app.post(
    '/api/v1/users/:id/reinstate',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: 'Reactivate a suspended account (R18). It counts as a new approval; the user retrains before data access (R15). A user suspended for an unauthorized job title needs an authorized title first.',
        params: IdParams,
        response: { 200: PublicUser },
      },
    },
    async (request) => lifecycle.reinstate(request.params.id, userOf(request), originOf(request)),
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['access'], description: 'Lift the lock after repeated failed sign-ins (it also ends by itself after 15 minutes).', params: IdParams, response: { 200: PublicUser } },
    },
    async (request) => lifecycle.unlock(request.params.id, userOf(request), originOf(request)),
  );

  app.post(
    '/api/v1/users/:id/approve',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['access'], description: 'Record the periodic review of an active account\'s approval (R18); the next review falls due one interval later.', params: IdParams, response: { 200: PublicUser } },
    },
    async (request) => lifecycle.approve(request.params.id, userOf(request), originOf(request)),
  );

  app.post(
    '/api/v1/users/:id/leave',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: 'The user left the agency (R18): the account is deleted (sessions ended, password and second factor wiped); the username stays so the access log keeps naming them.',
        params: IdParams,
        response: { 200: PublicUser },
      },
    },
    async (request) => lifecycle.markLeft(request.params.id, userOf(request), originOf(request)),
  );

  app.put(
    '/api/v1/users/:id/job-title',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: 'Change a user\'s job title. A title not in the profile\'s authorized job titles (access.authorizedJobTitles) ends access: the account is suspended until the user re-applies and retrains (R16, R18).',
        params: IdParams,
        body: Type.Object({ jobTitle: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false }),
        response: { 200: PublicUser },
      },
    },
    async (request) => lifecycle.changeJobTitle(request.params.id, request.body.jobTitle, userOf(request), originOf(request)),
  );
}
