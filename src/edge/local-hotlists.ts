// The edge unit's own hot-list matching (issue 10; R5, R9, R12): it takes the designated lists
// down from the server (GET /api/v1/edge/hotlists) at start and every few minutes, keeps them on
// disk (feed-store.ts) so a restart with no network still matches, and matches each read as it is
// journaled. A hit goes to the local alert journal for the in-car display (GET /alerts) and rides
// up with the read in its vendor data as `edgeHits`; the server still matches on its own lists.
import { randomUUID } from 'node:crypto';
import type { EdgeFeed, EdgeFeedList } from '../hotlists/edge-feed.schemas.js';
import { buildMatcher, type Hit, type Matcher } from '../hotlists/matcher.js';
import type { IncomingRead } from '../ingest/ingest.schemas.js';
import { normalizePlate, normalizeRegion } from '../plates/index.js';
import { AlertJournal, type LocalAlert } from './alert-journal.js';
import { FeedStore, parseFeed, type StoredFeed } from './feed-store.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What the edge writes into a read's vendor data for each local hit. */
export interface EdgeHit {
  entryId: string;
  listId: string;
  kind: Hit['kind'];
  matchedAt: string;
}

export interface LocalHotListsOptions {
  /** Folder for the feed copy and the alert journal. */
  dir: string;
  server: string;
  key: string;
  /** Minutes between downloads (default 15; 0: only at start). */
  refreshMinutes?: number;
  /** Age after which the copy may be stale (default: twice the server's download interval, R12). */
  staleAfterMs?: number;
  /** After a failed download, try again this soon rather than a whole refresh later (default 60 s). */
  retryMs?: number;
  /** Local alerts older than this are dropped from the unit when it starts (default 72 h): the server keeps the record. */
  keepAlertsMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  requestTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LocalHotListsStatus {
  version: string | null;
  fetchedAt: string | null;
  /** The last time the server confirmed the copy is current (a download or a 304). */
  confirmedAt: string | null;
  ageMinutes: number | null;
  lists: number;
  entries: number;
  stale: boolean;
  staleWarning: string | null;
  lastCheckAt: string | null;
  lastError: string | null;
  alerts: number;
  /** Copies on disk that were skipped at start (damaged), if any. */
  skipped: string[];
}

export interface MatchedBatch {
  /** The reads to journal: those with hits carry vendor.edgeHits. */
  reads: IncomingRead[];
  /** Records the hits of the reads that were journaled now (not the duplicates). */
  raise(journaledIds: Iterable<string>): Promise<void>;
}

/** R10: an alert alone is never the basis for enforcement. */
export const BEFORE_ACTING = 'A hit is not enough to act on: confirm with dispatch (CLETS) that the plate is still listed, and check the characters, state and vehicle against the car and the image before acting (R10).';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export class LocalHotLists {
  #stored: StoredFeed | undefined;
  #matcher: Matcher = buildMatcher([]);
  #lists = new Map<string, EdgeFeedList>();
  #lastCheckAt: number | null = null;
  #lastError: string | null = null;
  #timer: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  #refreshing: Promise<void> | undefined;
  readonly #now: () => number;
  readonly #fetch: typeof fetch;

  private constructor(
    private readonly options: LocalHotListsOptions,
    private readonly store: FeedStore,
    private readonly journal: AlertJournal,
    private readonly skipped: string[],
  ) {
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Opens the local copy and the alert journal (no network). */
  static async open(options: LocalHotListsOptions): Promise<LocalHotLists> {
    const store = new FeedStore(options.dir);
    const { stored, skipped } = await store.load();
    for (const note of skipped) options.log?.(`edge: hot-list copy ${note}`);
    const now = (options.now ?? Date.now)();
    const unit = new LocalHotLists(options, store, await AlertJournal.open(options.dir, { keepSince: now - (options.keepAlertsMs ?? 72 * HOUR) }), skipped);
    if (stored) unit.#install(stored);
    return unit;
  }

  /** Downloads now, then every refreshMinutes. */
  start(): void {
    void this.refresh();
    const minutes = this.options.refreshMinutes ?? 15;
    if (minutes > 0) {
      this.#timer = setInterval(() => void this.refresh(), minutes * MINUTE);
      this.#timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    if (this.#retry) clearTimeout(this.#retry);
    await this.#refreshing;
  }

  /** One download attempt (never throws: a failure keeps the copy in use and is shown on /status). */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#download().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #download(): Promise<void> {
    this.#lastCheckAt = this.#now();
    try {
      const response = await this.#fetch(new URL('/api/v1/edge/hotlists', this.options.server), {
        headers: { authorization: `Bearer ${this.options.key}`, ...(this.#stored ? { 'if-none-match': `"${this.#stored.feed.version}"` } : {}) },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 120_000),
      });
      const at = this.#now();
      if (response.status === 304 && this.#stored) {
        await this.store.confirm(this.#stored.feed.version, at);
        this.#stored = { ...this.#stored, confirmedAt: at };
        this.#ok();
        return;
      }
      const body = await response.text();
      if ((response.status === 401 || response.status === 403) && this.#stored) {
        // The agency revoked this unit's key (or it is not a mobile unit): it no longer holds the lists.
        await this.store.discard();
        this.#stored = undefined;
        this.#matcher = buildMatcher([]);
        this.#lists = new Map();
        this.options.log?.(`edge: the server refused this unit's key for hot lists (HTTP ${response.status}); the local copy was deleted and reads are no longer matched here`);
      }
      if (response.status !== 200) throw new Error(`the server answered HTTP ${response.status}: ${body.slice(0, 300)}`);
      const feed = parseFeed(body); // a bad body never replaces the copy in use
      await this.store.save(body, at);
      this.#install({ feed, fetchedAt: at, confirmedAt: at, file: 'hotlists.json' });
      this.options.log?.(`edge: hot lists ${feed.version.slice(0, 12)} taken down: ${feed.lists.length} list(s), ${feed.entries.length} entries`);
      this.#ok();
    } catch (error) {
      const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
      const message = `hot-list download failed (${cause}); matching on the copy from ${iso(this.#stored?.confirmedAt ?? null) ?? 'never: no copy yet'}`;
      if (message !== this.#lastError) this.options.log?.(`edge: ${message}`);
      this.#lastError = message;
      // Try again soon (a car comes back into coverage), not a whole refresh interval later.
      if (!this.#stopped && !this.#retry) {
        this.#retry = setTimeout(() => {
          this.#retry = undefined;
          void this.refresh();
        }, this.options.retryMs ?? MINUTE);
        this.#retry.unref();
      }
    }
  }

  #ok(): void {
    this.#lastError = null;
  }

  #install(stored: StoredFeed): void {
    this.#matcher = buildMatcher(stored.feed.entries);
    this.#lists = new Map(stored.feed.lists.map((list) => [list.id, list]));
    this.#stored = stored;
  }

