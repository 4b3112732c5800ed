// A small typed client for /api/v1. Every shape comes from the server (STYLE 3): TypeBox schemas
// through Static<>, and server types where a route still defines its schema inline. All imports
// from src/ are type-only, so nothing server-side reaches the bundle.
import type { Static } from 'typebox';
import type { PublicUser } from '../../../src/access/access.service.js';
import type { Permission } from '../../../src/access/permissions.js';
import type {
  Camera as CameraSchema,
  CameraHealthView as CameraHealthViewSchema,
  CameraInput as CameraInputSchema,
  CameraKey as CameraKeySchema,
  CameraUpdate as CameraUpdateSchema,
  IssuedKey as IssuedKeySchema,
  RegisteredCamera as RegisteredCameraSchema,
} from '../../../src/cameras/cameras.schemas.js';
import type { IngestBatch as IngestBatchSchema } from '../../../src/ingest/ingest.schemas.js';
import type { AppError, ErrorDetail } from '../../../src/platform/errors.js';

export type Camera = Static<typeof CameraSchema>;
export type CameraInput = Static<typeof CameraInputSchema>;
export type CameraUpdate = Static<typeof CameraUpdateSchema>;
export type CameraKey = Static<typeof CameraKeySchema>;
export type CameraHealthView = Static<typeof CameraHealthViewSchema>;
export type IssuedKey = Static<typeof IssuedKeySchema>;
export type RegisteredCamera = Static<typeof RegisteredCameraSchema>;
export type IngestBatch = Static<typeof IngestBatchSchema>;
// access.routes.ts declares its user schema inline; PublicUser is the service's type for the same answer.
export type User = PublicUser;
export type { Permission };
export interface Me {
  user: User;
  permissions: Permission[];
}

/** The body of every error answer: `{ error: { id, message, field?, details? } }` (platform/http.ts). */
type ErrorBody = {
  error: Pick<AppError, 'id' | 'message' | 'field' | 'details'>;
};

/** An error answer from the API. `message` is written for the user; show it as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly field?: string,
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isErrorBody = (data: unknown): data is ErrorBody =>
  typeof data === 'object' && data !== null && typeof (data as { error?: { message?: unknown } }).error?.message === 'string';

let unauthenticatedHandler: ((error: ApiError) => void) | undefined;

/** Called when any request (but sign-in and the session check) answers 401: the session is over. */
export function onUnauthenticated(handler: (error: ApiError) => void): () => void {
  unauthenticatedHandler = handler;
  return () => {
    if (unauthenticatedHandler === handler) unauthenticatedHandler = undefined;
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function request(method: Method, path: string, body?: unknown, options: { expect401?: boolean } = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server did not answer. Check the connection and try again.');
  }
  if (response.status === 204) return undefined;
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data;
  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.id, data.error.message, data.error.field, data.error.details)
    : new ApiError(response.status, 'unexpected_answer', `The server answered ${response.status} ${response.statusText}; try again.`);
  if (response.status === 401 && !options.expect401) unauthenticatedHandler?.(error);
  throw error;
}

const call = <T>(method: Method, path: string, body?: unknown, options?: { expect401?: boolean }) => request(method, path, body, options) as Promise<T>;
const send = async (method: Method, path: string, body?: unknown): Promise<void> => {
  await request(method, path, body);
};
const cameraPath = (id: string) => `/cameras/${encodeURIComponent(id)}`;

export const api = {
  // access.routes.ts: the sign-in and password bodies are inline schemas.
  signIn: (username: string, password: string) => call<{ user: User }>('POST', '/auth/sign-in', { username, password }, { expect401: true }),
  signOut: () => send('POST', '/auth/sign-out'),
  me: () => call<Me>('GET', '/auth/me', undefined, { expect401: true }),
  changePassword: (currentPassword: string, newPassword: string) => send('POST', '/auth/password', { currentPassword, newPassword }),

  cameras: async () => (await call<{ cameras: Camera[] }>('GET', '/cameras')).cameras,
  registerCamera: (input: CameraInput) => call<RegisteredCamera>('POST', '/cameras', input),
  updateCamera: (id: string, changes: CameraUpdate) => call<Camera>('PATCH', cameraPath(id), changes),
  cameraKeys: async (id: string) => (await call<{ keys: CameraKey[] }>('GET', `${cameraPath(id)}/keys`)).keys,
  issueKey: (id: string, label?: string) => call<IssuedKey>('POST', `${cameraPath(id)}/keys`, label ? { label } : {}),
  revokeKey: (id: string, keyId: string) => send('DELETE', `${cameraPath(id)}/keys/${encodeURIComponent(keyId)}`),

  ingestHealth: async () => (await call<{ cameras: CameraHealthView[] }>('GET', '/ingest/health')).cameras,
};

/** The password rules, as the server states them in the password route's OpenAPI description. */
export async function passwordRules(): Promise<string | undefined> {
  try {
    const response = await fetch('/api/openapi.json', {
      credentials: 'same-origin',
    });
    if (!response.ok) return undefined;
    const doc = (await response.json()) as {
      paths?: Record<string, { post?: { description?: string } }>;
    };
    const description = doc.paths?.['/api/v1/auth/password']?.post?.description ?? '';
    return /Rules: (.+?)\.(?: Requires:|$)/.exec(description)?.[1];
  } catch {
    return undefined;
  }
}
