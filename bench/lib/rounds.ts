/**
 * Interleaved rounds: the order targets run in each round, and what a table says of a target's
 * rounds (median and spread). Kept apart from bench/run.ts so that it can be tested.
 */

/** Round r's order (r from 0): the list rotated by r, so each target takes each position in turn. */
export function rotated<T>(list: readonly T[], r: number): T[] {
  if (!list.length) return [];
  const k = ((r % list.length) + list.length) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Median (the mean of the two middle values for an even count) and range; NaN values are left out. */
export function spreadOf(values: readonly number[]): Spread {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: NaN, min: NaN, max: NaN };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { median, min: v[0]!, max: v[v.length - 1]! };
}
