// The live matcher behind HotListsService.match (issue 5, "Matching"): an immutable Matcher that a
// rebuild replaces with one assignment. Ingest calls match() synchronously and never waits: a read
// during a rebuild uses the previous matcher. Rebuilds load entries page by page and yield to the
// event loop between pages; a change during a rebuild queues exactly one more.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Clock } from '../platform/clock.js';
import { buildMatcher, MatcherBuilder, type Hit, type HotListEntry, type Matcher, type PlateRead } from './matcher.js';

export interface LoadedEntry {
  entry: HotListEntry;
  expiresAt: number | null;
}

/** Pages of matchable entries; each page is added, then the loop gets a turn. */
export type EntrySource = () => AsyncIterable<readonly LoadedEntry[]>;

export class RuntimeMatcher {
  #current: Matcher = buildMatcher([]);
  #expiry = new Map<string, number>();
  #running: Promise<void> | undefined;
  #again = false;
  #generation = 0;

  constructor(
    private readonly source: EntrySource,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Hits for one read over the current matcher, leaving out entries that expired since it was built (R13). */
  match(read: PlateRead): readonly Hit[] {
    const hits = this.#current.match(read);
    if (this.#expiry.size === 0 || hits.length === 0) return hits;
    const now = this.clock.now().getTime();
    return hits.filter((hit) => (this.#expiry.get(hit.entry.id) ?? Infinity) > now);
  }

  get stats() {
    return { ...this.#current.stats, generation: this.#generation };
  }

  /** Starts a rebuild (or queues one after the running one); resolves when the matcher reflects every change made before the call. */
  rebuild(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Resolves once no rebuild is running. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#buildOnce();
      } catch (error) {
        this.onError(error);
      }
    } while (this.#again);
  }

  async #buildOnce(): Promise<void> {
    const builder = new MatcherBuilder();
    const expiry = new Map<string, number>();
    for await (const page of this.source()) {
      for (const { entry, expiresAt } of page) {
        builder.add(entry);
        if (expiresAt !== null) expiry.set(entry.id, expiresAt);
      }
      await yieldToLoop();
    }
    const next = builder.finish();
    // The swap: one assignment each. A read in flight finished on the old matcher.
    this.#current = next;
    this.#expiry = expiry;
    this.#generation += 1;
  }
}
