// Agency devices' HTTP shapes (R19; STYLE 3): the administrator's registry and the browser's enrollment.
import { Type, type TSchema } from 'typebox';
import { DEVICE_KINDS } from './devices.service.js';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DeviceKindSchema = Type.Enum([...DEVICE_KINDS]);

export const DeviceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  identifier: Type.String(),
  notes: nullable(Type.String()),
  status: Type.Union([Type.Literal('awaiting_enrollment'), Type.Literal('enrolled'), Type.Literal('revoked')]),
  approvedBy: nullable(Type.String()),
  approvedAt: Type.Number(),
  enrollmentExpiresAt: nullable(Type.Number()),
  enrolledAt: nullable(Type.Number()),
  lastSeenAt: nullable(Type.Number()),
  revokedAt: nullable(Type.Number()),
  revokedBy: nullable(Type.String()),
});

export const DeviceList = Type.Object({ devices: Type.Array(DeviceSchema) });

export const IssuedEnrollment = Type.Object({
  device: DeviceSchema,
  enrollmentCode: Type.String({ description: 'Shown this once: type it on the device under "Enroll this device".' }),
  enrollmentExpiresAt: Type.Number(),
});

export const DeviceInputBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    kind: DeviceKindSchema,
    identifier: Type.String({ minLength: 1, maxLength: 120, description: 'The agency asset tag or serial number.' }),
    notes: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const EnrollDeviceBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

const BrowserDevice = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() });

export const EnrolledDevice = Type.Object({ device: BrowserDevice });

export const BrowserDeviceStatus = Type.Object({ required: Type.Boolean(), device: Type.Union([BrowserDevice, Type.Null()]) });
