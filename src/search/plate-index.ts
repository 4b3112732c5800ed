/**
 * The distinct plates in memory, for partial and fuzzy plate search (R24; ARCHITECTURE: "partial and
 * fuzzy plate search runs over distinct plates before touching detections").
 *
 * The `plates` table holds one row per (normalized plate, region), far fewer than reads (2M plates for
 * 10M reads). This index keeps them packed in typed arrays — about 40 bytes a plate with the
 * arrays' growth room, no JavaScript object or string per plate — so 20M distinct plates (a
 * 100M-read store) fit under 1 GiB:
 * - plate characters in fixed 8-byte slots, with lengths, region codes and plate ids beside them;
 * - a hash table (chains in Int32Arrays) from each plate's confusion key (plates/confusion.ts) to
 *   the plates that share it;
 * - chains of the plates that share a length and first character, for patterns that start with a
 *   known character;
 * - one bitmap per character (A–Z, 0–9: 36 bits a plate) of the plates that hold it anywhere, so a
 *   pattern with no leading character ('*AB1*', any position, in order) ANDs the bitmaps of the
 *   characters it names and tests only the plates that hold them all.
 * It answers, with no SQL:
 * - a wildcard pattern that starts with a known character ('7AB?12*'): a walk of that character's
 *   chains with a byte matcher; other patterns (a leading wildcard, any position): the AND of their
 *   characters' bitmaps (20M plates: 625k words a character), then the byte matcher;
 * - a fuzzy plate: the plates whose confusion key is the query's or one edit from it, found by hash
 *   lookups of the ~500 keys one edit away, not by a scan;
 * - an exact plate: its own key's chain, then equality.
 * It catches up with new plates before each search by reading rows with id > the last id it saw (the
 * plates primary key), so it costs ingest nothing.
 */
import type { Kysely } from 'kysely';
import { CONFUSION_CLASSES, confusionDistance, confusionKey, PLATE_MAX_LENGTH, type PlatePattern } from '../plates/index.js';
import type { Tables } from '../storage/tables.js';

/** How close a fuzzy candidate is: 0 the plate itself, 1 within OCR confusion, 2 one edit (plus any confusion). */
export type Closeness = 0 | 1 | 2;

export interface IndexedPlate {
  plateId: number;
  plate: string;
  region: string;
}

export interface FuzzyCandidate extends IndexedPlate {
  closeness: Closeness;
  /** Characters that differ within a confusion class (0 for one-edit candidates). */
  substitutions: number;
}

const SLOT = PLATE_MAX_LENGTH;
const ALL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Characters a confusion key can hold: every class collapses to its first member. */
const KEY_ALPHABET = [...new Set([...ALL_CHARS].map((ch) => confusionKey(ch)))].join('');
/** Character code → its bitmap (0–35), or -1. */
const CHAR_BIT = new Int8Array(128).fill(-1);
for (const [i, ch] of [...ALL_CHARS].entries()) CHAR_BIT[ch.charCodeAt(0)] = i;
/** Character code → its class representative's code (what confusionKey writes). */
const REPRESENTATIVE = new Uint8Array(128).map((_, code) => code);
for (const cls of CONFUSION_CLASSES) for (const ch of cls) REPRESENTATIVE[ch.charCodeAt(0)] = cls.charCodeAt(0);

