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

/**
 * The purpose the user stated for this session (R17, R21): its id goes with every request as
 * X-Purpose-Id, and with image URLs as ?purpose=, so pages that show ALPR data need not ask again.
 * The server checks it again on each use. Kept in sessionStorage: gone when the tab closes.
 */
const PURPOSE_KEY = 'platekeeper.statedPurpose';
export interface StatedPurposeRef {
  purposeId: string;
  caseNumber: string;
  category: string;
  reason: string;
}
export function statedPurpose(): StatedPurposeRef | undefined {
  try {
    const raw = sessionStorage.getItem(PURPOSE_KEY);
    return raw ? (JSON.parse(raw) as StatedPurposeRef) : undefined;
  } catch {
    return undefined;
  }
}
export function setStatedPurpose(purpose: StatedPurposeRef | undefined): void {
  if (purpose) sessionStorage.setItem(PURPOSE_KEY, JSON.stringify(purpose));
  else sessionStorage.removeItem(PURPOSE_KEY);
}
/** A URL under /api/v1 that carries the stated purpose, for <img src> and downloads (no headers there). */
export function withPurpose(path: string): string {
  const id = statedPurpose()?.purposeId;
  if (!id) return `/api/v1${path}`;
  return `/api/v1${path}${path.includes('?') ? '&' : '?'}purpose=${encodeURIComponent(id)}`;
}

async function request(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<unknown> {
  let response: Response;
  const purposeId = statedPurpose()?.purposeId;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (purposeId) headers['x-purpose-id'] = purposeId;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers,
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
