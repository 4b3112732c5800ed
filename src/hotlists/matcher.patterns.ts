/**
 * Partial-plate entries (R8) compiled into one trie, so a read is checked against 10,000
 * patterns by walking only the branches its own characters lead into, not by testing each.
 *
 * Patterns are positional (src/plates/wildcard.ts): '?' is exactly one character, '*' any
 * number (runs already collapsed to one). A node's children are its literal characters, one
 * '?' branch and one '*' branch. Walking a read: at each node follow the read's character and
 * '?', and let '*' swallow 0..n characters. Every node also knows the fewest and most characters
 * still needed to finish some pattern below it, so branches that cannot fit the read's length
 * are cut before they are walked ('7AB?12?' is never looked at for a 6-character read).
 *
 * Patterns that start with '*' ('*AB12*', '*C123') could begin at any position of the read, so a
 * plain trie walks them from every position. Those whose first three characters after the '*'
 * are known (a witness who remembers a run) go into a second trie instead, rooted just after the
 * '*', with a bitset of those first three characters: a read enters it only at the positions where
 * its own three characters are set, which is seldom (10 KB, so the bitset stays in cache).
 */

interface TrieNode<T> {
  /** Children by character code − 48 ('0' is 0, 'Z' is 42): an array index is cheaper than a hash. */
  literal: (TrieNode<T> | undefined)[] | undefined;
  any: TrieNode<T> | undefined;
  star: TrieNode<T> | undefined;
  /** Patterns that end exactly here. */
  ends: T[] | undefined;
  /** Fewest characters still to read to finish a pattern below (or at) this node. */
  minRest: number;
  /** Most characters still to read to finish one; Infinity below a '*'. */
  maxRest: number;
}

/** '0'…'Z' in character codes: the slots a node's literal children need. */
const CODES = 'Z'.charCodeAt(0) - 48 + 1;

/** Three characters as one number below CODES³, or -1 when one is not a plate character. */
function trigram(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  const c = text.charCodeAt(at + 2) - 48;
  if (!(a >= 0 && a < CODES && b >= 0 && b < CODES && c >= 0 && c < CODES)) return -1;
  return (a * CODES + b) * CODES + c;
}

const KNOWN_RUN = /^\*[A-Z0-9]{3}/;

const node = <T>(): TrieNode<T> => ({ literal: undefined, any: undefined, star: undefined, ends: undefined, minRest: Infinity, maxRest: 0 });

export class PatternTrie<T> {
  readonly #root: TrieNode<T> = node();
  /** Patterns '*XYZ…', without their '*': matched from every position whose trigram is set. */
  readonly #afterStar: TrieNode<T> = node();
  readonly #trigrams = new Uint32Array(Math.ceil(CODES ** 3 / 32));
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds a cleaned positional pattern (PlatePattern.text). */
  add(text: string, target: T): void {
    if (KNOWN_RUN.test(text)) {
      const tri = trigram(text, 1);
      this.#trigrams[tri >>> 5]! |= 1 << (tri & 31);
      this.#insert(this.#afterStar, text.slice(1), target);
    } else {
      this.#insert(this.#root, text, target);
    }
    this.#size++;
  }

  #insert(root: TrieNode<T>, text: string, target: T): void {
    let current = root;
    for (let i = 0; i <= text.length; i++) {
      const rest = text.slice(i);
      const restMin = rest.replaceAll('*', '').length;
      current.minRest = Math.min(current.minRest, restMin);
      current.maxRest = Math.max(current.maxRest, rest.includes('*') ? Infinity : restMin);
      if (i === text.length) break;
      current = this.#child(current, text[i] ?? '');
    }
    (current.ends ??= []).push(target);
  }

  #child(parent: TrieNode<T>, ch: string): TrieNode<T> {
    if (ch === '?') return (parent.any ??= node());
    if (ch === '*') return (parent.star ??= node());
    parent.literal ??= new Array<TrieNode<T> | undefined>(CODES).fill(undefined);
    const code = ch.charCodeAt(0) - 48;
    return (parent.literal[code] ??= node());
  }

  /**
   * Appends to `out` every pattern that matches the whole plate. A pattern with several '*' can be
   * reached along more than one path ('*A*' on 'AAB'), so a target may appear more than once: the
   * caller keeps one hit per entry.
   */
  collect(plate: string, out: T[]): void {
    const length = plate.length;
    if (fits(this.#root, length)) walk(this.#root, plate, 0, out);
    const afterStar = this.#afterStar;
    for (let j = 0; j + 3 <= length; j++) {
      if (!fits(afterStar, length - j)) continue;
      const tri = trigram(plate, j);
      if (tri >= 0 && (this.#trigrams[tri >>> 5]! & (1 << (tri & 31))) !== 0) walk(afterStar, plate, j, out);
    }
  }
}

/** Can some pattern below this node finish in exactly `left` more characters? */
function fits(at: TrieNode<unknown>, left: number): boolean {
  return left >= at.minRest && left <= at.maxRest;
}

// Called only for nodes that fit (checked before each call, which saves most calls).
function walk<T>(at: TrieNode<T>, plate: string, i: number, out: T[]): void {
  const length = plate.length;
  const star = at.star;
  if (star !== undefined) {
    // '*' takes 0, 1, … of the remaining characters; the node after it matches from there. That
    // node never has a '*' of its own (runs are collapsed), so its step is taken here.
    for (let j = i; j <= length; j++) if (fits(star, length - j)) step(star, plate, j, out);
  }
  step(at, plate, i, out);
}

/** One character from `at` (literal or '?'), or the patterns ending at `at` when the plate is done. */
function step<T>(at: TrieNode<T>, plate: string, i: number, out: T[]): void {
  const left = plate.length - i - 1;
  if (left < 0) {
    if (at.ends !== undefined) for (const target of at.ends) out.push(target);
    return;
  }
  const next = at.literal?.[plate.charCodeAt(i) - 48];
  if (next !== undefined && fits(next, left)) walk(next, plate, i + 1, out);
  const any = at.any;
  if (any !== undefined && fits(any, left)) walk(any, plate, i + 1, out);
}
