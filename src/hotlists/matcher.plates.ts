/**
 * Full-plate entries by confusionKey, with a bitset in front so most reads never touch the map.
 *
 * confusionKey maps every member of a confusion class to one character, so a read's key finds
 * the exact entry and every entry whose differences from it lie within classes, in one lookup.
 * A million keys make a map far larger than the processor's cache, and nearly every read is of a
 * plate on no list; so a bitset records a hash of every key, and a read whose hash is not set is
 * known to have no candidates without building its key or probing the map. The bitset has a fixed
 * 2^25 bits (4 MB), set as keys are added, so finishing a build costs no pass over a million keys
 * (a pass would hold up ingest for a fifth of a second). With a million keys about 3% of reads are
 * false alarms and go on to the map, which answers no; the share grows slowly with more keys.
 *
 * The map is 64 maps, picked by the hash's top bits. A JavaScript Map doubles and rehashes as it
 * grows; one map of a million keys would rehash half a million entries inside a single add, a
 * pause of ~100 ms for ingest while a list loads. A shard rehashes 1/64 of that.
 *
 * The read's hash is taken straight from its characters through the same classes
 * (CONFUSION_CLASSES), equal by construction to the hash of confusionKey(read), without making
 * the key string; a test checks the two agree.
 */
import { CONFUSION_CLASSES, confusionKey } from '../plates/index.js';

/** Character code → the code of its class's representative (what confusionKey writes), below 128. */
const REPRESENTATIVE = new Uint8Array(128).map((_, code) => code);
for (const cls of CONFUSION_CLASSES) for (const ch of cls) REPRESENTATIVE[ch.charCodeAt(0)] = cls.charCodeAt(0);

/** FNV-1a over character codes, then a final mix so the low bits (the bitset index) are even. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** Hash of a confusion key. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return mix(hash);
}

/** keyHash(confusionKey(plate)) for a normalized plate, without building the key. */
export function plateKeyHash(plate: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < plate.length; i++) {
    const code = plate.charCodeAt(i);
    hash = Math.imul(hash ^ (code < 128 ? REPRESENTATIVE[code]! : code), 0x01000193);
  }
  return mix(hash);
}

/** Entries under one key: one entry bare (most keys), several in an array. */
export type Slot<T> = T | T[];

const BITS = 2 ** 25; // the hash's low 25 bits pick a bit
const SHARD_SHIFT = 26; // its top 6 bits pick a shard

export class PlateIndex<T> {
  readonly #shards = Array.from({ length: 2 ** (32 - SHARD_SHIFT) }, () => new Map<string, Slot<T>>());
  readonly #bits = new Uint32Array(BITS / 32);

  add(plate: string, target: T): void {
    const key = confusionKey(plate);
    const hash = keyHash(key);
    const shard = this.#shards[hash >>> SHARD_SHIFT]!;
    const slot = shard.get(key);
    if (slot === undefined) {
      shard.set(key, target);
      const bit = hash & (BITS - 1);
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    } else if (Array.isArray(slot)) slot.push(target);
    else shard.set(key, [slot, target]);
  }

  /** The entries sharing the plate's confusion key, or undefined (normalized plates only). */
  candidates(plate: string): Slot<T> | undefined {
    const hash = plateKeyHash(plate);
    const bit = hash & (BITS - 1);
    if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return undefined;
    return this.#shards[hash >>> SHARD_SHIFT]!.get(confusionKey(plate));
  }
}
