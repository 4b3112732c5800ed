// The requests under the typed client: JSON in and out, the API's error body as an ApiError, and
// the two answers that change the whole app (the session ended; sign-in is not finished).
import type { AppError, ErrorDetail } from '../../../src/platform/errors.js';

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

/** 403s that mean the session must finish signing in first (authorize.ts: signinGate), not that the role lacks a permission. */
const SIGN_IN_UNFINISHED = new Set(['second_factor_required', 'password_change_required']);

let unauthenticatedHandler: ((error: ApiError) => void) | undefined;
let unfinishedHandler: ((error: ApiError) => void) | undefined;

/** Called when any request (but sign-in and the session check) answers 401: the session is over. */
export function onUnauthenticated(handler: (error: ApiError) => void): () => void {
  unauthenticatedHandler = handler;
  return () => {
    if (unauthenticatedHandler === handler) unauthenticatedHandler = undefined;
  };
}

/** Called when a request answers that sign-in is not finished (a second factor, a password change). */
export function onSignInUnfinished(handler: (error: ApiError) => void): () => void {
  unfinishedHandler = handler;
  return () => {
    if (unfinishedHandler === handler) unfinishedHandler = undefined;
  };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** A 401 is an answer for the caller (wrong password, no session yet), not the end of the session. */
  expect401?: boolean;
}

async function request(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<unknown> {
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
  if (response.status === 403 && SIGN_IN_UNFINISHED.has(error.id)) unfinishedHandler?.(error);
  throw error;
}

export const call = <T>(method: Method, path: string, body?: unknown, options?: RequestOptions) => request(method, path, body, options) as Promise<T>;

export const send = async (method: Method, path: string, body?: unknown): Promise<void> => {
  await request(method, path, body);
};

/** A query string from the filters that are set (empty strings and undefined left out). */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const segment = (id: string) => encodeURIComponent(id);
