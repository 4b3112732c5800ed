/**
 * The in-memory hot-list matcher: every read is checked against every active entry as it arrives
 * (issue 5, "Matching"; R8, R9). Pure: no I/O, no clock. The only module state is scratch
 * space emptied before match() returns and a memo of descriptor spellings; neither shows in a result.
 *
 * Indexes, each built for one kind of entry:
 * - Full plates: a Map from confusionKey(plate) to the entries with that key, behind a bitset
 *   that turns most reads away before the map (matcher.plates.ts). A read's key finds the exact
 *   entry and every entry whose differences from it all lie within confusion classes. A shared
 *   key allows any number of such differences ('ABC123' and 'A8CIZ3' share one), so each
 *   candidate is confirmed: equal plate → 'exact', confusionDistance = 1 → 'confusion', more →
 *   no hit.
 * - Partial plates: a trie of the patterns (matcher.patterns.ts).
 * - Descriptions: entries by make, then model (matcher.vehicle.ts).
 *
 * A Matcher never changes once built. When lists change, build a new one beside it and swap the
 * reference; a read in flight finishes on the old one, the next read uses the new one, and ingest
 * never waits for a lock. Building a million entries takes seconds of CPU, so the service adds
 * them in chunks and yields to the event loop between chunks, or ingest would stall meanwhile
 * (5,000 entries is a few tens of milliseconds; `npm run bench:match` prints the longest turn):
 *
 *   let current = buildMatcher([]);                      // what ingest calls match() on
 *   async function rebuild(entries: readonly HotListEntry[]): Promise<void> {
 *     const builder = new MatcherBuilder();
 *     for (let i = 0; i < entries.length; i += 5_000) {
 *       builder.addAll(entries.slice(i, i + 5_000));
 *       await setImmediate();                            // from 'node:timers/promises'
 *     }
 *     current = builder.finish();                        // the swap: one assignment
 *   }
 */
import {
  CA_REGIONS,
  confusionDistance,
  normalizePlate,
  normalizeRegion,
  parsePlatePattern,
  PlatePatternError,
  US_REGIONS,
} from '../plates/index.js';
import { PatternTrie } from './matcher.patterns.js';
import { PlateIndex } from './matcher.plates.js';
import {
  compareHits,
  HOT_LIST_CATEGORIES,
  type Hit,
  type HotListEntry,
  type PlateRead,
  type RejectedEntry,
  type RejectionReason,
  type StateCheck,
} from './matcher.types.js';
import { canonicalVehicle, DescriptionIndex, descriptionProblem, type DescriptionMatch } from './matcher.vehicle.js';

export * from './matcher.types.js';
export { VEHICLE_FIELDS, type VehicleDescription, type VehicleField } from './matcher.vehicle.js';

export interface MatcherOptions {
  /** Also hit entries one OCR confusion away from the read (default true). */
  readonly confusion?: boolean;
}

export interface MatcherStats {
  readonly plates: number;
  readonly patterns: number;
  readonly descriptions: number;
  /** Entries left out, with the reason: shown on the list page, never silently lost. */
  readonly rejected: readonly RejectedEntry[];
}

export interface Matcher {
  readonly options: Required<MatcherOptions>;
  readonly stats: MatcherStats;
  /** Hits for one read, ordered by compareHits, at most one per entry id. */
  match(read: PlateRead): readonly Hit[];
  /** The same indexes with other options (no rebuild). */
  withOptions(options: MatcherOptions): Matcher;
}

/** Builds a matcher from every entry at once; see the header for rebuilding without pausing ingest. */
export function buildMatcher(entries: Iterable<HotListEntry>, options: MatcherOptions = {}): Matcher {
  return new MatcherBuilder(options).addAll(entries).finish();
}

interface PatternTarget {
  readonly entry: HotListEntry;
  /** Known characters in the pattern: the hit's strength. */
  readonly literals: number;
}

interface Indexes {
  readonly plates: PlateIndex<HotListEntry>;
  readonly patterns: PatternTrie<PatternTarget>;
  readonly descriptions: DescriptionIndex<HotListEntry>;
  readonly stats: MatcherStats;
}

type Rejection = { readonly reason: RejectionReason; readonly message: string };
const reject = (reason: RejectionReason, message: string): Rejection => ({ reason, message });

const CATEGORIES: ReadonlySet<string> = new Set(HOT_LIST_CATEGORIES);
const CANONICAL_PLATE = /^[A-Z0-9]*$/;

