/**
 * Seeded randomness for the generator. Every subject draws from its own stream, derived from
 * (seed, subject id), so that subject n's data depends on nothing but the seed and n: chunk
 * size, the number of subjects and the order of writes cannot change it.
 */
import { createRng, pick, randomInt, type Rng } from '../identifiers/rng';

export { pick, randomInt, type Rng };

/** A 32-bit seed mixed from several integers (murmur3 finaliser over a running hash). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Split so that ids beyond 2^32 still contribute every bit.
    for (const word of [part >>> 0, Math.floor(part / 4294967296) >>> 0]) {
      h = Math.imul(h ^ word, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

/** The generator of one named stream (STREAMS) of one entity. */
export function streamRng(seed: number, stream: number, id: number): Rng {
  return createRng(mixSeed(seed, stream, id));
}

export const STREAMS = { subject: 1, records: 2, lists: 3, consents: 4, agencies: 5 } as const;

export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** Integer in [lo, hi]. */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo + randomInt(rng, hi - lo + 1);
}

/** One of the entries, with probability proportional to its weight. */
export function weighted<T>(rng: Rng, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [value, w] of entries) {
    x -= w;
    if (x < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

/** A count with the given mean: the sum of Bernoulli trials, cheap and bounded (≤ 3 × mean + 1). */
export function countAround(rng: Rng, mean: number): number {
  const trials = Math.ceil(mean * 3) + 1;
  const p = mean / trials;
  let n = 0;
  for (let i = 0; i < trials; i++) if (rng.next() < p) n += 1;
  return n;
}

/**
 * A bijection of [0, modulus): index ↦ (a·index + b) mod modulus with a coprime to the modulus.
 * Used to give every subject a distinct identifier body without remembering the ones issued.
 */
export function permute(index: number, modulus: number, a: number, b: number): number {
  const m = BigInt(modulus);
  return Number((BigInt(a) * BigInt(index) + BigInt(b)) % m);
}
