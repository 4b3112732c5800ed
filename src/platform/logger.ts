import pino, { type Logger } from 'pino';

export type { Logger };

/** The process logger. Secrets never go in: request bodies and auth headers are not logged. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'] });
}
