/**
 * A small seeded pseudo-random generator for the demo network.
 *
 * mulberry32: 32 bits of state, fast, and good enough to make demo traffic look varied. It is
 * NOT cryptographic; nothing here should ever be used for secrets. The same seed always yields
 * the same sequence, which is what makes the demo reproducible in tests.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One value from [value, weight] pairs, proportionally to weight (weights > 0). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** An approximately normal deviate (mean 0, sd 1): the Irwin-Hall sum of six uniforms. */
  gaussian(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
    return items[Math.floor(next() * items.length)] as T;
  };

  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    if (!(total > 0)) throw new RangeError('weighted() needs a positive total weight');
    let roll = next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    // Floating-point leftovers land on the last entry.
    return (entries[entries.length - 1] as readonly [T, number])[0];
  };

  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick,
    weighted,
    gaussian: () => (next() + next() + next() + next() + next() + next() - 3) * Math.SQRT2,
  };
}
