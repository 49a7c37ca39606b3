import fc from 'fast-check';
import { addDays as legalAddDays, legalDate } from '../time/legal-date';
import { addDays, dateBetween, dayNumber, officeTime } from './days';
import { createRng } from '../identifiers';

const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('generator day arithmetic', () => {
  it('agrees with the legal-date addDays everywhere', () => {
    fc.assert(fc.property(date, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => addDays(d, n) === legalAddDays(d, n)));
  });

  it('counts days from 1970-01-01', () => {
    expect([dayNumber('1970-01-01'), dayNumber('2000-03-01'), dayNumber('1969-12-31')]).toEqual([0, 11017, -1]);
  });

  it('draws dates within the range, and the start when the range is empty', () => {
    const rng = createRng(7);
    for (let i = 0; i < 500; i++) {
      const d = dateBetween(rng, '2024-02-27', '2024-03-02');
      expect(d >= '2024-02-27' && d <= '2024-03-02').toBe(true);
    }
    expect(dateBetween(rng, '2025-01-02', '2025-01-01')).toBe('2025-01-02');
  });

  it('puts office times on the same legal date in China', () => {
    fc.assert(fc.property(date, fc.integer(), (d, seed) => legalDate(officeTime(createRng(seed), d)) === d));
  });
});
