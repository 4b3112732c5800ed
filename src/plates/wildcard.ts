/**
 * Partial plates (R8: partial plates from major crimes; R24: search by partial plate).
 *
 * A witness remembers part of a plate in one of three ways, and each is a mode:
 * - 'positional': where the characters were. '7AB?12?' (? = exactly one unknown character),
 *   '*AB1*' (* = any number of characters, none included).
 * - 'ordered': which characters, in order, not where: '7AB' matches 7xAxxB and 7AB123.
 * - 'unordered': which characters, not in what order: 'AB7' matches 7BA123; a character
 *   given twice must appear twice.
 * Patterns are parsed once into a PlatePattern (plain data); the functions below turn it into
 * a RegExp for scanning, a SQL LIKE for prefiltering in the database, or an index prefix.
 */
import { PLATE_MAX_LENGTH } from './normalize.js';

export type PlatePatternMode = 'positional' | 'ordered' | 'unordered';

export interface PlatePattern {
  readonly mode: PlatePatternMode;
  /** Cleaned pattern: uppercase, separators removed, runs of '*' collapsed. */
  readonly text: string;
}

/** Longest pattern accepted, counting '?' and '*': a plate is at most 8, plus room for '*'s. */
export const PATTERN_MAX_LENGTH = 10;

export type PlatePatternErrorId =
  | 'pattern_empty'
  | 'pattern_illegal_character'
  | 'pattern_only_wildcards'
  | 'pattern_too_long'
  | 'pattern_wildcard_in_any_position_mode';

/** A pattern a user typed that cannot be searched; the message says what to write instead. */
export class PlatePatternError extends Error {
  override readonly name = 'PlatePatternError';
  readonly field = 'pattern';
  constructor(readonly id: PlatePatternErrorId, message: string) {
    super(message);
  }
}

/** Spaces, dashes, dots and bullets people type between groups, as on the plate itself. */
const SEPARATORS = /[\s\-.·•]/g;

/** What to write instead of the wildcards other tools use. */
const FOREIGN_WILDCARDS: Readonly<Record<string, string>> = { '%': '*', '_': '?', '#': '?' };

/**
 * Validates and cleans what a user typed. Throws PlatePatternError, whose message says what
 * to write instead, for anything that is not a searchable partial plate.
 */
export function parsePlatePattern(input: string, mode: PlatePatternMode = 'positional'): PlatePattern {
  const cleaned = input.normalize('NFKC').replace(SEPARATORS, '');
  if (cleaned === '') {
    fail('pattern_empty', 'Enter the characters you remember, with ? for one unknown character and * for any number, e.g. 7AB?12? or *AB1*.');
  }
  // Checked before uppercasing: 'ß'.toUpperCase() is 'SS', which would slip through.
  const bad = [...cleaned].find((ch) => !/[A-Za-z0-9?*]/.test(ch));
  if (bad !== undefined) {
    const instead = FOREIGN_WILDCARDS[bad];
    fail(
      'pattern_illegal_character',
      `"${bad}" cannot be part of a plate. Use letters A–Z, digits 0–9, ? for one unknown character and * for any number.` +
        (instead === undefined ? '' : ` Write ${instead} instead of ${bad}.`),
    );
  }
  const text = cleaned.toUpperCase().replace(/\*+/g, '*');
  if (text.length > PATTERN_MAX_LENGTH) {
    fail(
      'pattern_too_long',
      `A pattern has at most ${PATTERN_MAX_LENGTH} characters. Leave out characters you are unsure of, or write one * for a run of unknown ones.`,
    );
  }
  if (mode !== 'positional' && /[?*]/.test(text)) {
    fail('pattern_wildcard_in_any_position_mode', 'When the position is unknown, enter only the characters you remember, without ? or *.');
  }
  if (!/[A-Z0-9]/.test(text)) {
    fail('pattern_only_wildcards', 'A pattern needs at least one known letter or digit; wildcards alone would match every plate.');
  }
  if (minLength(text) > PLATE_MAX_LENGTH) {
    fail(
      'pattern_too_long',
      `That pattern needs more than ${PLATE_MAX_LENGTH} characters and no plate has that many; remove some ? or characters.`,
    );
  }
  return { mode, text };
}

function fail(id: PlatePatternErrorId, message: string): never {
  throw new PlatePatternError(id, message);
}

const ANY = '[A-Z0-9]';

/** Anchored RegExp over normalized plates (uppercase A–Z, 0–9). */
export function patternToRegExp(pattern: PlatePattern): RegExp {
  const chars = [...pattern.text];
  switch (pattern.mode) {
    case 'positional':
      return new RegExp(`^${chars.map((c) => (c === '?' ? ANY : c === '*' ? `${ANY}*` : c)).join('')}$`);
    case 'ordered':
      return new RegExp(`^${ANY}*${chars.join(`${ANY}*`)}${ANY}*$`);
    case 'unordered':
      // One lookahead per distinct character, requiring as many occurrences as were given.
      return new RegExp(`^${[...counts(pattern.text)].map(([c, n]) => `(?=(?:${ANY}*${c}){${n}})`).join('')}${ANY}*$`);
  }
}

const compiled = new WeakMap<PlatePattern, RegExp>();

/** Does a normalized plate match? Compiles the pattern once per PlatePattern object. */
export function matchesPattern(plate: string, pattern: PlatePattern): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = patternToRegExp(pattern);
    compiled.set(pattern, re);
  }
  return re.test(plate);
}

/**
 * One SQL LIKE string ('_' one character, '%' any) that every matching plate satisfies, for
 * prefiltering before matchesPattern. Exact for 'positional' and 'ordered'. No single LIKE
 * expresses "in any order", so for 'unordered' it is '%' (no filter): use
 * patternToSqlLikeAll there. Plates and patterns hold only A–Z and 0–9, so nothing needs
 * escaping, and LIKE's case rules (SQLite folds ASCII case, PostgreSQL does not) do not
 * matter for uppercase data.
 */
export function patternToSqlLike(pattern: PlatePattern): string {
  switch (pattern.mode) {
    case 'positional':
      return pattern.text.replaceAll('?', '_').replaceAll('*', '%');
    case 'ordered':
      return `%${[...pattern.text].join('%')}%`;
    case 'unordered':
      return '%';
  }
}

/** LIKE strings that must ALL hold; together exact in every mode (one per distinct character for 'unordered'). */
export function patternToSqlLikeAll(pattern: PlatePattern): string[] {
  if (pattern.mode !== 'unordered') return [patternToSqlLike(pattern)];
  return [...counts(pattern.text)].map(([c, n]) => `%${Array<string>(n).fill(c).join('%')}%`);
}

/**
 * The fixed characters before the first wildcard ('7AB?12' → '7AB'), so the store can narrow
 * to plates starting with them using its plate index. '' when the pattern can start anywhere:
 * a leading '*', or the 'ordered' and 'unordered' modes.
 */
export function literalPrefix(pattern: PlatePattern): string {
  if (pattern.mode !== 'positional') return '';
  return /^[A-Z0-9]*/.exec(pattern.text)?.[0] ?? '';
}

/** Fewest characters a matching plate can have: every character but '*' takes one. */
function minLength(text: string): number {
  return text.replaceAll('*', '').length;
}

function counts(text: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const c of text) result.set(c, (result.get(c) ?? 0) + 1);
  return result;
}
