// Sign-in, sign-out, the current user, and the administrator's user list (R14, R16).
import { Type } from 'typebox';
import type { HttpServer } from '../platform/http.js';
import type { AccessService } from './access.service.js';
import { userOf } from './authorize.js';
import { ROLES, permissionsOf } from './permissions.js';
import { clearedSessionCookie, sessionCookie, tokenFrom } from './sessions.js';
import { PASSWORD_RULES } from './passwords.js';

const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

const PublicUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  jobTitle: Type.String(),
  status: Type.String(),
  roles: Type.Array(Type.String()),
  lastActiveAt: Type.Union([Type.Number(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
});

export function registerAccessRoutes(app: HttpServer, access: AccessService, options: { secureCookies: boolean; sessionHours: number }) {
  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['access'],
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 80 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.Number(), user: PublicUser }) },
      },
    },
    async (request, reply) => {
      const result = await access.signIn({ ...request.body, clientAddress: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      reply.header('set-cookie', sessionCookie(result.token, options.sessionHours * 3600, options.secureCookies));
      return result;
    },
  );

  app.post('/api/v1/auth/sign-out', { config: { access: 'session.self' }, schema: { tags: ['access'], response: { 204: Type.Null() } } }, async (request, reply) => {
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
    { config: { access: 'session.self' }, schema: { tags: ['access'], response: { 200: Type.Object({ user: PublicUser, permissions: Type.Array(Type.String()) }) } } },
    async (request) => {
      const principal = userOf(request);
      return { user: await access.me(principal.userId), permissions: permissionsOf(principal.roles) };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'session.self' },
      schema: {
        tags: ['access'],
        description: `Change your password. Rules: ${PASSWORD_RULES}.`,
        body: Type.Object({ currentPassword: Type.String({ minLength: 1 }), newPassword: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await access.changePassword(userOf(request).userId, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get('/api/v1/users', { config: { access: 'users.view' }, schema: { tags: ['access'], response: { 200: Type.Object({ users: Type.Array(PublicUser) }) } } }, async () => ({
    users: await access.listUsers(),
  }));

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: `Create an individual account (R14). Password rules: ${PASSWORD_RULES}; the user must change it at first sign-in.`,
        body: Type.Object(
          {
            username: Type.String({ minLength: 3, maxLength: 40 }),
            displayName: Type.String({ minLength: 1, maxLength: 120 }),
            jobTitle: Type.String({ minLength: 1, maxLength: 120 }),
            roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: PublicUser },
      },
    },
    async (request, reply) => reply.status(201).send(await access.createUser(request.body)),
  );
}
