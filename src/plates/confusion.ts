/**
 * Characters a plate reader mistakes for each other, for fuzzy hot-list matching and search
 * (R9 hits, R24 searches; R10 is why a fuzzy hit is only ever a lead for a human to check).
 *
 * The classes are the default "OCR equivalent characters" of Genetec AutoVu's ALPR matcher,
 * a widely deployed US system: 0/O/D/Q, 1/I, 2/Z, 5/S, 6/G, 8/B. Each pairs a digit with the
 * letters that share its outline in plate fonts. Other pairs sometimes blamed (4/A, 7/T,
 * L/1, U/V, M/N, 3/B) are left out on purpose: every extra class multiplies the plates one
 * read can hit, and the vendor's own advice is that more than two equivalences per plate
 * already gives too many false positives. The classes are disjoint, which is what lets a
 * whole plate collapse to one key.
 */

export const CONFUSION_CLASSES: readonly string[] = ['0ODQ', '1I', '2Z', '5S', '6G', '8B'];

/** Character → its class (the string above); characters in no class are absent. */
const CLASS_OF = new Map<string, string>();
for (const cls of CONFUSION_CLASSES) for (const ch of cls) CLASS_OF.set(ch, cls);

/** Most substitutions confusableVariants will expand: 4 members in 8 positions explode fast. */
export const MAX_SUBSTITUTIONS = 3;

/**
 * Each character replaced by its class's representative (the digit): 'ABC1Z3' → 'A8C123'.
 * Two plates of equal length share a key exactly when every difference between them is
 * within a class, so a store can index the key and find all confusable reads in one lookup.
 * The key is an index value, not a plate: never show it to a person.
 */
export function confusionKey(plate: string): string {
  let key = '';
  for (const ch of plate) key += CLASS_OF.get(ch)?.[0] ?? ch;
  return key;
}

/**
 * The plate itself first, then every plate reachable by replacing up to maxSubstitutions
 * characters with another member of their class, without duplicates. For looking a read up
 * in a hot list that has no key index.
 */
export function confusableVariants(plate: string, maxSubstitutions = 1): string[] {
  if (!Number.isInteger(maxSubstitutions) || maxSubstitutions < 0 || maxSubstitutions > MAX_SUBSTITUTIONS) {
    throw new RangeError(`maxSubstitutions must be an integer from 0 to ${MAX_SUBSTITUTIONS}`);
  }
  const chars = [...plate];
  const out = [plate];
  const seen = new Set(out);
  // Substitute at positions from `start` on, so each combination of positions is built once.
  const expand = (current: string[], start: number, left: number): void => {
    if (left === 0) return;
    for (let i = start; i < chars.length; i++) {
      const original = chars[i] ?? '';
      for (const alt of CLASS_OF.get(original) ?? '') {
        if (alt === original) continue;
        const next = current.slice();
        next[i] = alt;
        const text = next.join('');
        if (!seen.has(text)) {
          seen.add(text);
          out.push(text);
        }
        expand(next, i + 1, left - 1);
      }
    }
  };
  expand(chars, 0, maxSubstitutions);
  return out;
}

/**
 * How many positions differ, when every difference is within a class; Infinity when the
 * lengths differ or any difference crosses classes ('ABC123' vs 'A8C1Z3' → 2; vs 'XBC123' →
 * Infinity). 0 means equal. Compare normalized plates.
 */
export function confusionDistance(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const cls = x === undefined ? undefined : CLASS_OF.get(x);
    if (cls === undefined || y === undefined || !cls.includes(y)) return Infinity;
    distance++;
  }
  return distance;
}

/**
 * Levenshtein distance: insertions, deletions and substitutions each cost 1. Readers drop
 * or add characters (a screw read as 'I', a dirty digit missed), which confusionDistance
 * cannot see. With `cap`, returns cap + 1 as soon as the distance is known to exceed cap,
 * which keeps a scan over many candidates cheap.
 */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (a.length < b.length) [a, b] = [b, a]; // the shorter one sizes the rows
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      const cell = Math.min(substitution, deletion, insertion);
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    // Every path to the end passes through this row, and costs never go down.
    if (rowMin > cap) return cap + 1;
    [previous, current] = [current, previous];
  }
  const result = previous[b.length] ?? 0;
  return result > cap ? cap + 1 : result;
}
