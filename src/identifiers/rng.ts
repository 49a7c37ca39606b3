/**
 * Seeded pseudo-random numbers for synthetic test and demo data.
 * NOT for cryptography: mulberry32 has 32 bits of state and is trivially predictable.
 * Use node:crypto for anything secret (see id-number-vault.ts).
 */

/** A source of numbers uniformly distributed in [0, 1). */
export interface Rng {
  next(): number;
}

/** Returns a mulberry32 generator: the same seed always yields the same sequence. */
export function createRng(seed: number): Rng {
  // Coerce to uint32 so fractional, negative or huge seeds are still deterministic.
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Returns an integer in [0, n); n must be a positive integer. */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`randomInt bound must be a positive integer, got ${n}`);
  // Clamp because a caller-supplied Rng might return exactly 1.
  return Math.min(n - 1, Math.floor(rng.next() * n));
}

/** Returns one element of a non-empty list, chosen uniformly. */
export function pick<T>(rng: Rng, items: ReadonlyArray<T>): T {
  if (items.length === 0) throw new RangeError('cannot pick from an empty list');
  return items[randomInt(rng, items.length)] as T;
}