/** FNV-1a with a final mix, over representative codes. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return mix(hash);
}

export class PlateIndex {
  private count = 0;
  private capacity = 0;
  private chars = new Uint8Array(0);
  private lengths = new Uint8Array(0);
  private regionCodes = new Uint16Array(0);
  /** plates.id of each plate (ids past 2^32 are not expected of an auto-increment key; add() refuses them). */
  private ids = new Uint32Array(0);
  /** Next plate in the same hash chain, or -1. */
  private next = new Int32Array(0);
  /** Next plate of the same length and first character, or -1; heads by length * 128 + first code. */
  private sameStart = new Int32Array(0);
  private readonly startHeads = new Int32Array((SLOT + 1) * 128).fill(-1);
  /** Bitmap per character, each `words` 32-bit words long: bit `at` of bitmap c is set when plate `at` holds character c. */
  private charBits = new Uint32Array(0);
  private words = 0;
  /** Hash slot → first plate of its chain, or -1. */
  private heads = new Int32Array(0);
  private readonly regionNames: string[] = [];
  private readonly regionCode = new Map<string, number>();
  private lastId = 0;
  private removed = 0;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly db: Kysely<Tables>) {}

  get size(): number {
    return this.count - this.removed;
  }

  /** Bytes held by the typed arrays (what the index costs, give or take a few region names). */
  get bytes(): number {
    return (
      this.chars.byteLength +
      this.lengths.byteLength +
      this.regionCodes.byteLength +
      this.ids.byteLength +
      this.next.byteLength +
      this.heads.byteLength +
      this.sameStart.byteLength +
      this.startHeads.byteLength +
      this.charBits.byteLength
    );
  }

  /** Reads plates added since the last call (coalescing concurrent callers). */
  async refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    for (;;) {
      const rows = await this.db.selectFrom('plates').select(['id', 'plate', 'region']).where('id', '>', this.lastId).orderBy('id').limit(100_000).execute();
      for (const row of rows) this.add(row.id, row.plate, row.region);
      if (rows.length < 100_000) return;
    }
  }

  /**
   * Forgets purged plates (invariant 3: purge means gone, derived indexes too). Their slots keep
   * their place but hold a zero length, which no lookup matches; a restart compacts them away.
   */
  remove(plateIds: Iterable<number>): number {
    const gone = new Set(plateIds);
    if (gone.size === 0) return 0;
    let removed = 0;
    for (let at = 0; at < this.count; at++) {
      if (this.lengths[at] !== 0 && gone.has(this.ids[at] ?? 0)) {
        this.lengths[at] = 0;
        this.chars.fill(0, at * SLOT, at * SLOT + SLOT);
        for (let c = 0; c < ALL_CHARS.length; c++) this.charBits[c * this.words + (at >>> 5)]! &= ~(1 << (at & 31));
        removed++;
      }
    }
    this.removed += removed;
    return removed;
  }

  /** Adds one normalized plate (A–Z, 0–9, at most 8 characters); others are ignored. */
  add(id: number, plate: string, region: string): void {
    if (id > this.lastId) this.lastId = id;
    if (plate.length === 0 || plate.length > SLOT || !/^[A-Z0-9]+$/.test(plate)) return;
    if (id > 0xffff_ffff) throw new RangeError(`plate id ${id} does not fit the plate index (32 bits)`);
    if (this.count === this.capacity) this.grow();
    const at = this.count++;
    for (let i = 0; i < plate.length; i++) {
      const code = plate.charCodeAt(i);
      this.chars[at * SLOT + i] = code;
      this.charBits[(CHAR_BIT[code] ?? 0) * this.words + (at >>> 5)]! |= 1 << (at & 31);
    }
    this.lengths[at] = plate.length;
    let code = this.regionCode.get(region);
    if (code === undefined) {
      code = this.regionNames.push(region) - 1;
      this.regionCode.set(region, code);
    }
    this.regionCodes[at] = code;
    this.ids[at] = id;
    this.link(at);
    const start = plate.length * 128 + plate.charCodeAt(0);
    this.sameStart[at] = this.startHeads[start] ?? -1;
    this.startHeads[start] = at;
  }

  private grow(): void {
    const capacity = Math.max(1024, Math.ceil(this.capacity * 1.5));
    const resize = <T extends Uint8Array | Uint16Array | Int32Array | Uint32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const fresh = make(capacity * per);
      fresh.set(old);
      return fresh;
    };
    this.chars = resize(this.chars, (n) => new Uint8Array(n), SLOT);
    this.lengths = resize(this.lengths, (n) => new Uint8Array(n));
    this.regionCodes = resize(this.regionCodes, (n) => new Uint16Array(n));
    this.ids = resize(this.ids, (n) => new Uint32Array(n));
    this.next = resize(this.next, (n) => new Int32Array(n));
    this.sameStart = resize(this.sameStart, (n) => new Int32Array(n));
    const words = Math.ceil(capacity / 32);
    const bits = new Uint32Array(words * ALL_CHARS.length);
    for (let c = 0; c < ALL_CHARS.length; c++) bits.set(this.charBits.subarray(c * this.words, (c + 1) * this.words), c * words);
    this.charBits = bits;
    this.words = words;
    this.capacity = capacity;
    // Keep the table at least as large as the capacity (chains of one plate on average); rebuilding the chains is one pass.
    if (this.heads.length < capacity) {
      let size = 1;
      while (size < capacity) size *= 2;
      this.heads = new Int32Array(size).fill(-1);
      for (let at = 0; at < this.count; at++) this.link(at);
    }
  }

  private slotHash(at: number): number {
    let hash = 0x811c9dc5;
    const base = at * SLOT;
    for (let i = 0; i < (this.lengths[at] ?? 0); i++) hash = Math.imul(hash ^ (REPRESENTATIVE[this.chars[base + i] ?? 0] ?? 0), 0x01000193);
    return mix(hash);
  }

  private link(at: number): void {
    const slot = this.slotHash(at) & (this.heads.length - 1);
    this.next[at] = this.heads[slot] ?? -1;
    this.heads[slot] = at;
  }

  private plateAt(at: number): string {
    const base = at * SLOT;
    return String.fromCharCode(...this.chars.subarray(base, base + (this.lengths[at] ?? 0)));
  }

  private entry(at: number): IndexedPlate {
    return { plateId: this.ids[at] ?? 0, plate: this.plateAt(at), region: this.regionNames[this.regionCodes[at] ?? 0] ?? '' };
  }

  /** The region's code, -1 for a region no plate has (so nothing matches), undefined for any region. */
  private regionFilter(region: string | undefined): number | undefined {
    return region === undefined ? undefined : (this.regionCode.get(region) ?? -1);
  }

  /** Positions of plates whose confusion key is `key`. */
  private withKey(key: string): number[] {
    const out: number[] = [];
    if (this.heads.length === 0) return out;
    for (let at = this.heads[hashKey(key) & (this.heads.length - 1)] ?? -1; at >= 0; at = this.next[at] ?? -1) {
      if (this.lengths[at] !== key.length) continue;
      const base = at * SLOT;
      let same = true;
      for (let i = 0; i < key.length && same; i++) same = REPRESENTATIVE[this.chars[base + i] ?? 0] === key.charCodeAt(i);
      if (same) out.push(at);
    }
    return out;
  }

  /** The plate's ids, in one region or all. */
  exact(plate: string, region?: string): IndexedPlate[] {
    const code = this.regionFilter(region);
    return this.withKey(confusionKey(plate))
      .filter((at) => (code === undefined || this.regionCodes[at] === code) && this.plateAt(at) === plate)
      .map((at) => this.entry(at));
  }

  /** Plates matching a wildcard or any-position pattern, at most `limit` + 1 (so the caller can tell there were more). */
  matching(pattern: PlatePattern, region: string | undefined, limit: number): IndexedPlate[] {
    const code = this.regionFilter(region);
    const test = compile(pattern);
    const out: IndexedPlate[] = [];
    const consider = (at: number): boolean => {
      if (this.lengths[at] === 0) return false; // purged
      if ((code === undefined || this.regionCodes[at] === code) && test(this.chars, at * SLOT, this.lengths[at] ?? 0)) out.push(this.entry(at));
      return out.length > limit;
    };
    // A pattern that starts with a known character walks only the plates that start with it.
    const first = pattern.mode === 'positional' && /^[A-Z0-9]/.test(pattern.text) ? pattern.text.charCodeAt(0) : undefined;
    if (first !== undefined) {
      for (let length = 1; length <= SLOT; length++) {
        for (let at = this.startHeads[length * 128 + first] ?? -1; at >= 0; at = this.sameStart[at] ?? -1) if (consider(at)) return out;
      }
      return out;
    }
    // Otherwise only the plates that hold every character the pattern names (all of them, when it names none).
    const needed = [...new Set([...pattern.text].map((ch) => CHAR_BIT[ch.charCodeAt(0)] ?? -1).filter((bit) => bit >= 0))];
    const words = Math.ceil(this.count / 32);
    for (let w = 0; w < words; w++) {
      let word = -1; // all 32 bits
      for (const c of needed) {
        word &= this.charBits[c * this.words + w] ?? 0;
        if (word === 0) break;
      }
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        const at = w * 32 + bit;
        if (at < this.count && consider(at)) return out;
      }
    }
    return out;
  }

  /**
   * Plates within OCR confusion or one edit of `plate`, closest first (closeness, then fewer
   * substitutions, then alphabetical), at most `limit`.
   */
  fuzzy(plate: string, region: string | undefined, limit: number): FuzzyCandidate[] {
    const code = this.regionFilter(region);
    const found = new Map<number, FuzzyCandidate>();
    const consider = (at: number, closeness: Closeness) => {
      if (code !== undefined && this.regionCodes[at] !== code) return;
      const known = found.get(at);
      if (known && known.closeness <= closeness) return;
      const entry = this.entry(at);
      const level: Closeness = entry.plate === plate ? 0 : closeness;
      const substitutions = level === 2 ? 0 : confusionDistance(plate, entry.plate);
      found.set(at, { ...entry, closeness: level, substitutions: Number.isFinite(substitutions) ? substitutions : 0 });
    };
    const key = confusionKey(plate);
    for (const at of this.withKey(key)) consider(at, 1);
    for (const variant of oneEditAway(key)) for (const at of this.withKey(variant)) consider(at, 2);
    return [...found.values()]
      .sort((a, b) => a.closeness - b.closeness || a.substitutions - b.substitutions || a.plate.localeCompare(b.plate) || a.region.localeCompare(b.region))
      .slice(0, limit);
  }
}

