import { describe, it, expect } from 'vitest';
import { normalizePlate, normalizeRegion } from './normalize.js';
import { CA_REGIONS, US_REGIONS } from './regions.js';

describe('normalizePlate (R1 plate characters)', () => {
  it.each([
    ['7-ABC 123', '7ABC123'],
    ['7abc123', '7ABC123'],
    ['7·ABC·123', '7ABC123'],
    ['7•ABC•123', '7ABC123'],
    ['7.ABC.123', '7ABC123'],
    ['  7 abc\t123\n', '7ABC123'],
    ['7_ABC/123', '7ABC123'],
    ['ＡＢＣ１２３', 'ABC123'], // full-width, from copy-pasted lists
    ['ÀBÇ123', 'ABC123'], // accents keep their base letter
    ['I♥LA', 'ILA'], // California symbol plate: hot lists carry letters and digits only
  ])('%j → %j', (raw, expected) => {
    expect(normalizePlate(raw)).toBe(expected);
  });

  it("returns '' when nothing is left", () => {
    expect(normalizePlate('')).toBe('');
    expect(normalizePlate(' - · ')).toBe('');
    expect(normalizePlate('♥★')).toBe('');
  });

  it('does not expand letters whose uppercase is longer (ß is dropped, not SS)', () => {
    expect(normalizePlate('ßAB1')).toBe('AB1');
  });

  it('is idempotent', () => {
    expect(normalizePlate(normalizePlate('7-abc 123'))).toBe('7ABC123');
  });

  it('does not cut long input: plausibility is a separate question', () => {
    expect(normalizePlate('ABCDEFGHIJ')).toBe('ABCDEFGHIJ');
  });
});

describe('normalizeRegion', () => {
  it.each([
    ['us-ca', 'CA'],
    ['US-CA', 'CA'],
    ['CA', 'CA'],
    ['ca', 'CA'],
    ['California', 'CA'],
    ['CALIFORNIA', 'CA'],
    [' us_ca ', 'CA'],
    ['usa ca', 'CA'],
    ['us-nv', 'NV'],
    ['Nevada', 'NV'],
    ['New York', 'NY'],
    ['new-york', 'NY'],
    ['Washington', 'WA'],
    ['Washington, D.C.', 'DC'],
    ['D.C.', 'DC'],
    ['District of Columbia', 'DC'],
    ['us-pr', 'PR'],
    ['Guam', 'GU'],
    ['U.S. Virgin Islands', 'VI'],
    ['vi', 'VI'],
  ])('US: %j → %j', (raw, expected) => {
    expect(normalizeRegion(raw)).toBe(expected);
  });

  it.each([
    ['ca-on', 'ON'],
    ['CA-ON', 'ON'],
    ['can-bc', 'BC'],
    ['ON', 'ON'],
    ['Ontario', 'ON'],
    ['Québec', 'QC'],
    ['PQ', 'QC'],
    ['ca-pq', 'QC'],
    ['British Columbia', 'BC'],
  ])('Canada: %j → %j', (raw, expected) => {
    expect(normalizeRegion(raw)).toBe(expected);
  });

  it('a bare CA is California, never Canada', () => {
    expect(normalizeRegion('CA')).toBe('CA');
    expect(normalizeRegion('Canada')).toBeUndefined();
  });

  it.each([
    [undefined],
    [''],
    ['  '],
    ['US'],
    ['ZZ'],
    ['Atlantis'],
    ['us-on'], // prefix and code disagree: no guess
    ['ca-tx'],
    ['ca-ca'],
    ['us-pq'],
    ['mx-bc'], // Baja California, not British Columbia
  ])('%j → undefined', (raw) => {
    expect(normalizeRegion(raw)).toBeUndefined();
  });

  it('knows all 50 states, DC and the territories', () => {
    const us = Object.keys(US_REGIONS);
    expect(us).toHaveLength(56);
    for (const code of us) {
      expect(normalizeRegion(code.toLowerCase())).toBe(code);
      expect(normalizeRegion(`us-${code.toLowerCase()}`)).toBe(code);
      expect(normalizeRegion(US_REGIONS[code])).toBe(code);
    }
  });

  it('knows all 13 provinces and territories of Canada', () => {
    for (const code of Object.keys(CA_REGIONS)) {
      expect(normalizeRegion(`ca-${code.toLowerCase()}`)).toBe(code);
      expect(normalizeRegion(CA_REGIONS[code])).toBe(code);
    }
    expect(Object.keys(CA_REGIONS)).toHaveLength(13);
  });

  it('US and Canadian codes never collide, so a bare code is unambiguous', () => {
    const us = new Set(Object.keys(US_REGIONS));
    expect(Object.keys(CA_REGIONS).filter((code) => us.has(code))).toEqual([]);
  });
});
