// `platekeeper edge` put together (issue 10): the journal, the receiver in front of it and the
// forwarder behind it, plus a periodic backlog line in the log.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { BackoffOptions } from './backoff.js';
import { Forwarder, type ForwarderStatus } from './forwarder.js';
import { Journal } from './journal.js';
import { LocalHotLists, type LocalHotListsStatus } from './local-hotlists.js';
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
  /**
   * Local hot-list matching (issue 10): false turns it off. Otherwise the lists are taken down at
   * start and every refreshMinutes (default 15), kept in dir (default <journal>/hotlists).
   */
  hotlists?: false | { dir?: string; refreshMinutes?: number; staleAfterMs?: number; now?: () => number };
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface EdgeStatus extends ForwarderStatus {
  journal: string;
  segments: number;
  /** The local hot-list copy (version, age, entries, stale) and the count of local alerts; null when off. */
  hotlists: LocalHotListsStatus | null;
}

export interface EdgeUnit {
  url: string;
  journal: Journal;
  hotlists: LocalHotLists | undefined;
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
  const hotOptions = options.hotlists === false ? undefined : (options.hotlists ?? {});
  let hotlists: LocalHotLists | undefined;
  try {
    hotlists = hotOptions
      ? await LocalHotLists.open({
          dir: resolve(hotOptions.dir ?? join(journalDir, 'hotlists')),
          server: options.server,
          key: options.key,
          log,
          ...(hotOptions.refreshMinutes !== undefined ? { refreshMinutes: hotOptions.refreshMinutes } : {}),
          ...(hotOptions.staleAfterMs !== undefined ? { staleAfterMs: hotOptions.staleAfterMs } : {}),
          ...(hotOptions.now ? { now: hotOptions.now } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : undefined;
  } catch (error) {
    await journal.close();
    throw error;
  }
  const status = (): EdgeStatus => ({ ...forwarder.status(), journal: journalDir, segments: journal.segmentNames.length, hotlists: hotlists?.status() ?? null });
  // Vendor read ids are namespaced by a value stable for this unit: derived from its key.
  const unitId = `edge-${createHash('sha256').update(options.key).digest('hex').slice(0, 16)}`;
  const receiver = new Receiver(journal, { host: options.host ?? '127.0.0.1', port: options.port ?? 8181, maxBodyBytes: 50_000_000, adapterContext: { cameraId: unitId, timeZone: options.timeZone ?? 'UTC' }, status, ...(hotlists ? { hotlists } : {}) });
  let url: string;
  try {
    url = await receiver.listen();
  } catch (error) {
    await journal.close();
    throw error;
  }
  forwarder.start();
  hotlists?.start();
  const every = options.reportEveryMs ?? 60_000;
  const timer = every > 0 ? setInterval(() => log(describe(status())), every) : undefined;
  timer?.unref();
  return {
    url,
    journal,
    hotlists,
    status,
    async close() {
      if (timer) clearInterval(timer);
      await receiver.close();
      await hotlists?.stop();
      await forwarder.stop();
      await journal.close();
    },
  };
}

export function describe(status: EdgeStatus): string {
  const reach = status.serverReachable === null ? 'not tried yet' : status.serverReachable ? 'reachable' : 'unreachable';
  const lists = status.hotlists;
  const hot = lists ? `; hot lists ${lists.version ? `${lists.entries} entries, ${lists.ageMinutes} min old${lists.stale ? ' (MAY BE STALE)' : ''}` : 'none yet'}, ${lists.alerts} local alert(s)` : '';
  return `edge: backlog ${status.backlog} read(s); last sent ${status.lastSentAt ?? 'never'}; server ${reach}${status.lastError ? ` (${status.lastError})` : ''}${hot}`;
}
