import { describe, expect, it } from 'vitest';
import { createRandom, randomPlate, randomVehicle, type Random } from '../demo/index.js';
import { confusableVariants, confusionDistance, confusionKey, matchesPattern, parsePlatePattern } from '../plates/index.js';
import { buildMatcher, compareHits, MatcherBuilder, type Hit, type HotListEntry, type PlateRead } from './matcher.js';
import { keyHash, plateKeyHash } from './matcher.plates.js';
import { agreeingFields, canonicalVehicle, type CanonicalVehicle } from './matcher.vehicle.js';

let nextId = 0;
const entry = (fields: Partial<HotListEntry>): HotListEntry => ({
  id: `e${++nextId}`,
  listId: 'list-a',
  priority: 1,
  category: 'stolen_vehicle',
  ...fields,
});
const kinds = (hits: readonly Hit[]) => hits.map((h) => [h.entry.id, h.kind, h.state]);

describe('exact matches and the state rule', () => {
  const ca = entry({ id: 'ca', plate: '7ABC123', state: 'CA' });
  const anyState = entry({ id: 'any', plate: '8XYZ999' });
  const matcher = buildMatcher([ca, anyState]);

  it('hits the same plate from the same state', () => {
    expect(kinds(matcher.match({ plate: '7ABC123', region: 'CA' }))).toEqual([['ca', 'exact', 'matched']]);
  });

  it('a read from another state is no hit', () => {
    expect(matcher.match({ plate: '7ABC123', region: 'NV' })).toEqual([]);
  });

  it('a read whose state was not read hits, flagged for the officer to check', () => {
    for (const region of [undefined, null, '']) {
      expect(kinds(matcher.match({ plate: '7ABC123', region }))).toEqual([['ca', 'exact', 'unread']]);
    }
  });

  it('an entry without a state hits reads from any state', () => {
    expect(kinds(matcher.match({ plate: '8XYZ999', region: 'AZ' }))).toEqual([['any', 'exact', 'any']]);
    expect(kinds(matcher.match({ plate: '8XYZ999' }))).toEqual([['any', 'exact', 'any']]);
  });

  it('normalizes what it is given: raw plates, vendor regions, state names', () => {
    const m = buildMatcher([entry({ id: 'raw', plate: '5-def 456', state: 'California' })]);
    expect(m.match({ plate: '5DEF456', region: 'CA' })[0]?.entry).toMatchObject({ plate: '5DEF456', state: 'CA' });
    expect(kinds(m.match({ plate: '5 def-456', region: 'us-ca' }))).toEqual([['raw', 'exact', 'matched']]);
  });

  it('a plate that is not a plate misses everything', () => {
    expect(matcher.match({ plate: '', region: 'CA' })).toEqual([]);
    expect(matcher.match({ plate: 'ZZZ', region: 'CA' })).toEqual([]);
  });
});

describe('wildcard matches', () => {
  const at = (pattern: string, plate: string) =>
    buildMatcher([entry({ id: 'w', pattern })]).match({ plate }).map((h) => h.kind);

  it.each([
    ['7AB?12?', '7ABX12Y', true],
    ['7AB?12?', '7ABX12', false], // '?' is exactly one character
    ['7AB?12?', '7ABX123Y', false],
    ['?ABC123', '7ABC123', true], // leading '?'
    ['?ABC123', 'ABC123', false],
    ['*123', 'ABC123', true], // leading '*'
    ['*123', '123', true], // '*' may be empty
    ['*123', 'ABC1234', false],
    ['ABC*', 'ABC', true],
    ['ABC*', 'ABC1234', true],
    ['*AB1*', '7AB1234', true],
    ['*AB1*', '7AB2134', false],
    ['7*C?2*', '7ABCD23', true],
    ['7*C?2*', '7AC2', false],
    ['7 ab?-12?', '7ABX12Y', true], // cleaned like a user's input
  ])('%s against %s: %s', (pattern, plate, hits) => {
    expect(at(pattern, plate)).toEqual(hits ? ['wildcard'] : []);
  });

  it('the reference used below agrees with matchesPattern', () => {
    const rng = createRandom(7);
    for (let n = 0; n < 2_000; n++) {
      const plate = longPlate(rng);
      const pattern = parsePlatePattern(witnessPattern(rng, rng.chance(0.5) ? plate : longPlate(rng)));
      expect(glob(pattern.text, plate), `${pattern.text} ${plate}`).toBe(matchesPattern(plate, pattern));
    }
  });

  it('a pattern reached along several paths is one hit', () => {
    expect(at('*A*', 'AAAB')).toEqual(['wildcard']);
  });

  it('follows the state rule', () => {
    const m = buildMatcher([entry({ id: 'w', pattern: '7AB*', state: 'CA' })]);
    expect(kinds(m.match({ plate: '7AB123', region: 'CA' }))).toEqual([['w', 'wildcard', 'matched']]);
    expect(m.match({ plate: '7AB123', region: 'AZ' })).toEqual([]);
  });

  it('a "pattern" without wildcards is a whole plate, with exact and confusion matching', () => {
    const m = buildMatcher([entry({ id: 'p', pattern: '7ABC123' })]);
    expect(kinds(m.match({ plate: '7ABC123' }))).toEqual([['p', 'exact', 'any']]);
    expect(kinds(m.match({ plate: '7A8C123' }))).toEqual([['p', 'confusion', 'any']]);
  });
});

