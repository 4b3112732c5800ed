// Builds the edge feed (issue 10) from what the matcher uses, and keeps it until something changes:
// a hot-list change (the matcher's generation moves) or the first entry in it expiring. The body
// is serialized once; its version (the ETag) is a hash of the lists and entries, so it is the same
// across server restarts while nothing changed, and an edge unit that already has it gets a 304.
import { createHash } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { EdgeFeed, EdgeFeedEntry, EdgeFeedList } from './edge-feed.schemas.js';
import type { HotListsService } from './hotlists.service.js';

export interface BuiltEdgeFeed {
  version: string;
  /** The JSON body, serialized once. */
  body: string;
  listIds: string[];
  entries: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
    let validUntil = Infinity;
    const entries: EdgeFeedEntry[] = [];
    for await (const page of this.hotlists.matchablePages()) {
      for (const { entry, expiresAt } of page) {
        if (expiresAt !== null && expiresAt <= now) continue;
        if (expiresAt !== null) validUntil = Math.min(validUntil, expiresAt);
        entries.push(expiresAt === null ? entry : { ...entry, expiresAt });
      }
    }
    const lists: EdgeFeedList[] = (await this.hotlists.designatedLists())
      .map((l) => ({ id: l.id, name: l.name, priority: l.priority, source: l.source, lastUpdatedAt: iso(l.lastUpdatedAt) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const content = JSON.stringify({ lists, entries });
    const downloadIntervalHours = this.downloadIntervalHours();
    const version = createHash('sha256').update(`${downloadIntervalHours}\n`).update(content).digest('hex').slice(0, 32);
    const feed: EdgeFeed = { version, generatedAt: new Date(now).toISOString(), downloadIntervalHours, lists, entries };
    const built = { version, body: JSON.stringify(feed), listIds: lists.map((l) => l.id), entries: entries.length };
    this.#cached = { feed: built, generation, validUntil };
    return built;
  }
}
