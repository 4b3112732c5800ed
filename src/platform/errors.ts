// Stable, machine-readable errors (STYLE 4). Every error the API or CLI shows is an AppError with a
// snake_case id, an HTTP status and a message that says what to do. Anything else is a bug and is
// reported as a plain 500 by the HTTP layer.

export interface ErrorDetail {
  /** JSON-pointer-ish path of the offending field, e.g. `reads/3/capturedAt`. */
  field?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export const badRequest = (id: string, message: string, field?: string, details?: ErrorDetail[]) =>
  new AppError(id, 400, message, field, details);
export const unauthenticated = (message = 'Sign in first: this needs a valid session or API key.') =>
  new AppError('unauthenticated', 401, message);
export const forbidden = (id: string, message: string) => new AppError(id, 403, message);
export const notFound = (what: string, id?: string) =>
  new AppError(`${what.replace(/\s+/g, '_')}_not_found`, 404, `No ${what}${id ? ` with id ${id}` : ''} exists.`);
export const conflict = (id: string, message: string, field?: string) => new AppError(id, 409, message, field);
export const payloadTooLarge = (id: string, message: string) => new AppError(id, 413, message);
export const unprocessable = (id: string, message: string, details?: ErrorDetail[]) =>
  new AppError(id, 422, message, undefined, details);
export const unavailable = (id: string, message: string) => new AppError(id, 503, message);

/** The CLI's exit code for an error (sysexits.h where one fits). */
export function exitCodeFor(error: unknown): number {
  if (!isAppError(error)) return 70; // EX_SOFTWARE
  if (error.status === 401 || error.status === 403) return 77; // EX_NOPERM
  if (error.status === 404) return 66; // EX_NOINPUT
  if (error.status === 503) return 69; // EX_UNAVAILABLE
  if (error.status >= 400 && error.status < 500) return 65; // EX_DATAERR
  return 70;
}