describe('confusion matches', () => {
  const m = buildMatcher([entry({ id: 'c', plate: 'ABC123', state: 'CA' })]);

  it('one confusion away hits, naming the character', () => {
    const [hit] = m.match({ plate: 'A8C123', region: 'CA' });
    expect(hit).toMatchObject({ kind: 'confusion', state: 'matched', confused: { position: 1, read: '8', listed: 'B' } });
    for (const plate of ['ABCI23', 'ABC1Z3']) expect(m.match({ plate })[0]?.kind).toBe('confusion');
  });

  it('two or three confusions away share the key but are no hit', () => {
    expect(m.match({ plate: 'A8CI23' })).toEqual([]);
    expect(m.match({ plate: 'A8CIZ3' })).toEqual([]);
  });

  it('a difference outside the classes is no hit', () => {
    expect(m.match({ plate: 'ABC124' })).toEqual([]);
    expect(m.match({ plate: 'ABC1234' })).toEqual([]);
  });

  it("the bitset in front of the key map hashes a read as it hashes the read's key", () => {
    const all = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of all) for (const b of all) expect(plateKeyHash(`7${a}${b}1`)).toBe(keyHash(confusionKey(`7${a}${b}1`)));
  });

  it('finds candidates among many keys (the bitset turns none of them away)', () => {
    const rng = createRandom(3);
    const plates = Array.from({ length: 20_000 }, () => longPlate(rng));
    const m = buildMatcher(plates.map((plate, i) => entry({ id: `k${i}`, plate })));
    for (const [i, plate] of plates.entries()) expect(m.match({ plate }).some((h) => h.entry.id === `k${i}` && h.kind === 'exact')).toBe(true);
  });

  it('can be turned off without rebuilding', () => {
    const exactOnly = m.withOptions({ confusion: false });
    expect(exactOnly.match({ plate: 'A8C123' })).toEqual([]);
    expect(exactOnly.match({ plate: 'ABC123' })[0]?.kind).toBe('exact');
    expect(buildMatcher([entry({ plate: 'ABC123' })], { confusion: false }).match({ plate: 'A8C123' })).toEqual([]);
  });
});

