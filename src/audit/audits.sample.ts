// The sampling audit's draw (R26): reproducible from a recorded seed. The population is the
// inquiries' access-log sequence numbers in ascending order (a stable ordering: seq never changes,
// the log being append-only), and the sample is the first n of a Fisher–Yates shuffle driven by a
// deterministic PRNG (sfc32) seeded from SHA-256 of the seed. Anyone holding the seed and the log
// can draw the same sample again.
import { createHash, randomBytes } from 'node:crypto';

/** A fresh seed to record with an audit: 128 random bits, hex. */
export const newSeed = (): string => randomBytes(16).toString('hex');

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 32-bit state words from the seed's SHA-256. */
export function seededRandom(seed: string): () => number {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i += 1) next(); // warm up, as the generator's author recommends
  return next;
}

/**
 * Draws `size` distinct items from `population` (sorted ascending first, so the caller's order does
 * not matter), in draw order. Takes them all when the population is smaller than `size`.
 */
export function drawSample(seed: string, population: readonly number[], size: number): number[] {
  const pool = [...population].sort((x, y) => x - y);
  const random = seededRandom(seed);
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    const picked = pool[j]!;
    pool[j] = pool[i]!;
    pool[i] = picked;
  }
  return pool.slice(0, n);
}
