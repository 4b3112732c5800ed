import { describe, it, expect } from 'vitest';
import {
  CONFUSION_CLASSES,
  confusableVariants,
  confusionDistance,
  confusionKey,
  editDistance,
} from './confusion.js';

describe('confusion classes', () => {
  it.each([
    ['0', 'O'], ['0', 'D'], ['0', 'Q'], ['O', 'D'], ['O', 'Q'], ['D', 'Q'],
    ['1', 'I'], ['2', 'Z'], ['5', 'S'], ['6', 'G'], ['8', 'B'],
  ])('%s and %s are confusable', (a, b) => {
    expect(confusionKey(a)).toBe(confusionKey(b));
    expect(confusionDistance(`AB${a}`, `AB${b}`)).toBe(1);
  });

  it.each([['4', 'A'], ['7', 'T'], ['1', 'L'], ['U', 'V'], ['M', 'N'], ['3', 'B'], ['0', '8']])(
    '%s and %s are deliberately not (too many false hits)',
    (a, b) => {
      expect(confusionKey(a)).not.toBe(confusionKey(b));
      expect(confusionDistance(a, b)).toBe(Infinity);
    },
  );

  it('classes are disjoint, so every character has one representative', () => {
    const all = CONFUSION_CLASSES.join('');
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('confusionKey', () => {
  it('maps every class member to the digit', () => {
    expect(confusionKey('ODQ0')).toBe('0000');
    expect(confusionKey('ABC1Z3')).toBe('A8C123');
    expect(confusionKey('SIGBZ')).toBe('51682');
  });

  it('plates one confusion apart share a key (Genetec examples)', () => {
    const key = confusionKey('ABC123');
    for (const read of ['A8C123', 'ABC1Z3', 'ABCI23', 'A8CIZ3']) expect(confusionKey(read)).toBe(key);
  });

  it('leaves characters outside every class alone', () => {
    expect(confusionKey('ACEFHJKLMNPRTUVWXY3479')).toBe('ACEFHJKLMNPRTUVWXY3479');
  });

  it('keeps length, so different lengths never share a key', () => {
    expect(confusionKey('ABC12')).not.toBe(confusionKey('ABC123'));
  });
});

describe('confusableVariants', () => {
  it('lists the plate first, then one substitution per class member', () => {
    expect(confusableVariants('A0')).toEqual(['A0', 'AO', 'AD', 'AQ']);
  });

  it('defaults to one substitution', () => {
    const variants = confusableVariants('B1');
    expect(variants.sort()).toEqual(['81', 'B1', 'BI'].sort());
  });

  it('with two substitutions includes both-changed plates, without duplicates', () => {
    const variants = confusableVariants('B1', 2);
    expect(variants.sort()).toEqual(['81', '8I', 'B1', 'BI'].sort());
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('counts: 0 substitutions is just the plate; a plate without confusables has no variants', () => {
    expect(confusableVariants('ABC123', 0)).toEqual(['ABC123']);
    expect(confusableVariants('XYW')).toEqual(['XYW']);
    expect(confusableVariants('')).toEqual(['']);
  });

  it('every variant is within the asked distance', () => {
    for (const v of confusableVariants('OB5S1', 2)) expect(confusionDistance('OB5S1', v)).toBeLessThanOrEqual(2);
    // O has 3 alternatives, B, 5, S and 1 one each: 1 + 7 singles + (3·4 + 6) pairs.
    expect(confusableVariants('OB5S1', 2)).toHaveLength(26);
  });

  it.each([-1, 1.5, 4, Number.NaN])('refuses maxSubstitutions %s', (n) => {
    expect(() => confusableVariants('ABC', n)).toThrow(RangeError);
  });
});

describe('confusionDistance', () => {
  it('counts positions that differ within a class', () => {
    expect(confusionDistance('ABC123', 'ABC123')).toBe(0);
    expect(confusionDistance('ABC123', 'A8C123')).toBe(1);
    expect(confusionDistance('ABC123', 'A8CIZ3')).toBe(3);
  });

  it('is Infinity when any difference crosses classes or lengths differ', () => {
    expect(confusionDistance('ABC123', 'XBC123')).toBe(Infinity);
    expect(confusionDistance('ABC123', 'A8C12X')).toBe(Infinity);
    expect(confusionDistance('ABC123', 'ABC1234')).toBe(Infinity);
  });

  it('is symmetric', () => {
    expect(confusionDistance('O8S', '0B5')).toBe(confusionDistance('0B5', 'O8S'));
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['ABC', '', 3],
    ['', 'ABC', 3],
    ['ABC123', 'ABC123', 0],
    ['ABC123', 'ABC124', 1], // substitution
    ['ABC123', 'ABC1234', 1], // insertion (a screw read as a character)
    ['ABC123', 'AB123', 1], // deletion (a character missed)
    ['7ABC123', '7ACB123', 2], // transposition costs two
    ['KITTEN', 'SITTING', 3],
  ])('%j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('with a cap, returns cap + 1 once the distance is known to exceed it', () => {
    expect(editDistance('ABC123', 'XYZ789', 1)).toBe(2);
    expect(editDistance('A', 'ABCDEFGH', 2)).toBe(3); // length gap alone decides
    expect(editDistance('ABC123', 'ABC124', 1)).toBe(1);
    expect(editDistance('ABC123', 'ABC123', 0)).toBe(0);
  });

  it('gives the same answer with and without a cap when within it', () => {
    expect(editDistance('7ABC123', '7ACB123', 5)).toBe(2);
  });
});