describe('description matches (R8)', () => {
  const truck = entry({ id: 'd', category: 'wanted_person', vehicle: { make: 'Chevrolet', model: 'Silverado', color: 'grey', bodyType: 'truck' } });
  const camry = entry({ id: 'n', vehicle: { make: 'TOYT', model: 'CAMRY', color: 'WHI' } });
  const m = buildMatcher([truck, camry]);

  it('agrees across case and synonyms, and says which descriptors agreed', () => {
    const [hit] = m.match({ plate: '1XYZ234', vehicle: { make: 'CHEVY', model: 'silverado', color: 'Gray', bodyType: 'Pickup' } });
    expect(hit).toMatchObject({ kind: 'description', state: 'any', agreed: ['make', 'model', 'color', 'bodyType'] });
    expect(kinds(m.match({ plate: '', vehicle: { make: 'Toyota', model: 'Camry', color: 'white', bodyType: 'sedan' } }))).toEqual([['n', 'description', 'any']]);
  });

  it('every descriptor the entry gives must agree, and be there', () => {
    expect(m.match({ plate: '1XYZ234', vehicle: { make: 'Chevrolet', model: 'Silverado', color: 'white', bodyType: 'pickup' } })).toEqual([]);
    expect(m.match({ plate: '1XYZ234', vehicle: { make: 'Chevrolet', model: 'Silverado', bodyType: 'pickup' } })).toEqual([]);
    expect(m.match({ plate: '1XYZ234' })).toEqual([]);
  });

  it('refuses descriptions with neither make nor model', () => {
    const built = buildMatcher([entry({ id: 'broad', vehicle: { color: 'white', bodyType: 'pickup' } })]);
    expect(built.stats.rejected).toMatchObject([{ id: 'broad', reason: 'description_too_broad' }]);
  });

  it('beside a plate, descriptors are for the officer and never a match of their own', () => {
    const withPlate = buildMatcher([entry({ id: 'pv', plate: '7ABC123', vehicle: { make: 'Honda' } })]);
    expect(withPlate.match({ plate: '1XYZ234', vehicle: { make: 'Honda' } })).toEqual([]);
    expect(withPlate.match({ plate: '7ABC123', vehicle: { make: 'Ford' } })[0]?.kind).toBe('exact');
  });
});

describe('ordering and duplicates', () => {
  it('list priority first (0 most urgent), then exact, wildcard, confusion, description, then confirmed state', () => {
    const m = buildMatcher([
      entry({ id: 'p2-exact', priority: 2, plate: '6DEF456' }),
      entry({ id: 'p1-desc', priority: 1, vehicle: { make: 'Ford' } }),
      entry({ id: 'p1-conf', priority: 1, plate: '6DEF45G' }),
      entry({ id: 'p1-wild', priority: 1, pattern: '6DE*' }),
      entry({ id: 'p1-wild-long', priority: 1, pattern: '6DEF*' }),
      entry({ id: 'p1-exact-any', priority: 1, plate: '6DEF456' }),
      entry({ id: 'p1-exact-ca', priority: 1, plate: '6DEF456', state: 'CA' }),
    ]);
    const hits = m.match({ plate: '6DEF456', region: 'CA', vehicle: { make: 'ford' } });
    expect(hits.map((h) => h.entry.id)).toEqual(['p1-exact-ca', 'p1-exact-any', 'p1-wild-long', 'p1-wild', 'p1-conf', 'p1-desc', 'p2-exact']);
  });

  it('an entry with a plate and a pattern that both match is one hit, the exact one', () => {
    const m = buildMatcher([entry({ id: 'both', plate: '7ABC123', pattern: '7AB*' })]);
    expect(kinds(m.match({ plate: '7ABC123' }))).toEqual([['both', 'exact', 'any']]);
    expect(kinds(m.match({ plate: '7ABX999' }))).toEqual([['both', 'wildcard', 'any']]);
  });

  it('the same entry id loaded twice is one hit', () => {
    const m = buildMatcher([entry({ id: 'dup', plate: '7ABC123' }), entry({ id: 'dup', plate: '7ABC123' })]);
    expect(m.match({ plate: '7ABC123' })).toHaveLength(1);
  });
});

describe('building', () => {
  it('records entries it cannot use, and indexes the rest', () => {
    const m = buildMatcher([
      entry({ id: 'bad-pattern', pattern: '**' }),
      entry({ id: 'bad-plate', plate: '♥' }),
      entry({ id: 'immigration', category: 'immigration' as HotListEntry['category'], plate: '1AAA111' }),
      entry({ id: 'nan', priority: Number.NaN, plate: '1AAA111' }),
      entry({ id: 'empty' }),
      entry({ id: 'good', plate: '1AAA111' }),
    ]);
    expect(m.stats.rejected.map((r) => [r.id, r.reason])).toEqual([
      ['bad-pattern', 'pattern_only_wildcards'],
      ['bad-plate', 'plate_empty'],
      ['immigration', 'category_unknown'],
      ['nan', 'priority_invalid'],
      ['empty', 'entry_empty'],
    ]);
    expect(m.stats).toMatchObject({ plates: 1, patterns: 0, descriptions: 0 });
    expect(kinds(m.match({ plate: '1AAA111' }))).toEqual([['good', 'exact', 'any']]);
  });

  it('a built matcher is frozen and its builder spent', () => {
    const builder = new MatcherBuilder().add(entry({ plate: '1AAA111' }));
    const m = builder.finish();
    expect(Object.isFrozen(m)).toBe(true);
    expect(() => builder.add(entry({ plate: '2BBB222' }))).toThrow(/after finish/);
    expect(() => builder.finish()).toThrow();
  });
});

