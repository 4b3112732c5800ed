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
 */

interface TrieNode<T> {
  literal: Map<string, TrieNode<T>> | undefined;
  any: TrieNode<T> | undefined;
  star: TrieNode<T> | undefined;
  /** Patterns that end exactly here. */
  ends: T[] | undefined;
  /** Fewest characters still to read to finish a pattern below (or at) this node. */
  minRest: number;
  /** Most characters still to read to finish one; Infinity below a '*'. */
  maxRest: number;
}

const node = <T>(): TrieNode<T> => ({ literal: undefined, any: undefined, star: undefined, ends: undefined, minRest: Infinity, maxRest: 0 });

export class PatternTrie<T> {
  readonly #root: TrieNode<T> = node();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds a cleaned positional pattern (PlatePattern.text). */
  add(text: string, target: T): void {
    let current = this.#root;
    for (let i = 0; i <= text.length; i++) {
      const rest = text.slice(i);
      const restMin = rest.replaceAll('*', '').length;
      current.minRest = Math.min(current.minRest, restMin);
      current.maxRest = Math.max(current.maxRest, rest.includes('*') ? Infinity : restMin);
      if (i === text.length) break;
      current = this.#child(current, text[i] ?? '');
    }
    (current.ends ??= []).push(target);
    this.#size++;
  }

  #child(parent: TrieNode<T>, ch: string): TrieNode<T> {
    if (ch === '?') return (parent.any ??= node());
    if (ch === '*') return (parent.star ??= node());
    parent.literal ??= new Map();
    let next = parent.literal.get(ch);
    if (next === undefined) {
      next = node();
      parent.literal.set(ch, next);
    }
    return next;
  }

  /**
   * Appends to `out` every pattern that matches the whole plate. A pattern with several '*' can be
   * reached along more than one path ('*A*' on 'AAB'), so a target may appear more than once: the
   * caller keeps one hit per entry.
   */
  collect(plate: string, out: T[]): void {
    if (this.#size > 0 && fits(this.#root, plate.length)) walk(this.#root, plate, 0, out);
  }
}

/** Can some pattern below this node finish in exactly `left` more characters? */
function fits(at: TrieNode<unknown>, left: number): boolean {
  return left >= at.minRest && left <= at.maxRest;
}

// Called only for nodes that fit (checked before the call, which saves most calls).
function walk<T>(at: TrieNode<T>, plate: string, i: number, out: T[]): void {
  const length = plate.length;
  const star = at.star;
  if (star !== undefined) {
    // '*' takes 0, 1, … of the remaining characters; the node after it matches from there.
    for (let j = i; j <= length; j++) if (fits(star, length - j)) walk(star, plate, j, out);
  }
  if (i === length) {
    if (at.ends !== undefined) for (const target of at.ends) out.push(target);
    return;
  }
  const left = length - i - 1;
  const next = at.literal?.get(plate[i] ?? '');
  if (next !== undefined && fits(next, left)) walk(next, plate, i + 1, out);
  const any = at.any;
  if (any !== undefined && fits(any, left)) walk(any, plate, i + 1, out);
}
