import { describe, expect, it } from 'vitest';

import {
  CA_COMMERCIAL_PLATE,
  CA_STANDARD_PLATE,
  CA_VANITY_PLATE,
  caSeriesDigit,
  displayPlate,
  randomPlate,
  regionCode,
} from './plates.js';
import { createRandom } from './random.js';

const sample = (seed: number, n: number) => {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => randomPlate(rng, { referenceYear: 2026 }));
};

describe('createRandom', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRandom(123);
    const b = createRandom(123);
    const c = createRandom(124);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps its helpers in range', () => {
    const rng = createRandom(9);
    const floats = Array.from({ length: 5000 }, () => rng.next());
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    const ints = Array.from({ length: 5000 }, () => rng.int(3, 7));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6, 7]));
    const picks = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c'])));
    expect(picks).toEqual(new Set(['a', 'b', 'c']));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('weights choices', () => {
    const rng = createRandom(5);
    let heavy = 0;
    for (let i = 0; i < 5000; i++) if (rng.weighted([['heavy', 9], ['light', 1]] as const) === 'heavy') heavy++;
    expect(heavy / 5000).toBeGreaterThan(0.86);
    expect(heavy / 5000).toBeLessThan(0.94);
  });
});

describe('randomPlate', () => {
  it('gives the same plates for the same seed', () => {
    expect(sample(42, 200)).toEqual(sample(42, 200));
    expect(sample(42, 50)).not.toEqual(sample(43, 50));
  });

  it('makes California plates in California formats, without I, O or Q in standard serials', () => {
    const plates = sample(1, 5000).filter((p) => p.state === 'CA');
    expect(plates.length).toBeGreaterThan(0);
    for (const p of plates) {
      const pattern = { standard: CA_STANDARD_PLATE, commercial: CA_COMMERCIAL_PLATE, vanity: CA_VANITY_PLATE }[p.kind];
      expect(p.plate).toMatch(pattern);
    }
    const standard = plates.filter((p) => p.kind === 'standard');
    expect(standard.length / plates.length).toBeGreaterThan(0.85);
    for (const p of standard) expect(p.plate.slice(1, 4)).not.toMatch(/[IOQ]/);
  });

  it('is ~85% California and mostly 5-9 series, with some older low-digit plates', () => {
    const plates = sample(2, 10000);
    const ca = plates.filter((p) => p.state === 'CA');
    expect(ca.length / plates.length).toBeGreaterThan(0.82);
    expect(ca.length / plates.length).toBeLessThan(0.88);
    const standard = ca.filter((p) => p.kind === 'standard');
    const modern = standard.filter((p) => /^[5-9]/.test(p.plate));
    expect(modern.length / standard.length).toBeGreaterThan(0.8);
    expect(standard.some((p) => /^[1-3]/.test(p.plate))).toBe(true);
    const states = new Set(plates.map((p) => p.state));
    for (const s of ['AZ', 'NV', 'TX', 'OR', 'WA', 'FL', 'NY']) expect(states).toContain(s);
  });

  it('uses each state’s serial format', () => {
    const rng = createRandom(3);
    const formats: Record<string, RegExp> = {
      AZ: /^[A-Z]{3}[0-9]{4}$/,
      TX: /^[A-Z]{3}[0-9]{4}$/,
      NV: /^[0-9]{2}[A-Z][0-9]{3}$/,
      OR: /^[0-9]{3}[A-Z]{3}$/,
      FL: /^[A-Z]{4}[0-9]{2}$/,
    };
    for (const [state, pattern] of Object.entries(formats)) {
      for (let i = 0; i < 20; i++) expect(randomPlate(rng, { state }).plate).toMatch(pattern);
    }
  });

  it('ties a CA plate’s leading digit to the car’s age', () => {
    expect(caSeriesDigit(1985)).toBe(1);
    expect(caSeriesDigit(2010)).toBe(6);
    expect(caSeriesDigit(2019)).toBe(8);
    expect(caSeriesDigit(2026)).toBe(9);
    const rng = createRandom(11);
    const old = Array.from({ length: 200 }, () => randomPlate(rng, { state: 'CA', year: 1990, referenceYear: 2026 }));
    const lowDigit = old.filter((p) => p.kind === 'standard' && p.plate.startsWith('2'));
    expect(lowDigit.length).toBeGreaterThan(150);
  });
});

describe('plate helpers', () => {
  it('formats plates for display and regions for vendors', () => {
    expect(displayPlate('ABC1234', 'TX')).toBe('ABC-1234');
    expect(displayPlate('12A345', 'NV')).toBe('12A 345');
    expect(displayPlate('8XYZ123', 'CA')).toBe('8XYZ123');
    expect(displayPlate('SHORT', 'TX')).toBe('SHORT');
    expect(regionCode('CA')).toBe('us-ca');
  });
});