// ---- property check: the indexes agree with testing every entry one by one ----

/** A realistic plate of 6 characters or more, long enough to cut a witness's partial plate from. */
function longPlate(rng: Random): string {
  for (;;) {
    const { plate } = randomPlate(rng, { referenceYear: 2025 });
    if (plate.length >= 6) return plate;
  }
}

function witnessPattern(rng: Random, plate: string): string {
  const chars = [...plate];
  switch (rng.int(0, 4)) {
    case 0: // one or two characters unknown
      for (let n = rng.int(1, 2); n > 0; n--) chars[rng.int(0, chars.length - 1)] = '?';
      return chars.join('');
    case 1: // a run in the middle
      return `*${plate.slice(rng.int(0, 2), rng.int(4, plate.length))}*`;
    case 2:
      return `${plate.slice(0, rng.int(2, 4))}*`;
    case 3:
      return `*${plate.slice(rng.int(2, 4))}`;
    default:
      return `${plate.slice(0, 2)}*${plate.slice(3, 4)}?*${plate.slice(-1)}`;
  }
}

/**
 * '?' one character, '*' any number: the definition, tried position by position. (The RegExp
 * behind matchesPattern gives the same answers, but 100M regex tests take a minute.)
 */
function glob(pattern: string, plate: string, i = 0, j = 0): boolean {
  if (i === pattern.length) return j === plate.length;
  const c = pattern[i];
  if (c === '*') {
    if (i === pattern.length - 1) return true;
    for (let k = j; k <= plate.length; k++) if (glob(pattern, plate, i + 1, k)) return true;
    return false;
  }
  return j < plate.length && (c === '?' || c === plate[j]) && glob(pattern, plate, i + 1, j + 1);
}

/**
 * The entries, split by what they can match on, each list of one shape: the reference below tests
 * 10k reads against every one of them, 150M pairs, and stays a few seconds that way.
 */
interface References {
  readonly plates: { readonly id: string; readonly state: string | undefined; readonly plate: string }[];
  /**
   * Quick noes before glob: a plate shorter than `min`, of another length when there is no '*',
   * or without `run` (the pattern's longest run of known characters) cannot match.
   */
  readonly patterns: { readonly id: string; readonly state: string | undefined; readonly pattern: string; readonly run: string; readonly min: number; readonly star: boolean }[];
  readonly vehicles: { readonly id: string; readonly state: string | undefined; readonly vehicle: CanonicalVehicle }[];
}

function references(entries: readonly HotListEntry[]): References {
  const refs: References = { plates: [], patterns: [], vehicles: [] };
  for (const { id, state, plate, pattern, vehicle } of entries) {
    if (plate !== undefined) refs.plates.push({ id, state, plate });
    if (pattern !== undefined) {
      const text = parsePlatePattern(pattern).text;
      const run = text.split(/[?*]/).reduce((a, b) => (b.length > a.length ? b : a), '');
      refs.patterns.push({ id, state, pattern: text, run, min: text.replaceAll('*', '').length, star: text.includes('*') });
    }
    if (vehicle !== undefined && plate === undefined && pattern === undefined) refs.vehicles.push({ id, state, vehicle: canonicalVehicle(vehicle) });
  }
  return refs;
}

