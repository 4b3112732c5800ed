/**
 * The distinct plates in memory, for partial and fuzzy plate search (R24; ARCHITECTURE: "partial and
 * fuzzy plate search runs over distinct plates before touching detections").
 *
 * The `plates` table holds one row per (normalized plate, region), far fewer than reads (2M plates for
 * 10M reads). This index keeps them in columnar arrays and answers, with no SQL:
 * - a wildcard pattern: only the buckets of (length, first character) the pattern can match are
 *   scanned with its RegExp, so '7AB?12?' tests 1/36 of the 7-character plates;
 * - a fuzzy plate: every plate whose confusion key (plates/confusion.ts) is the query's key or one
 *   edit from it is found by map lookups of the ~500 keys one edit away, not by a scan.
 * It catches up with new plates before each search by reading rows with id > the last id it saw
 * (the plates primary key), so it costs ingest nothing. Memory: ~100 bytes a plate (2M plates ≈
 * 200 MB; 100M reads of which ~15M distinct plates would be ≈ 1.5 GB, so past that scale the
 * index should hold plates seen in the retention window only, which purge bounds).
 */
import type { Kysely } from 'kysely';
import { confusionDistance, confusionKey, matchesPattern, PLATE_MAX_LENGTH, type PlatePattern } from '../plates/index.js';
import type { Tables } from '../storage/tables.js';

/** How close a fuzzy candidate is: 0 the plate itself, 1 within OCR confusion, 2 one edit (plus any confusion). */
export type Closeness = 0 | 1 | 2;

export interface FuzzyCandidate {
  plateId: number;
  plate: string;
  region: string;
  closeness: Closeness;
  /** Characters that differ within a confusion class (0 for one-edit candidates that differ only by the edit). */
  substitutions: number;
}

const ALL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Characters a confusion key can hold: every class collapses to its first member. */
const KEY_ALPHABET = [...new Set([...ALL_CHARS].map((ch) => confusionKey(ch)))].join('');

export class PlateIndex {
  private readonly ids: number[] = [];
  private readonly plates: string[] = [];
  private readonly regions: string[] = [];
  /** Normalized plate → positions (one per region). */
  private readonly byPlate = new Map<string, number[]>();
  /** Confusion key → positions. */
  private readonly byKey = new Map<string, number[]>();
  /** `${length}${firstChar}` → positions, for wildcard scans. */
  private readonly buckets = new Map<string, number[]>();
  private lastId = 0;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly db: Kysely<Tables>) {}

  get size(): number {
    return this.ids.length;
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

  /** Adds one plate (also used by tests and the bench). */
  add(id: number, plate: string, region: string): void {
    const at = this.ids.length;
    this.ids.push(id);
    this.plates.push(plate);
    this.regions.push(region);
    push(this.byPlate, plate, at);
    push(this.byKey, confusionKey(plate), at);
    push(this.buckets, `${plate.length}${plate[0] ?? ''}`, at);
    if (id > this.lastId) this.lastId = id;
  }

  private entry(at: number): { plateId: number; plate: string; region: string } {
    return { plateId: this.ids[at] ?? 0, plate: this.plates[at] ?? '', region: this.regions[at] ?? '' };
  }

  private regionOk(at: number, region: string | undefined): boolean {
    return region === undefined || this.regions[at] === region;
  }

  /** The plate's ids, in one region or all. */
  exact(plate: string, region?: string): { plateId: number; plate: string; region: string }[] {
    return (this.byPlate.get(plate) ?? []).filter((at) => this.regionOk(at, region)).map((at) => this.entry(at));
  }

  /** Plates matching a wildcard or any-position pattern, at most `limit` + 1 (so the caller can tell there were more). */
  matching(pattern: PlatePattern, region: string | undefined, limit: number): { plateId: number; plate: string; region: string }[] {
    const out: { plateId: number; plate: string; region: string }[] = [];
    for (const bucket of this.bucketsFor(pattern)) {
      for (const at of bucket) {
        if (!this.regionOk(at, region) || !matchesPattern(this.plates[at] ?? '', pattern)) continue;
        out.push(this.entry(at));
        if (out.length > limit) return out;
      }
    }
    return out;
  }

  private bucketsFor(pattern: PlatePattern): number[][] {
    const text = pattern.text;
    const fixedLength = pattern.mode === 'positional' && !text.includes('*') ? text.length : undefined;
    const first = pattern.mode === 'positional' && /[A-Z0-9]/.test(text[0] ?? '') ? text[0] : undefined;
    const out: number[][] = [];
    for (let length = 1; length <= PLATE_MAX_LENGTH; length++) {
      if (fixedLength !== undefined && length !== fixedLength) continue;
      for (const ch of first ?? ALL_CHARS) {
        const bucket = this.buckets.get(`${length}${ch}`);
        if (bucket) out.push(bucket);
      }
    }
    return out;
  }

  /**
   * Plates within OCR confusion or one edit of `plate`, closest first (closeness, then fewer
   * substitutions, then alphabetical), at most `limit`.
   */
  fuzzy(plate: string, region: string | undefined, limit: number): FuzzyCandidate[] {
    const key = confusionKey(plate);
    const found = new Map<number, FuzzyCandidate>();
    const consider = (at: number, closeness: Closeness) => {
      if (!this.regionOk(at, region)) return;
      const candidate = this.plates[at] ?? '';
      const same = candidate === plate;
      const level: Closeness = same ? 0 : closeness;
      const known = found.get(at);
      if (known && known.closeness <= level) return;
      const substitutions = level === 2 ? 0 : confusionDistance(plate, candidate);
      found.set(at, { ...this.entry(at), closeness: level, substitutions: Number.isFinite(substitutions) ? substitutions : 0 });
    };
    for (const at of this.byKey.get(key) ?? []) consider(at, 1);
    for (const variant of oneEditAway(key)) for (const at of this.byKey.get(variant) ?? []) consider(at, 2);
    return [...found.values()]
      .sort((a, b) => a.closeness - b.closeness || a.substitutions - b.substitutions || a.plate.localeCompare(b.plate) || a.region.localeCompare(b.region))
      .slice(0, limit);
  }
}

function push(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (list) list.push(at);
  else map.set(key, [at]);
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
