import { loadCatalogBundle } from '../../catalog/catalog.loader';
import { earlyRemovalFrom, earlyRemovalProblem, listingMonths } from './listing-period';

const types = loadCatalogBundle().listTypes;
const type = (code: string) => types.find((t) => t.code === code)!;

describe('listing periods per list type', () => {
  it('take the procurement ban the decision states, one to three years (政府采购法 第七十七条)', () => {
    expect(listingMonths(type('GOVERNMENT_PROCUREMENT_SERIOUS'), 18)).toEqual({ months: 18 });
    expect(listingMonths(type('GOVERNMENT_PROCUREMENT_SERIOUS'), 12)).toEqual({ months: 12 });
    expect((listingMonths(type('GOVERNMENT_PROCUREMENT_SERIOUS'), 48) as { problem: string }).problem).toMatch(/12 to 36 months/);
    expect((listingMonths(type('GOVERNMENT_PROCUREMENT_SERIOUS'), null) as { problem: string }).problem).toMatch(/must state its listing period/);
  });

  it('keep a period the law fixes, and refuse another', () => {
    expect(listingMonths(type('SAMR_SERIOUS_VIOLATION'), null)).toEqual({ months: 36 });
    expect((listingMonths(type('SAMR_SERIOUS_VIOLATION'), 24) as { problem: string }).problem).toMatch(/exactly 36 months/);
  });

  it('let a market-regulation listing end early only after a full year (列入满一年)', () => {
    expect(earlyRemovalFrom(type('SAMR_SERIOUS_VIOLATION'), '2026-11-30')).toBe('2027-11-30');
    expect(earlyRemovalProblem(type('SAMR_SERIOUS_VIOLATION'), '2026-11-30', '2027-01-23')).toMatch(/only from 2027-11-30/);
    expect(earlyRemovalProblem(type('SAMR_SERIOUS_VIOLATION'), '2026-11-30', '2027-11-30')).toBeUndefined();
    expect(earlyRemovalProblem(type('MAJOR_TAX_VIOLATION'), '2026-11-30', '2026-12-01')).toBeUndefined();
  });
});
