// The second factor over HTTP (R19). Every route but the administrator's reset is reachable by a
// session that has not finished signing in (permission session.signin; see authorize.ts).
import { Type } from 'typebox';
import { originOf } from '../audit/access-log.js';
import { badRequest } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { ConfirmBody, ConfirmResultSchema, SecondFactorStatusSchema, TotpEnrollmentSchema, VerifyBody, VerifyResultSchema } from './access.schemas.js';
import { userOf } from './authorize.js';
import type { MfaService } from './mfa.service.js';
import { presentSession, sessionCookie } from './sessions.js';

export function registerMfaRoutes(app: HttpServer, mfa: MfaService, options: { secureCookies: boolean; sessionHours: number }) {
  const cookie = (token: string) => sessionCookie(token, options.sessionHours * 3600, options.secureCookies);

  app.get(
    '/api/v1/auth/mfa',
    {
      config: { access: 'session.signin' },
      schema: {
        tags: ['access'],
        description: 'Your second factor: enrolled or not, and how many recovery codes are left.',
        response: { 200: SecondFactorStatusSchema },
      },
    },
    async (request) => mfa.status(userOf(request).userId),
  );

  app.post(
    '/api/v1/auth/mfa/enroll',
    {
      config: { access: 'session.signin' },
      schema: {
        tags: ['access'],
        description: 'Start enrolling an authenticator app (TOTP, RFC 6238). The secret is shown this once; show `uri` as a QR code. Then confirm with POST /api/v1/auth/mfa/confirm.',
        response: { 200: TotpEnrollmentSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return mfa.enroll(userOf(request));
    },
  );

  app.post(
    '/api/v1/auth/mfa/confirm',
    {
      config: { access: 'session.signin' },
      schema: {
        tags: ['access'],
        description: 'Confirm enrollment with the first code. Finishes signing in (a new session token) and returns ten one-time recovery codes, shown this once.',
        body: ConfirmBody,
        response: { 200: ConfirmResultSchema },
      },
    },
    async (request, reply) => {
      const result = await mfa.confirm(userOf(request), request.body.code, originOf(request));
      reply.header('set-cookie', cookie(result.token)).header('cache-control', 'no-store');
      return presentSession(request.headers, result);
    },
  );

  app.post(
    '/api/v1/auth/mfa/verify',
    {
      config: { access: 'session.signin' },
      schema: {
        tags: ['access'],
        description: 'The second step of sign-in: send `code` (from the authenticator app) or `recoveryCode` (each works once). Finishes signing in with a new session token.',
        body: VerifyBody,
        response: { 200: VerifyResultSchema },
      },
    },
    async (request, reply) => {
      const { code, recoveryCode } = request.body;
      if ((code === undefined) === (recoveryCode === undefined)) throw badRequest('code_or_recovery_code', 'Send either code (from your authenticator app) or recoveryCode, not both and not neither.', code === undefined ? 'code' : 'recoveryCode');
      const proof = code !== undefined ? { code } : { recoveryCode: recoveryCode! };
      const result = await mfa.verify(userOf(request), proof, originOf(request));
      reply.header('set-cookie', cookie(result.token));
      return presentSession(request.headers, result);
    },
  );

  app.post(
    '/api/v1/users/:id/mfa/reset',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['access'],
        description: 'Reset a user\'s second factor (a lost phone): removes the authenticator and recovery codes and ends the user\'s sessions; the user enrolls again at next sign-in.',
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await mfa.reset(request.params.id, userOf(request), originOf(request));
      return reply.status(204).send(null);
    },
  );
}
