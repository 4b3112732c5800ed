// The check every API route goes through: the route's declared access against the caller. A user
// signs in with a session (cookie or bearer token); a camera with its ingest key.
import type { FastifyRequest } from 'fastify';
import type { CameraPrincipal, CamerasService } from '../cameras/cameras.service.js';
import { keyFromHeaders } from '../cameras/camera-keys.js';
import { AppError, forbidden, unauthenticated } from '../platform/errors.js';
import type { AccessService, UserPrincipal } from './access.service.js';
import { isPermission, rolesGrant, ROLE_LABELS, PERMISSIONS } from './permissions.js';
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
    if (!rolesGrant(user.roles, declared)) {
      const holders = PERMISSIONS[declared].map((role) => ROLE_LABELS[role]).join(', ');
      throw forbidden('permission_denied', `This needs the permission ${declared}, which only these roles hold: ${holders}. Ask the ALPR Administrator if your job needs it.`);
    }
    request.principal = user;
  };
}

export function userOf(request: FastifyRequest): UserPrincipal {
  if (request.principal?.kind !== 'user') throw unauthenticated();
  return request.principal;
}

export function cameraOf(request: FastifyRequest): CameraPrincipal {
  if (request.principal?.kind !== 'camera') throw unauthenticated('This route takes a camera key.');
  return request.principal;
}
