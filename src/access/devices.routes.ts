// Agency devices over HTTP (R19): the administrator's registry, and enrollment by the browser on
// the device (which receives its token in the HttpOnly cookie pk_device).
import { Type } from 'typebox';
import { originOf } from '../audit/access-log.js';
import type { HttpServer } from '../platform/http.js';
import { userOf } from './authorize.js';
import { BrowserDeviceStatus, DeviceInputBody, DeviceList, DeviceSchema, EnrollDeviceBody, EnrolledDevice, IssuedEnrollment } from './devices.schemas.js';
import type { DevicesService } from './devices.service.js';
import { deviceCookie, deviceTokenFrom } from './devices.tokens.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

export function registerDeviceRoutes(app: HttpServer, devices: DevicesService, options: { secureCookies: boolean }) {
  app.get('/api/v1/devices', { config: { access: 'devices.manage' }, schema: { tags: ['devices'], response: { 200: DeviceList } } }, async () => ({
    devices: await devices.list(),
  }));

  app.post(
    '/api/v1/devices',
    {
      config: { access: 'devices.manage' },
      schema: {
        tags: ['devices'],
        description: 'Approve an agency-issued device (R19). The answer holds a one-time enrollment code, shown this once.',
        body: DeviceInputBody,
        response: { 201: IssuedEnrollment },
      },
    },
    async (request, reply) => reply.status(201).header('cache-control', 'no-store').send(await devices.register(request.body, userOf(request), originOf(request))),
  );

  app.post(
    '/api/v1/devices/:id/enrollment-code',
    {
      config: { access: 'devices.manage' },
      schema: { tags: ['devices'], description: 'A new enrollment code for the device (the previous code stops working; enrolling with it replaces the device token).', params: IdParams, response: { 200: IssuedEnrollment } },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await devices.reissueCode(request.params.id, userOf(request), originOf(request))),
  );

  app.post(
    '/api/v1/devices/:id/revoke',
    { config: { access: 'devices.manage' }, schema: { tags: ['devices'], description: 'Revoke the device: its sessions end and it can no longer sign in.', params: IdParams, response: { 200: DeviceSchema } } },
    async (request) => devices.revoke(request.params.id, userOf(request), originOf(request)),
  );

  app.post(
    '/api/v1/devices/enroll',
    {
      config: { access: 'public' },
      schema: {
        tags: ['devices'],
        description: 'On the device itself: trade the enrollment code for a device token, set as the HttpOnly cookie pk_device that sign-in checks.',
        body: EnrollDeviceBody,
        response: { 200: EnrolledDevice },
      },
    },
    async (request, reply) => {
      const { device, token } = await devices.enroll(request.body.code, originOf(request));
      reply.header('set-cookie', deviceCookie(token, options.secureCookies));
      return { device: { id: device.id, name: device.name, kind: device.kind } };
    },
  );

  app.get(
    '/api/v1/auth/device',
    {
      config: { access: 'public' },
      schema: {
        tags: ['devices'],
        description: 'For the sign-in screen: whether sign-in needs an agency device, and whether this browser is one.',
        response: { 200: BrowserDeviceStatus },
      },
    },
    async (request) => devices.describeBrowser(deviceTokenFrom(request.headers)),
  );
}
