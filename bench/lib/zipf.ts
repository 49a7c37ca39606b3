/**
 * W5's popularity model: subject ranks drawn from a Zipf distribution (P(rank k) ∝ 1/k^s, s ≈
 * 1.1, as portal traffic concentrates on a few subjects) over every subject with a code. The
 * cumulative distribution is built once (8 bytes a subject) and sampled by binary search.
 */
export interface ZipfSampler {
  /** A rank from 0 (the most popular) to n − 1. */
  next(): number;
  /** The probability of the `k` most popular ranks together: what a cache holding them could hit. */
  headMass(k: number): number;
}

export function zipf(n: number, s: number, random: () => number = Math.random): ZipfSampler {
  if (!Number.isInteger(n) || n < 1) throw new Error(`zipf: n must be a positive whole number, got ${n}`);
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / (k + 1) ** s;
  for (let k = 0; k < n; k++) cdf[k]! /= sum;
  return {
    next() {
      const u = random();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    headMass: (k) => (k <= 0 ? 0 : cdf[Math.min(k, n) - 1]!),
  };
}
