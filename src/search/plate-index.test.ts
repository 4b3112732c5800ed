// The packed plate index against the plain definitions in src/plates: the byte matchers agree with
// matchesPattern, fuzzy finds exactly the plates within confusion or one edit, and memory stays small.
import { describe, expect, it } from 'vitest';
import { confusionKey, editDistance, matchesPattern, parsePlatePattern, type PlatePatternMode } from '../plates/index.js';
import { PlateIndex } from './plate-index.js';

function random(seed: number) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const r = random(7);
const CHARS = 'AB0O18IZ5S7';
const plates = [...new Set(Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(r() * 7) }, () => CHARS[Math.floor(r() * CHARS.length)]).join('')))];
const index = new PlateIndex(undefined as never);
plates.forEach((plate, i) => index.add(i + 1, plate, i % 3 === 0 ? 'NV' : 'CA'));

describe('PlateIndex', () => {
  it('matches wildcard and any-position patterns exactly as matchesPattern does', () => {
    const patterns: [string, PlatePatternMode][] = [
      ['AB?1*', 'positional'],
      ['*0?', 'positional'],
      ['A*B*1', 'positional'],
      ['??0???', 'positional'],
      ['8I', 'ordered'],
      ['OAB', 'ordered'],
      ['BA', 'unordered'],
      ['SS5', 'unordered'],
      ['*Z*', 'positional'],
    ];
    for (const [text, mode] of patterns) {
      const pattern = parsePlatePattern(text, mode);
      const expected = plates.filter((plate) => matchesPattern(plate, pattern)).sort();
      expect(index.matching(pattern, undefined, 10_000).map((p) => p.plate).sort(), `${text} ${mode}`).toEqual(expected);
    }
    const nv = index.matching(parsePlatePattern('A*'), 'NV', 10_000);
    expect(nv.every((p) => p.region === 'NV')).toBe(true);
    expect(index.matching(parsePlatePattern('A*'), 'TX', 10)).toEqual([]);
  });

  it('finds exactly the plates within confusion or one edit, closest first', () => {
    for (const query of ['AB01', 'ZS18O', '7IB', 'OO']) {
      const key = confusionKey(query);
      const expected = plates.filter((p) => confusionKey(p) === key || editDistance(confusionKey(p), key, 1) <= 1).sort();
      const found = index.fuzzy(query, undefined, 10_000);
      expect(found.map((c) => c.plate).sort(), query).toEqual(expected);
      const levels = found.map((c) => c.closeness);
      expect(levels).toEqual([...levels].sort((a, b) => a - b));
      for (const c of found) expect(c.closeness).toBe(c.plate === query ? 0 : confusionKey(c.plate) === key ? 1 : 2);
    }
  });

  it('looks up exact plates by region, and ignores what is not a normalized plate', () => {
    const plate = plates[3]!;
    expect(index.exact(plate).map((p) => p.plateId)).toEqual([4]);
    expect(index.exact(plate, 'NV')).toEqual([{ plateId: 4, plate, region: 'NV' }]);
    expect(index.exact(plate, 'CA')).toEqual([]);
    const before = index.size;
    index.add(999_999, 'TOOLONG123', 'CA');
    index.add(999_998, 'ab-1', 'CA');
    expect(index.size).toBe(before);
  });

  it('forgets purged plates: no lookup of any kind finds them (invariant 3)', () => {
    const own = new PlateIndex(undefined as never);
    own.add(1, '7ABC123', 'CA');
    own.add(2, '7ABC128', 'CA');
    own.add(3, 'XYZ999', 'CA');
    expect(own.remove([1, 3, 42])).toBe(2);
    expect(own.size).toBe(1);
    expect(own.exact('7ABC123')).toEqual([]);
    expect(own.fuzzy('7ABC123', undefined, 10).map((p) => p.plateId)).toEqual([2]);
    expect(own.matching(parsePlatePattern('7ABC12?', 'positional'), undefined, 10).map((p) => p.plateId)).toEqual([2]);
    expect(own.matching(parsePlatePattern('7*', 'positional'), undefined, 10).map((p) => p.plateId)).toEqual([2]);
    expect(own.matching(parsePlatePattern('XYZ', 'unordered'), undefined, 10)).toEqual([]);
    expect(own.remove([1])).toBe(0);
  });

  it('holds a plate in about 40 bytes of typed arrays', () => {
    const big = new PlateIndex(undefined as never);
    const n = 200_000;
    for (let i = 0; i < n; i++) big.add(i + 1, `${i % 9}${String.fromCharCode(65 + (i % 26))}${String(i).padStart(6, '0')}`.slice(0, 8), 'CA');
    expect(big.size).toBe(n);
    // Arrays grow by half again and the hash table is a power of two ≥ 2× capacity: at most ~2× the packed size.
    expect(big.bytes / n).toBeLessThan(64);
  });
});
