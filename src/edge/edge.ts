// `platekeeper edge` put together (issue 10): the journal, the receiver in front of it and the
// forwarder behind it, plus a periodic backlog line in the log.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { BackoffOptions } from './backoff.js';
import { Forwarder, type ForwarderStatus } from './forwarder.js';
import { Journal } from './journal.js';
import { Receiver } from './receiver.js';

export interface EdgeOptions {
  server: string;
  key: string;
  journalDir: string;
  host?: string;
  port?: number;
  batch?: number;
  /** IANA zone for vendor clock times without a zone (default UTC). */
  timeZone?: string;
  backoff?: BackoffOptions;
  idleMs?: number;
  /** How often the backlog line is logged (default 60 s; 0: never). */
  reportEveryMs?: number;
  segmentEntries?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface EdgeStatus extends ForwarderStatus {
  journal: string;
  segments: number;
}

export interface EdgeUnit {
  url: string;
  journal: Journal;
  status(): EdgeStatus;
  close(): Promise<void>;
}

export async function startEdge(options: EdgeOptions): Promise<EdgeUnit> {
  const log = options.log ?? ((line: string) => console.log(line));
  const journalDir = resolve(options.journalDir);
  const journal = await Journal.open(journalDir, { ...(options.segmentEntries ? { segmentEntries: options.segmentEntries } : {}) });
  if (journal.recovered.damaged) log(`edge: recovered the journal; ${journal.recovered.damaged} torn or damaged line(s) ignored (a read whose write was cut off was never acknowledged to the recognizer).`);
  const forwarder = new Forwarder(journal, {
    server: options.server,
    key: options.key,
    batch: options.batch ?? 500,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
  });
  const status = (): EdgeStatus => ({ ...forwarder.status(), journal: journalDir, segments: journal.segmentNames.length });
  // Vendor read ids are namespaced by a value stable for this unit: derived from its key.
  const unitId = `edge-${createHash('sha256').update(options.key).digest('hex').slice(0, 16)}`;
  const receiver = new Receiver(journal, { host: options.host ?? '127.0.0.1', port: options.port ?? 8181, maxBodyBytes: 50_000_000, adapterContext: { cameraId: unitId, timeZone: options.timeZone ?? 'UTC' }, status });
  let url: string;
  try {
    url = await receiver.listen();
  } catch (error) {
    await journal.close();
    throw error;
  }
  forwarder.start();
  const every = options.reportEveryMs ?? 60_000;
  const timer = every > 0 ? setInterval(() => log(describe(status())), every) : undefined;
  timer?.unref();
  return {
    url,
    journal,
    status,
    async close() {
      if (timer) clearInterval(timer);
      await receiver.close();
      await forwarder.stop();
      await journal.close();
    },
  };
}

export function describe(status: EdgeStatus): string {
  const reach = status.serverReachable === null ? 'not tried yet' : status.serverReachable ? 'reachable' : 'unreachable';
  return `edge: backlog ${status.backlog} read(s); last sent ${status.lastSentAt ?? 'never'}; server ${reach}${status.lastError ? ` (${status.lastError})` : ''}`;
}
