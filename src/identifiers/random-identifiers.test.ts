import { DIVISIONS, isPlausibleDivisionCode } from './divisions';
import { randomResidentId, randomUscc, type UsccKind } from './random-identifiers';
import { validateResidentId } from './resident-id';
import { createRng } from './rng';
import { validateUscc } from './uscc';

const KINDS: UsccKind[] = ['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'GOVERNMENT', 'SOCIAL_ORG'];
const EXPECTED: Record<UsccKind, string> = {
  ENTERPRISE: '91',
  INDIVIDUAL_BUSINESS: '92',
  GOVERNMENT: '11',
  SOCIAL_ORG: '51',
};

describe('randomUscc', () => {
  it('generates 10,000 codes that all validate, with the authority and category of their kind', () => {
    const rng = createRng(2024);
    const failures: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const kind = KINDS[i % KINDS.length]!;
      const code = randomUscc(rng, kind);
      const r = validateUscc(code);
      if (!r.ok || r.authority + r.category !== EXPECTED[kind]) failures.push(`${kind} ${code}`);
    }
    expect(failures).toEqual([]);
  });

  it('produces the same sequence from the same seed and a different one from another seed', () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => randomUscc(rng, 'ENTERPRISE'));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    expect(new Set(run(7)).size).toBe(50);
  });

  it('uses the given division code and refuses an implausible one', () => {
    expect(randomUscc(createRng(1), 'GOVERNMENT', '100000').slice(2, 8)).toBe('100000');
    expect(() => randomUscc(createRng(1), 'GOVERNMENT', '990000')).toThrow(/divisionCode/);
  });

  it('refuses an unknown kind', () => {
    expect(() => randomUscc(createRng(1), 'BANK' as UsccKind)).toThrow(/unknown USCC kind/);
  });
});

describe('randomResidentId', () => {
  it('generates 10,000 numbers that all validate and fall within the default years', () => {
    const rng = createRng(2024);
    const failures: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = randomResidentId(rng);
      const r = validateResidentId(id);
      if (!r.ok || r.birthDate < '1940-01-01' || r.birthDate > '2005-12-31') failures.push(id);
    }
    expect(failures).toEqual([]);
  });

  it('produces the same sequence from the same seed', () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => randomResidentId(rng));
    };
    expect(run(99)).toEqual(run(99));
    expect(run(99)).not.toEqual(run(100));
  });

  it('honours divisionCode, minYear and maxYear, reaching both ends of the range', () => {
    const rng = createRng(5);
    const dates = Array.from({ length: 2000 }, () => {
      const r = validateResidentId(randomResidentId(rng, { divisionCode: '440305', minYear: 1999, maxYear: 2000 }));
      if (!r.ok) throw new Error(r.message);
      expect(r.divisionCode).toBe('440305');
      return r.birthDate;
    }).sort();
    expect(dates[0]!.startsWith('1999-01')).toBe(true);
    expect(dates[dates.length - 1]!.startsWith('2000-12')).toBe(true);
  });

  it('refuses year ranges that could produce invalid or future birth dates', () => {
    const thisYear = new Date().getUTCFullYear();
    expect(() => randomResidentId(createRng(1), { minYear: 1849 })).toThrow(RangeError);
    expect(() => randomResidentId(createRng(1), { minYear: 2000, maxYear: 1999 })).toThrow(RangeError);
    expect(() => randomResidentId(createRng(1), { maxYear: thisYear })).toThrow(RangeError);
    expect(() => randomResidentId(createRng(1), { minYear: 1990.5 })).toThrow(RangeError);
  });
});

describe('DIVISIONS', () => {
  it('lists about twenty distinct, plausible GB/T 2260 codes with names', () => {
    expect(DIVISIONS.length).toBe(20);
    expect(new Set(DIVISIONS.map((d) => d.code)).size).toBe(DIVISIONS.length);
    for (const d of DIVISIONS) {
      expect(isPlausibleDivisionCode(d.code)).toBe(true);
      expect(d.name).toMatch(/[区]$/);
    }
  });
});
