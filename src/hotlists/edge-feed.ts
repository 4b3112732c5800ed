// Builds the edge feed (issue 10) from what the matcher uses, and keeps it until something changes:
// a hot-list change (the matcher's generation moves) or the first entry in it expiring. The body
// is serialized once, a page of entries at a time with a turn for the event loop between pages
// (ingest never waits long behind it), and gzipped once off the loop; its version (the ETag) is a
// hash of the lists and entries, so it is the same across server restarts while nothing changed,
// and an edge unit that already has it gets a 304.
import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Clock } from '../platform/clock.js';
import type { EdgeFeedEntry, EdgeFeedList } from './edge-feed.schemas.js';
import type { HotListsService } from './hotlists.service.js';
import type { HotListEntry } from './matcher.types.js';

const gzip = promisify(gzipCallback);

export interface BuiltEdgeFeed {
  version: string;
  /** The JSON body (an EdgeFeed), serialized once. */
  body: string;
  /** The same, gzipped (about a tenth of the size: what a car's cellular link carries). */
  gzipped: Buffer;
  listIds: string[];
  entries: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The matcher's entry as the feed carries it: descriptors that are empty are left out. */
function feedEntry(entry: HotListEntry, expiresAt: number | null): EdgeFeedEntry {
  const vehicle = entry.vehicle ? Object.fromEntries(Object.entries(entry.vehicle).filter(([, value]) => value !== null && value !== undefined && value !== '')) : undefined;
  const { vehicle: _dropped, ...rest } = entry;
  return { ...rest, ...(vehicle && Object.keys(vehicle).length ? { vehicle } : {}), ...(expiresAt === null ? {} : { expiresAt }) };
}

export class EdgeFeedBuilder {
  #cached: { feed: BuiltEdgeFeed; generation: number; validUntil: number } | undefined;
  #building: Promise<BuiltEdgeFeed> | undefined;

  constructor(
    private readonly hotlists: HotListsService,
    private readonly clock: Clock,
    private readonly downloadIntervalHours: () => number,
  ) {}

  /** The current feed; built at most once per change, however many units ask. */
  async current(): Promise<BuiltEdgeFeed> {
    // A change made before the call is in the feed once its matcher rebuild is done (seconds at
    // most); a running import is not waited for: its list changes when it finishes.
    await this.hotlists.matcherIdle();
    const cached = this.#cached;
    if (cached && cached.generation === this.hotlists.matcherStats.generation && this.clock.now().getTime() < cached.validUntil) return cached.feed;
    this.#building ??= this.#build().finally(() => (this.#building = undefined));
    return this.#building;
  }

  async #build(): Promise<BuiltEdgeFeed> {
    const generation = this.hotlists.matcherStats.generation;
    const now = this.clock.now().getTime();
    const downloadIntervalHours = this.downloadIntervalHours();
    const hash = createHash('sha256').update(`${downloadIntervalHours}\n`);
    let validUntil = Infinity;
    let count = 0;
    const fragments: string[] = [];
    for await (const page of this.hotlists.matchablePages()) {
      const kept: string[] = [];
      for (const { entry, expiresAt } of page) {
        if (expiresAt !== null && expiresAt <= now) continue;
        if (expiresAt !== null) validUntil = Math.min(validUntil, expiresAt);
        kept.push(JSON.stringify(feedEntry(entry, expiresAt)));
      }
      if (kept.length) {
        const fragment = kept.join(',');
        fragments.push(fragment);
        hash.update(fragment).update(',');
        count += kept.length;
      }
      await yieldToLoop();
    }
    const lists: EdgeFeedList[] = (await this.hotlists.designatedLists())
      .map((l) => ({ id: l.id, name: l.name, priority: l.priority, source: l.source, lastUpdatedAt: iso(l.lastUpdatedAt) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const listsJson = JSON.stringify(lists);
    const version = hash.update(listsJson).digest('hex').slice(0, 32);
    const body = `{"version":"${version}","generatedAt":"${new Date(now).toISOString()}","downloadIntervalHours":${downloadIntervalHours},"lists":${listsJson},"entries":[${fragments.join(',')}]}`;
    const built: BuiltEdgeFeed = { version, body, gzipped: await gzip(body), listIds: lists.map((l) => l.id), entries: count };
    this.#cached = { feed: built, generation, validUntil };
    return built;
  }
}
