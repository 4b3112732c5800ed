// Sign-in, sign-out, the current user, and the administrator's user list (R14, R16).
import { Type } from 'typebox';
import { originOf, type AuditRecorder } from '../audit/access-log.js';
import { isAppError } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import type { ApprovalsService } from './approvals.service.js';
import type { AccessService } from './access.service.js';
import { MeSchema, NewUserBody, PasswordChangeBody, PublicUser, SignInBody, SignInResultSchema, UserList } from './access.schemas.js';
import { userOf } from './authorize.js';
import { permissionsOf } from './permissions.js';
import { deviceTokenFrom } from './devices.tokens.js';
import { clearedSessionCookie, presentSession, sessionCookie, tokenFrom } from './sessions.js';
import { PASSWORD_RULES } from './passwords.js';

// lifecycle.routes.ts and mfa.routes.ts import the user schema from here.
export { PublicUser };

export function registerAccessRoutes(app: HttpServer, access: AccessService, options: { secureCookies: boolean; sessionHours: number }, audit: AuditRecorder, approvals: ApprovalsService) {
  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['access'],
        body: SignInBody,
        description:
          'Step one of sign-in (from an agency device when the profile requires one: cookie pk_device). `step` says what comes next: "enroll" (set up a second factor: POST /api/v1/auth/mfa/enroll), "totp" (POST /api/v1/auth/mfa/verify), or "done". Until then the session reaches only the sign-in routes.',
        response: { 200: SignInResultSchema },
      },
    },
    async (request, reply) => {
      // Every sign-in is logged (R25, R29); a failure with the username tried (never the password) and why.
      const result = await access.signIn({ ...request.body, clientAddress: request.ip, userAgent: request.headers['user-agent'] ?? '', deviceToken: deviceTokenFrom(request.headers) }).catch(async (error: unknown) => {
        await audit.recordAuth({ action: 'auth.sign_in_failed', username: request.body.username, userId: null, failure: isAppError(error) ? error.id : 'internal', ...originOf(request) });
        throw error;
      });
      await audit.recordAuth({ action: 'auth.sign_in', username: result.user.username, userId: result.user.id, details: { step: result.step }, ...originOf(request) });
      reply.header('set-cookie', sessionCookie(result.token, options.sessionHours * 3600, options.secureCookies));
      return presentSession(request.headers, result);
    },
  );

  app.post('/api/v1/auth/sign-out', { config: { access: 'session.signin' }, schema: { tags: ['access'], response: { 204: Type.Null() } } }, async (request, reply) => {
    const token = tokenFrom(request.headers);
    if (token) await access.signOut(token);
    reply.header('set-cookie', clearedSessionCookie());
    return reply.status(204).send(null);
  });

  app.post('/api/v1/auth/sign-out-everywhere', { config: { access: 'session.self' }, schema: { tags: ['access'], response: { 204: Type.Null() } } }, async (request, reply) => {
    await access.signOutEverywhere(userOf(request).userId);
    reply.header('set-cookie', clearedSessionCookie());
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'session.signin' },
      schema: {
        tags: ['access'],
        description: 'Who you are, what your roles allow, and what sign-in still needs (signinStep: enroll, totp or done).',
        response: { 200: MeSchema },
      },
    },
    async (request) => {
      const principal = userOf(request);
      return { user: await access.me(principal.userId), permissions: permissionsOf(principal.roles), signinStep: principal.signinStep };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'session.password' },
      schema: {
        tags: ['access'],
        description: `Change your password. Rules: ${PASSWORD_RULES}. Before a second factor exists (first sign-in) this works from a session that has not finished signing in; otherwise sign in fully first.`,
        body: PasswordChangeBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await access.changePassword(userOf(request).userId, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get('/api/v1/users', { config: { access: 'users.view' }, schema: { tags: ['access'], response: { 200: UserList } } }, async () => ({
    users: await access.listUsers(),
  }));

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: `Create an individual account (R14). Password rules: ${PASSWORD_RULES}; the user must change it at first sign-in.`,
        body: NewUserBody,
        response: { 201: PublicUser },
      },
    },
    async (request, reply) => {
      // Granting the administrator role loosens protection: the account is created without it and
      // the grant waits for a second administrator (approvals.routes.ts).
      const by = userOf(request);
      const wantsAdministrator = request.body.roles.includes('administrator');
      const roles = request.body.roles.filter((role) => role !== 'administrator');
      const created = await access.createUser({ ...request.body, roles }, { rolesPending: wantsAdministrator });
      await audit.recordChange(by, 'user.create', null, created, { subject: { userId: created.id }, ...originOf(request) });
      if (wantsAdministrator) {
        await approvals.request({ actor: { userId: by.userId, username: by.username }, origin: originOf(request) }, 'user.grant_administrator', { userId: created.id }, `Grant the administrator role to ${created.username} (${created.displayName})`);
      }
      const user = await access.me(created.id);
      return reply.status(201).send(user);
    },
  );
}
