// The access room's HTTP shapes (STYLE 3): accounts, sign-in and the second factor. One schema each
// for validation, the TypeScript type (the web app derives its types from these through Static<>),
// serialization and OpenAPI.
import { Type } from 'typebox';
import { ROLES } from './permissions.js';

export const RoleSchema = Type.Enum([...ROLES], { description: 'A role (R16).' });

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const PublicUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  jobTitle: Type.String(),
  status: Type.String(),
  roles: Type.Array(Type.String()),
  lastActiveAt: NullableNumber,
  mustChangePassword: Type.Boolean(),
  statusCause: Type.Union([Type.String(), Type.Null()], { description: 'R18: why the account is not active: inactivity, review_overdue, job_title or left.' }),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  statusChangedAt: NullableNumber,
  approvedAt: NullableNumber,
  reviewDueAt: Type.Union([Type.Number(), Type.Null()], { description: 'R18: when the approval review falls due; past it the account is suspended.' }),
  needsRetraining: Type.Boolean({ description: 'R15: reactivated; retrains before data access.' }),
  secondFactorEnrolled: Type.Boolean(),
});

export const SignInBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 80 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const SigninStepSchema = Type.Union([Type.Literal('enroll'), Type.Literal('totp'), Type.Literal('done')], {
  description: 'What the client does next: enroll a second factor (POST /api/v1/auth/mfa/enroll), enter a code (POST /api/v1/auth/mfa/verify), or nothing (done).',
});

export const SignInResultSchema = Type.Object({
  step: SigninStepSchema,
  token: Type.Optional(
    Type.String({ description: 'The session token, only for API clients that send `X-Platekeeper-Token: body`; browsers get it only in the HttpOnly cookie, out of reach of page scripts.' }),
  ),
  expiresAt: Type.Number(),
  user: PublicUser,
});

export const MeSchema = Type.Object({ user: PublicUser, permissions: Type.Array(Type.String()), signinStep: SigninStepSchema });

export const PasswordChangeBody = Type.Object({ currentPassword: Type.String({ minLength: 1 }), newPassword: Type.String({ minLength: 1 }) }, { additionalProperties: false });

export const UserList = Type.Object({ users: Type.Array(PublicUser) });

export const NewUserBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    jobTitle: Type.String({ minLength: 1, maxLength: 120 }),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

// The second factor (R19).

export const SecondFactorStatusSchema = Type.Object({
  enrolled: Type.Boolean(),
  enrolledAt: Type.Union([Type.Number(), Type.Null()]),
  pending: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
});

export const TotpEnrollmentSchema = Type.Object({
  secret: Type.String(),
  uri: Type.String(),
  issuer: Type.String(),
  accountName: Type.String(),
  algorithm: Type.String(),
  digits: Type.Integer(),
  period: Type.Integer(),
});

const Code = Type.String({ minLength: 6, maxLength: 10, description: 'The 6-digit code the authenticator app shows now.' });

export const ConfirmBody = Type.Object({ code: Code }, { additionalProperties: false });

export const ConfirmResultSchema = Type.Object({ ...SignInResultSchema.properties, recoveryCodes: Type.Array(Type.String()) });

export const VerifyBody = Type.Object({ code: Type.Optional(Code), recoveryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }, { additionalProperties: false });

export const VerifyResultSchema = Type.Object({ ...SignInResultSchema.properties, recoveryCodesLeft: Type.Integer() });
