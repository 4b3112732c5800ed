// The check every API route goes through: the route's declared access against the caller. A user
// signs in with a session (cookie or bearer token); a camera with its ingest key.
import type { FastifyRequest } from 'fastify';
import type { CameraPrincipal, CamerasService } from '../cameras/cameras.service.js';
import { keyFromHeaders } from '../cameras/camera-keys.js';
import { AppError, forbidden, unauthenticated } from '../platform/errors.js';
import type { AccessService, UserPrincipal } from './access.service.js';
import { isPermission, rolesGrant, ROLE_LABELS, PERMISSIONS, type Permission } from './permissions.js';
import { tokenFrom } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: UserPrincipal | CameraPrincipal;
  }
}

export function createAuthorizer(access: AccessService, cameras: CamerasService) {
  return async function authorize(request: FastifyRequest, declared: string): Promise<void> {
    if (declared === 'public') return;
    if (declared === 'camera') {
      request.principal = await cameras.verifyKey(keyFromHeaders(request.headers));
      return;
    }
    if (!isPermission(declared)) throw new AppError('internal', 500, `Route declares unknown permission ${declared}.`);
    const token = tokenFrom(request.headers);
    const user = token ? await access.authenticate(token) : undefined;
    if (!user) throw unauthenticated(token ? 'Your session has ended (signed out, timed out or revoked); sign in again.' : undefined);
    const unfinished = signinGate(user, declared);
    if (unfinished) throw unfinished;
    if (!rolesGrant(user.roles, declared)) {
      const holders = PERMISSIONS[declared].map((role) => ROLE_LABELS[role]).join(', ');
      throw forbidden('permission_denied', `This needs the permission ${declared}, which only these roles hold: ${holders}. Ask the ALPR Administrator if your job needs it.`);
    }
    request.principal = user;
  };
}

/**
 * A session that has not finished signing in reaches only the sign-in routes (R19): no second factor
 * yet, no ALPR data. A temporary password is changed before anything else (R14).
 */
function signinGate(user: UserPrincipal, declared: Permission): AppError | undefined {
  if (declared === 'session.signin') return undefined;
  if (user.signinStep === 'enroll' && declared !== 'session.password') {
    return forbidden('second_factor_required', 'Set up your second factor first: POST /api/v1/auth/mfa/enroll, add the key to an authenticator app, then POST /api/v1/auth/mfa/confirm with the code it shows (R19).');
  }
  if (user.signinStep === 'totp') {
    return forbidden('second_factor_required', 'Finish signing in with your second factor: POST /api/v1/auth/mfa/verify with the 6-digit code from your authenticator app, or with one of your recovery codes (R19).');
  }
  if (user.mustChangePassword && declared !== 'session.password') {
    return forbidden('password_change_required', 'Change your temporary password first: POST /api/v1/auth/password.');
  }
  return undefined;
}

export function userOf(request: FastifyRequest): UserPrincipal {
  if (request.principal?.kind !== 'user') throw unauthenticated();
  return request.principal;
}

export function cameraOf(request: FastifyRequest): CameraPrincipal {
  if (request.principal?.kind !== 'camera') throw unauthenticated('This route takes a camera key.');
  return request.principal;
}
