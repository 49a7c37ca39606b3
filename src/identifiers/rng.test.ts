import { createRng, pick, randomInt } from './rng';

describe('createRng', () => {
  it('matches the reference mulberry32 output for seed 42', () => {
    const rng = createRng(42);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('repeats its sequence for the same seed and differs for another', () => {
    const take = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 100 }, () => rng.next());
    };
    expect(take(123)).toEqual(take(123));
    expect(take(123)).not.toEqual(take(124));
  });

  it('stays within [0, 1) with a mean near one half', () => {
    const rng = createRng(1);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
  });
});

describe('randomInt and pick', () => {
  it('keeps the result below the bound even if an Rng returns exactly 1', () => {
    expect(randomInt({ next: () => 1 }, 10)).toBe(9);
    expect(randomInt({ next: () => 0 }, 10)).toBe(0);
  });

  it('refuses a bound that is not a positive integer and an empty list', () => {
    expect(() => randomInt(createRng(1), 0)).toThrow(RangeError);
    expect(() => randomInt(createRng(1), 2.5)).toThrow(RangeError);
    expect(() => pick(createRng(1), [])).toThrow(RangeError);
  });

  it('picks every element of a list eventually', () => {
    const rng = createRng(3);
    const seen = new Set(Array.from({ length: 200 }, () => pick(rng, ['a', 'b', 'c'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });
});