/** Collects entries into indexes; finish() hands them to a Matcher and the builder is spent. */
export class MatcherBuilder {
  readonly #options: Required<MatcherOptions>;
  readonly #plateIndex = new PlateIndex<HotListEntry>();
  readonly #patterns = new PatternTrie<PatternTarget>();
  readonly #descriptions = new DescriptionIndex<HotListEntry>();
  readonly #rejected: RejectedEntry[] = [];
  #plates = 0;
  #finished = false;

  constructor(options: MatcherOptions = {}) {
    this.#options = { confusion: options.confusion ?? true };
  }

  addAll(entries: Iterable<HotListEntry>): this {
    for (const entry of entries) this.add(entry);
    return this;
  }

  /** Indexes one entry, or records why it cannot be used. */
  add(entry: HotListEntry): this {
    if (this.#finished) throw new Error('MatcherBuilder.add after finish(): start a new builder');
    const problem = this.#index(entry);
    if (problem !== undefined) {
      this.#rejected.push({ id: String(entry.id ?? ''), listId: String(entry.listId ?? ''), ...problem });
    }
    return this;
  }

  /** Adds the entry to its indexes, or says why it cannot be used. */
  #index(entry: HotListEntry): Rejection | undefined {
    if (typeof entry.id !== 'string' || entry.id === '') return reject('id_missing', 'The entry has no id.');
    if (!CATEGORIES.has(entry.category)) {
      return reject('category_unknown', `"${String(entry.category)}" is not a hot-list category; use one of ${HOT_LIST_CATEGORIES.join(', ')}.`);
    }
    if (!Number.isFinite(entry.priority)) return reject('priority_invalid', 'The list priority must be a number (0 is the most urgent).');

    let plate = entry.plate === undefined ? undefined : canonicalPlate(entry.plate);
    if (plate === '') return reject('plate_empty', 'The plate has no letters or digits.');
    let pattern: string | undefined;
    if (entry.pattern !== undefined && entry.pattern !== '') {
      try {
        pattern = parsePlatePattern(entry.pattern, 'positional').text;
      } catch (error) {
        if (error instanceof PlatePatternError) return reject(error.id, error.message);
        throw error;
      }
      // A "pattern" without wildcards is a whole plate: exact and confusion matching apply.
      if (!/[?*]/.test(pattern) && (plate === undefined || plate === pattern)) [plate, pattern] = [pattern, undefined];
    }
    const state = canonicalState(entry.state);
    const stored: HotListEntry =
      plate === entry.plate && state === entry.state ? entry : { ...entry, plate, state };

    if (plate !== undefined) {
      this.#plateIndex.add(plate, stored);
      this.#plates++;
    }
    if (pattern !== undefined) this.#patterns.add(pattern, { entry: stored, literals: pattern.replace(/[?*]/g, '').length });
    if (plate === undefined && pattern === undefined) {
      const vehicle = canonicalVehicle(entry.vehicle);
      if (Object.keys(vehicle).length === 0) return reject('entry_empty', 'The entry has no plate, pattern or vehicle description.');
      const problem = descriptionProblem(vehicle);
      if (problem !== undefined) return reject('description_too_broad', problem);
      this.#descriptions.add(vehicle, stored);
    }
    return undefined;
  }

