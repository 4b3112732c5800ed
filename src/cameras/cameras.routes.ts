// The camera registry over HTTP (R1, R4): register with placement attestation, keys shown once.
import { Type } from 'typebox';
import { userOf } from '../access/authorize.js';
import { originOf, type AuditRecorder } from '../audit/access-log.js';
import type { HttpServer } from '../platform/http.js';
import { Camera, CameraHealthView, CameraInput, CameraKey, CameraUpdate, IssuedKey, RegisteredCamera } from './cameras.schemas.js';
import type { CamerasService } from './cameras.service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

export function registerCameraRoutes(app: HttpServer, cameras: CamerasService, audit: AuditRecorder) {
  app.get('/api/v1/cameras', { config: { access: 'cameras.view' }, schema: { tags: ['cameras'], response: { 200: Type.Object({ cameras: Type.Array(Camera) }) } } }, async () => ({
    cameras: await cameras.list(),
  }));

  app.post(
    '/api/v1/cameras',
    {
      config: { access: 'cameras.manage' },
      schema: { tags: ['cameras'], description: 'Register a camera with its placement attestation (R4). The answer holds its ingest key, shown this once.', body: CameraInput, response: { 201: RegisteredCamera } },
    },
    async (request, reply) => {
      const registered = await cameras.register(request.body, userOf(request).username);
      // The key's secret stays out of the log: only the camera and the key id.
      await audit.recordChange(userOf(request), 'camera.register', null, { ...registered.camera, keyId: registered.key.keyId }, { subject: { cameraId: registered.camera.id }, ...originOf(request) });
      return reply.status(201).send(registered);
    },
  );

  app.get('/api/v1/cameras/:id', { config: { access: 'cameras.view' }, schema: { tags: ['cameras'], params: IdParams, response: { 200: Camera } } }, async (request) =>
    cameras.get(request.params.id),
  );

  app.patch(
    '/api/v1/cameras/:id',
    { config: { access: 'cameras.manage' }, schema: { tags: ['cameras'], params: IdParams, body: CameraUpdate, response: { 200: Camera } } },
    async (request) => {
      const { before, after } = await cameras.update(request.params.id, request.body);
      await audit.recordChange(userOf(request), 'camera.update', before, after, { subject: { cameraId: request.params.id }, ...originOf(request) });
      return after;
    },
  );

  app.get(
    '/api/v1/cameras/:id/keys',
    { config: { access: 'cameras.manage' }, schema: { tags: ['cameras'], params: IdParams, response: { 200: Type.Object({ keys: Type.Array(CameraKey) }) } } },
    async (request) => ({ keys: await cameras.keys(request.params.id) }),
  );

  app.post(
    '/api/v1/cameras/:id/keys',
    {
      config: { access: 'cameras.manage' },
      schema: { tags: ['cameras'], params: IdParams, body: Type.Optional(Type.Object({ label: Type.Optional(Type.String({ maxLength: 80 })) }, { additionalProperties: false })), response: { 201: IssuedKey } },
    },
    async (request, reply) => {
      const issued = await cameras.issueKey(request.params.id, userOf(request).username, request.body?.label);
      await audit.recordChange(userOf(request), 'camera.key_issue', null, { keyId: issued.keyId, label: request.body?.label ?? null }, { subject: { cameraId: request.params.id }, ...originOf(request) });
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    '/api/v1/cameras/:id/keys/:keyId',
    { config: { access: 'cameras.manage' }, schema: { tags: ['cameras'], params: Type.Object({ id: Type.String(), keyId: Type.String() }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      const keyOf = async () => (await cameras.keys(request.params.id)).find((key) => key.id === request.params.keyId) ?? null;
      const before = await keyOf().catch(() => null); // revokeKey below gives the error for an unknown camera or key
      await cameras.revokeKey(request.params.id, request.params.keyId);
      await audit.recordChange(userOf(request), 'camera.key_revoke', before, await keyOf(), { subject: { cameraId: request.params.id, keyId: request.params.keyId }, ...originOf(request) });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/ingest/health',
    { config: { access: 'ingest.health' }, schema: { tags: ['cameras'], description: 'Per camera: last seen, reads per minute, accepted, duplicate and rejected reads.', response: { 200: Type.Object({ cameras: Type.Array(CameraHealthView) }) } } },
    async () => ({ cameras: await cameras.healthReport() }),
  );
}