  #staleness(now: number): { ageMinutes: number | null; stale: boolean; staleWarning: string | null } {
    const stored = this.#stored;
    if (!stored) return { ageMinutes: null, stale: true, staleWarning: 'No hot lists on this unit yet: reads are not matched here until the server is reached once (the server still matches them when they arrive).' };
    const age = Math.max(0, now - stored.confirmedAt);
    const limit = this.options.staleAfterMs ?? stored.feed.downloadIntervalHours * 2 * HOUR;
    const ageMinutes = Math.floor(age / MINUTE);
    if (age <= limit) return { ageMinutes, stale: false, staleWarning: null };
    return {
      ageMinutes,
      stale: true,
      staleWarning: `The hot lists on this unit were last confirmed current ${Math.floor(age / HOUR)} h ${ageMinutes % 60} min ago (${iso(stored.confirmedAt)}), over ${Math.round(limit / MINUTE)} min: an entry may have been removed or added since. Confirm any hit with dispatch before acting (R12).`,
    };
  }

  /** Matches every read; nothing is recorded until raise() names the reads that were journaled. */
  match(reads: IncomingRead[]): MatchedBatch {
    const now = this.#now();
    const pending: LocalAlert[] = [];
    const out = reads.map((read) => {
      if (!this.#stored) return read;
      const region = normalizeRegion(read.region) ?? '';
      const hits = this.#matcher.match({ plate: normalizePlate(read.plate), region, vehicle: read.vehicle ?? null }).filter((hit) => {
        const expiresAt = (hit.entry as { expiresAt?: number }).expiresAt;
        return expiresAt === undefined || expiresAt > now;
      });
      if (!hits.length) return read;
      const matchedAt = new Date(now).toISOString();
      for (const hit of hits) pending.push(this.#alert(read, region, hit, now));
      const edgeHits: EdgeHit[] = hits.map((hit) => ({ entryId: hit.entry.id, listId: hit.entry.listId, kind: hit.kind, matchedAt }));
      return { ...read, vendor: { ...read.vendor, edgeHits } };
    });
    return {
      reads: out,
      raise: async (journaledIds) => {
        const ids = new Set(journaledIds);
        const alerts = pending.filter((alert) => ids.has(alert.readId));
        if (!alerts.length) return;
        try {
          const added = await this.journal.append(alerts);
          for (const alert of added) this.options.log?.(`edge: HIT ${alert.plate} on ${alert.listName} (${alert.kind}${alert.mayBeStale ? ', list may be stale' : ''})`);
        } catch (error) {
          this.options.log?.(`edge: a local alert could not be written to disk (${(error as Error).message}); it is shown until the unit restarts`);
        }
      },
    };
  }

  #alert(read: IncomingRead, region: string, hit: Hit, now: number): LocalAlert {
    const stored = this.#stored!;
    const list = this.#lists.get(hit.entry.listId);
    const { ageMinutes, stale, staleWarning } = this.#staleness(now);
    return {
      id: randomUUID(),
      readId: read.id,
      plate: normalizePlate(read.plate),
      region: region || null,
      capturedAt: read.capturedAt,
      raisedAt: new Date(now).toISOString(),
      entryId: hit.entry.id,
      listId: hit.entry.listId,
      listName: list?.name ?? hit.entry.listId,
      listSource: list?.source ?? '',
      priority: hit.entry.priority,
      category: hit.entry.category,
      reason: hit.entry.reason ?? null,
      kind: hit.kind,
      state: hit.state,
      listed: { plate: hit.entry.plate ?? null, pattern: hit.entry.pattern ?? null, state: hit.entry.state ?? null },
      ...(hit.confused ? { confused: hit.confused } : {}),
      ...(hit.agreed ? { agreed: [...hit.agreed] } : {}),
      listLastUpdatedAt: list?.lastUpdatedAt ?? null,
      feedVersion: stored.feed.version,
      feedAgeMinutes: ageMinutes ?? 0,
      mayBeStale: stale,
      staleWarning,
    };
  }

  /** GET /alerts: newest first, with the copy's current age and what the officer does before acting (R10). */
  alerts(limit: number): { alerts: LocalAlert[]; hotlists: LocalHotListsStatus; beforeActing: string } {
    return { alerts: this.journal.recent(limit), hotlists: this.status(), beforeActing: BEFORE_ACTING };
  }

  status(): LocalHotListsStatus {
    const stored = this.#stored;
    return {
      version: stored?.feed.version ?? null,
      fetchedAt: iso(stored?.fetchedAt ?? null),
      confirmedAt: iso(stored?.confirmedAt ?? null),
      ...this.#staleness(this.#now()),
      lists: stored?.feed.lists.length ?? 0,
      entries: stored?.feed.entries.length ?? 0,
      lastCheckAt: iso(this.#lastCheckAt),
      lastError: this.#lastError,
      alerts: this.journal.size,
      skipped: this.skipped,
    };
  }

  /** The feed in use (tests). */
  get feed(): EdgeFeed | undefined {
    return this.#stored?.feed;
  }
}