  finish(): Matcher {
    if (this.#finished) throw new Error('MatcherBuilder.finish called twice: start a new builder');
    this.#finished = true;
    const stats: MatcherStats = Object.freeze({
      plates: this.#plates,
      patterns: this.#patterns.size,
      descriptions: this.#descriptions.size,
      rejected: Object.freeze(this.#rejected),
    });
    return new IndexedMatcher({ plates: this.#plateIndex, patterns: this.#patterns, descriptions: this.#descriptions, stats }, this.#options);
  }
}

const NO_HITS: readonly Hit[] = Object.freeze([]);

class IndexedMatcher implements Matcher {
  readonly #indexes: Indexes;
  readonly options: Required<MatcherOptions>;

  constructor(indexes: Indexes, options: Required<MatcherOptions>) {
    this.#indexes = indexes;
    this.options = Object.freeze({ ...options });
    Object.freeze(this);
  }

  get stats(): MatcherStats {
    return this.#indexes.stats;
  }

  withOptions(options: MatcherOptions): Matcher {
    return new IndexedMatcher(this.#indexes, { ...this.options, ...options });
  }

  match(read: PlateRead): readonly Hit[] {
    const { plates, patterns, descriptions } = this.#indexes;
    const plate = CANONICAL_PLATE.test(read.plate) ? read.plate : normalizePlate(read.plate);
    const region = readRegion(read.region);
    // Most reads hit nothing: the collector is made on the first hit.
    let hits: Hit[] | undefined;

    if (plate !== '') {
      const slot = plates.candidates(plate);
      if (slot !== undefined) {
        if (Array.isArray(slot)) for (const entry of slot) hits = plateHit(hits, entry, plate, region, this.options.confusion);
        else hits = plateHit(hits, slot, plate, region, this.options.confusion);
      }
      patterns.collect(plate, found);
      for (const { entry, literals } of found) {
        const state = stateCheck(entry.state, region);
        if (state !== undefined) (hits ??= []).push({ entry, kind: 'wildcard', state, strength: literals });
      }
      found.length = 0;
    }
    if (read.vehicle && descriptions.size > 0) {
      descriptions.collect(read.vehicle, described);
      for (const { target: entry, agreed } of described) {
        const state = stateCheck(entry.state, region);
        if (state !== undefined) (hits ??= []).push({ entry, kind: 'description', state, strength: agreed.length, agreed });
      }
      described.length = 0;
    }
    if (hits === undefined) return NO_HITS;
    return hits.length === 1 ? hits : strongestPerEntry(hits);
  }
}

/**
 * Scratch space for the patterns and descriptions one read matches, emptied before match()
 * returns. match() is synchronous and calls nothing that could call it back, so one array of
 * each serves every matcher.
 */
const found: PatternTarget[] = [];
const described: DescriptionMatch<HotListEntry>[] = [];

function plateHit(hits: Hit[] | undefined, entry: HotListEntry, plate: string, region: string | undefined, confusion: boolean): Hit[] | undefined {
  const listed = entry.plate ?? '';
  if (listed !== plate && !confusion) return hits;
  const state = stateCheck(entry.state, region);
  if (state === undefined) return hits;
  if (listed === plate) {
    (hits ??= []).push({ entry, kind: 'exact', state, strength: plate.length });
    return hits;
  }
  // Same key: every difference is within a class. One is a misread; two or more is another car.
  if (confusionDistance(listed, plate) !== 1) return hits;
  let position = 0;
  while (listed[position] === plate[position]) position++;
  const confused = { position, read: plate[position] ?? '', listed: listed[position] ?? '' };
  (hits ??= []).push({ entry, kind: 'confusion', state, strength: plate.length - 1, confused });
  return hits;
}

/**
 * Sorted, then one hit per entry id: an entry reached twice (plate and pattern, a pattern along
 * two paths, the same id loaded twice) keeps its first hit in order, which is its strongest.
 */
function strongestPerEntry(hits: Hit[]): Hit[] {
  hits.sort(compareHits);
  const kept: Hit[] = [];
  const ids = hits.length > 16 ? new Set<string>() : undefined;
  for (const hit of hits) {
    const id = hit.entry.id;
    if (ids !== undefined ? ids.has(id) : kept.some((k) => k.entry.id === id)) continue;
    ids?.add(id);
    kept.push(hit);
  }
  return kept;
}

function stateCheck(entryState: string | undefined, readRegion: string | undefined): StateCheck | undefined {
  if (entryState === undefined) return 'any';
  if (readRegion === undefined) return 'unread';
  return entryState === readRegion ? 'matched' : undefined;
}

function canonicalPlate(raw: string): string {
  return CANONICAL_PLATE.test(raw) ? raw : normalizePlate(raw);
}

const REGION_CODES: ReadonlySet<string> = new Set([...Object.keys(US_REGIONS), ...Object.keys(CA_REGIONS)]);

function isRegionCode(code: string): boolean {
  return REGION_CODES.has(code);
}

/**
 * An entry's state as reads carry it. A code normalizeRegion does not know (a federal or a
 * Mexican plate) is kept as written: it can never equal a read's region, so it hits only reads
 * whose state was not read, which is still better than dropping the entry.
 */
function canonicalState(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (isRegionCode(raw)) return raw;
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  return normalizeRegion(trimmed) ?? trimmed.toUpperCase();
}

function readRegion(raw: string | null | undefined): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  return isRegionCode(raw) ? raw : normalizeRegion(raw);
}
