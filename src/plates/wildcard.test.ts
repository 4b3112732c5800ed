import { describe, it, expect } from 'vitest';
import {
  literalPrefix,
  matchesPattern,
  parsePlatePattern,
  patternToRegExp,
  patternToSqlLike,
  patternToSqlLikeAll,
  PlatePatternError,
  type PlatePatternErrorId,
  type PlatePatternMode,
} from './wildcard.js';

/** Minimal SQL LIKE evaluator ('_' one, '%' any), to check the LIKE agrees with the RegExp. */
function sqlLike(value: string, like: string): boolean {
  const re = like.replace(/[%_]/g, (c) => (c === '%' ? '.*' : '.'));
  return new RegExp(`^${re}$`, 's').test(value);
}

const PLATES = ['7ABC123', '7ABX123', '7AB123', '123ABC', 'ABC1234', '7XAYB', 'BA7', 'AAB7', 'AB7', 'A7', '7'];

function errorId(fn: () => unknown): PlatePatternErrorId | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlatePatternError) return e.id;
    throw e;
  }
  return undefined;
}

describe('parsePlatePattern (R8, R24 partial plates)', () => {
  it('cleans what people type: case, separators, repeated *', () => {
    expect(parsePlatePattern('7-ab? 12?')).toEqual({ mode: 'positional', text: '7AB?12?' });
    expect(parsePlatePattern('**AB***1*')).toEqual({ mode: 'positional', text: '*AB*1*' });
    expect(parsePlatePattern('7·AB•C')).toEqual({ mode: 'positional', text: '7ABC' });
    expect(parsePlatePattern('７ＡＢ？')).toEqual({ mode: 'positional', text: '7AB?' }); // full-width
  });

  it('accepts a full plate (exact match) and adjacent wildcards', () => {
    expect(parsePlatePattern('7ABC123').text).toBe('7ABC123');
    expect(parsePlatePattern('7A?*3').text).toBe('7A?*3');
    expect(parsePlatePattern('7A*?3').text).toBe('7A*?3');
  });

  it.each<[string, PlatePatternErrorId, PlatePatternMode?]>([
    ['', 'pattern_empty'],
    ['  - . ', 'pattern_empty'],
    ['?', 'pattern_only_wildcards'],
    ['???????', 'pattern_only_wildcards'],
    ['*', 'pattern_only_wildcards'],
    ['*?*', 'pattern_only_wildcards'],
    ['7AB%', 'pattern_illegal_character'],
    ['7AB_12', 'pattern_illegal_character'],
    ['7AB#', 'pattern_illegal_character'],
    ['7AB!', 'pattern_illegal_character'],
    ['ßAB', 'pattern_illegal_character'],
    ['7♥AB', 'pattern_illegal_character'],
    ['ABCDEFGHIJK', 'pattern_too_long'],
    ['*A*B*C*D*E*', 'pattern_too_long'],
    ['ABCDEFGHI', 'pattern_too_long'], // 9 characters: no plate is that long
    ['ABCD?????', 'pattern_too_long'],
    ['7A?', 'pattern_wildcard_in_any_position_mode', 'ordered'],
    ['7A*', 'pattern_wildcard_in_any_position_mode', 'unordered'],
  ])('refuses %j (%s)', (input, id, mode) => {
    expect(errorId(() => parsePlatePattern(input, mode))).toBe(id);
  });

  it('error messages say what to write instead', () => {
    expect(() => parsePlatePattern('7AB%')).toThrow(/Write \* instead of %/);
    expect(() => parsePlatePattern('7AB_12')).toThrow(/Write \? instead of _/);
    expect(() => parsePlatePattern('???')).toThrow(/at least one known letter or digit/);
    expect(() => parsePlatePattern('')).toThrow(/e\.g\. 7AB\?12\?/);
  });

  it('the error is stable and machine-readable', () => {
    const error = (() => {
      try {
        parsePlatePattern('???');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PlatePatternError);
    expect(error).toMatchObject({ name: 'PlatePatternError', id: 'pattern_only_wildcards', field: 'pattern' });
  });

  it('a wildcard plus eight characters still fits: * can match nothing', () => {
    expect(parsePlatePattern('*ABCD1234').text).toBe('*ABCD1234');
  });
});

describe('matching', () => {
  it.each<[string, PlatePatternMode, string[]]>([
    ['7AB?123', 'positional', ['7ABC123', '7ABX123']],
    ['7AB*', 'positional', ['7ABC123', '7ABX123', '7AB123']],
    ['*123', 'positional', ['7ABC123', '7ABX123', '7AB123']],
    ['*ABC*', 'positional', ['7ABC123', '123ABC', 'ABC1234']],
    ['7AB*?23', 'positional', ['7ABC123', '7ABX123', '7AB123']],
    ['7AB?*23', 'positional', ['7ABC123', '7ABX123', '7AB123']], // ? takes the 1, * nothing
    ['7AB??23', 'positional', ['7ABC123', '7ABX123']],
    ['??7', 'positional', ['BA7', 'AB7']],
    ['7ABC123', 'positional', ['7ABC123']],
    ['7AB', 'ordered', ['7ABC123', '7ABX123', '7AB123', '7XAYB']],
    ['AB7', 'unordered', ['7ABC123', '7ABX123', '7AB123', '7XAYB', 'BA7', 'AAB7', 'AB7']],
    ['AA7', 'unordered', ['AAB7']],
  ])('%j (%s)', (input, mode, expected) => {
    const pattern = parsePlatePattern(input, mode);
    const re = patternToRegExp(pattern);
    expect(PLATES.filter((p) => matchesPattern(p, pattern))).toEqual(expected);
    expect(PLATES.filter((p) => re.test(p))).toEqual(expected);
    // The database prefilter never drops a match, and the AND of LIKEs is exact.
    expect(PLATES.filter((p) => sqlLike(p, patternToSqlLike(pattern)) && re.test(p))).toEqual(expected);
    expect(PLATES.filter((p) => patternToSqlLikeAll(pattern).every((l) => sqlLike(p, l)))).toEqual(expected);
  });

  it('unordered counts repeated characters', () => {
    const pattern = parsePlatePattern('A7A', 'unordered');
    expect(matchesPattern('AB7', pattern)).toBe(false);
    expect(matchesPattern('7BAA', pattern)).toBe(true);
  });

  it('? is exactly one character, never zero', () => {
    expect(matchesPattern('7AB123', parsePlatePattern('7AB?123'))).toBe(false);
  });
});

describe('patternToSqlLike and literalPrefix', () => {
  it.each<[string, PlatePatternMode, string, string]>([
    ['7AB?123', 'positional', '7AB_123', '7AB'],
    ['7AB*', 'positional', '7AB%', '7AB'],
    ['*123', 'positional', '%123', ''],
    ['?AB*', 'positional', '_AB%', ''],
    ['7ABC123', 'positional', '7ABC123', '7ABC123'],
    ['7AB', 'ordered', '%7%A%B%', ''],
    ['7AB', 'unordered', '%', ''],
  ])('%j (%s) → LIKE %j, prefix %j', (input, mode, like, prefix) => {
    const pattern = parsePlatePattern(input, mode);
    expect(patternToSqlLike(pattern)).toBe(like);
    expect(literalPrefix(pattern)).toBe(prefix);
  });

  it('patternToSqlLikeAll gives one LIKE per distinct character for unordered', () => {
    expect(patternToSqlLikeAll(parsePlatePattern('A7A', 'unordered'))).toEqual(['%A%A%', '%7%']);
    expect(patternToSqlLikeAll(parsePlatePattern('7A?'))).toEqual(['7A_']);
  });
});