/** Every entry tested one by one: the best kind per entry id, with confusion on and off. */
function reference(refs: References, read: PlateRead): { on: string[]; off: string[] } {
  const order = ['exact', 'wildcard', 'confusion', 'description'];
  const on = new Map<string, number>();
  const off = new Map<string, number>();
  const found = (id: string, kind: string) => {
    const rank = order.indexOf(kind);
    on.set(id, Math.min(on.get(id) ?? 9, rank));
    if (kind !== 'confusion') off.set(id, Math.min(off.get(id) ?? 9, rank));
  };
  const sameState = (state: string | undefined) => state === undefined || !read.region || state === read.region;
  const plate = read.plate;
  for (let i = 0; i < refs.plates.length; i++) {
    const e = refs.plates[i]!;
    if (e.plate === plate && sameState(e.state)) found(e.id, 'exact');
    if (confusionDistance(e.plate, plate) === 1 && sameState(e.state)) found(e.id, 'confusion');
  }
  for (let i = 0; i < refs.patterns.length; i++) {
    const e = refs.patterns[i]!;
    if (plate.length < e.min || (!e.star && plate.length !== e.min) || !plate.includes(e.run)) continue;
    if (glob(e.pattern, plate) && sameState(e.state)) found(e.id, 'wildcard');
  }
  const readVehicle = read.vehicle ? canonicalVehicle(read.vehicle) : undefined;
  for (const e of readVehicle === undefined ? [] : refs.vehicles) {
    if (agreeingFields(e.vehicle, readVehicle!) && sameState(e.state)) found(e.id, 'description');
  }
  const list = (best: Map<string, number>) => [...best].map(([id, rank]) => `${id}:${order[rank]}`).sort();
  return { on: list(on), off: list(off) };
}

describe('agrees with a brute-force reference (seeded)', () => {
  const rng = createRandom(20240605);
  const entries: HotListEntry[] = [];
  const sources: string[] = [];
  const region = () => rng.weighted<string | undefined>([['CA', 6], ['NV', 1], [undefined, 2]]);
  for (let i = 0; i < 10_000; i++) {
    const plate = longPlate(rng);
    sources.push(plate);
    entries.push({ id: `w${i}`, listId: 'l', priority: rng.int(0, 3), category: 'felony_vehicle', pattern: witnessPattern(rng, plate), state: region() });
  }
  for (let i = 0; i < 5_000; i++) {
    const { plate, state } = randomPlate(rng, { referenceYear: 2025 });
    sources.push(plate);
    entries.push({ id: `p${i}`, listId: 'l', priority: rng.int(0, 3), category: 'stolen_plate', plate, state: rng.chance(0.8) ? state : undefined });
  }
  for (let i = 0; i < 200; i++) {
    const v = randomVehicle(rng, 2025);
    entries.push({ id: `d${i}`, listId: 'l', priority: 2, category: 'missing_person', vehicle: { make: v.make, model: rng.chance(0.5) ? v.model : undefined, color: v.color } });
  }
  const reads: PlateRead[] = [];
  for (let i = 0; i < 10_000; i++) {
    const base = rng.chance(0.5) ? rng.pick(sources) : randomPlate(rng, { referenceYear: 2025 }).plate;
    const plate = rng.chance(0.3) ? rng.pick(confusableVariants(base, 2)) : base;
    const v = randomVehicle(rng, 2025);
    reads.push({ plate, region: region() ?? null, vehicle: rng.chance(0.7) ? { make: v.make, model: v.model, color: v.color } : undefined });
  }

  const refs = references(entries);
  let computed: ReturnType<typeof reference>[] | undefined;
  const expected = () => (computed ??= reads.map((read) => reference(refs, read)));

  for (const confusion of [true, false]) {
    // The first also computes the reference: seconds, more on a busy two-core machine.
    it(`with confusion ${confusion ? 'on' : 'off'}`, { timeout: 120_000 }, () => {
      const matcher = buildMatcher(entries, { confusion });
      expect(matcher.stats.rejected).toEqual([]);
      let hitReads = 0;
      const counts: Record<string, number> = {};
      for (const [i, read] of reads.entries()) {
        const hits = matcher.match(read);
        const got = hits.map((h) => `${h.entry.id}:${h.kind}`).sort();
        const want = expected()[i]!;
        expect(got, read.plate).toEqual(confusion ? want.on : want.off);
        for (let i = 1; i < hits.length; i++) expect(compareHits(hits[i - 1]!, hits[i]!)).toBeLessThanOrEqual(0);
        if (hits.length > 0) hitReads++;
        for (const h of hits) counts[h.kind] = (counts[h.kind] ?? 0) + 1;
      }
      // The check means something only if every kind was exercised.
      expect(hitReads).toBeGreaterThan(1_000);
      for (const kind of confusion ? ['exact', 'wildcard', 'confusion', 'description'] : ['exact', 'wildcard', 'description']) {
        expect(counts[kind] ?? 0, kind).toBeGreaterThan(50);
      }
    });
  }
});