type ByteTest = (chars: Uint8Array, base: number, length: number) => boolean;

const Q = '?'.charCodeAt(0);
const STAR = '*'.charCodeAt(0);

/** A matcher over a plate's bytes, equal to plates/wildcard.ts matchesPattern (a test checks it). */
export function compile(pattern: PlatePattern): ByteTest {
  const codes = [...pattern.text].map((ch) => ch.charCodeAt(0));
  switch (pattern.mode) {
    case 'positional': {
      if (!codes.includes(STAR)) {
        return (chars, base, length) => {
          if (length !== codes.length) return false;
          for (let i = 0; i < length; i++) if (codes[i] !== Q && codes[i] !== chars[base + i]) return false;
          return true;
        };
      }
      const minLength = codes.filter((c) => c !== STAR).length;
      const first = codes[0] !== STAR && codes[0] !== Q ? codes[0] : undefined;
      // Glob with one-character and any-run wildcards; plates are at most 8 bytes, so plain recursion.
      const glob = (chars: Uint8Array, base: number, length: number, p: number, s: number): boolean => {
        for (; p < codes.length; p++, s++) {
          const c = codes[p];
          if (c === STAR) {
            for (let k = s; k <= length; k++) if (glob(chars, base, length, p + 1, k)) return true;
            return false;
          }
          if (s >= length || (c !== Q && c !== chars[base + s])) return false;
        }
        return s === length;
      };
      return (chars, base, length) => length >= minLength && (first === undefined || chars[base] === first) && glob(chars, base, length, 0, 0);
    }
    case 'ordered':
      return (chars, base, length) => {
        let p = 0;
        for (let s = 0; s < length && p < codes.length; s++) if (chars[base + s] === codes[p]) p++;
        return p === codes.length;
      };
    case 'unordered': {
      const wanted = new Map<number, number>();
      for (const c of codes) wanted.set(c, (wanted.get(c) ?? 0) + 1);
      const needs = [...wanted];
      return (chars, base, length) => {
        if (length < codes.length) return false;
        for (const [c, n] of needs) {
          let seen = 0;
          for (let s = 0; s < length; s++) if (chars[base + s] === c) seen++;
          if (seen < n) return false;
        }
        return true;
      };
    }
  }
}

/** Every confusion key one deletion, insertion or substitution away from `key` (over the key alphabet). */
export function oneEditAway(key: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) {
    out.add(key.slice(0, i) + key.slice(i + 1));
    for (const ch of KEY_ALPHABET) if (ch !== key[i]) out.add(key.slice(0, i) + ch + key.slice(i + 1));
  }
  if (key.length < PLATE_MAX_LENGTH) for (let i = 0; i <= key.length; i++) for (const ch of KEY_ALPHABET) out.add(key.slice(0, i) + ch + key.slice(i));
  out.delete(key);
  out.delete('');
  return out;
}
