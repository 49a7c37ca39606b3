/**
 * Which time limit applies (time-limits.ts): the decision limits of the regime in force on the
 * day of filing, and the list types' objection windows, as the shipped catalog states them.
 */
import { loadCatalogBundle } from '../../catalog/catalog.loader';
import { decisionLimit, limitsInForce } from './time-limits';

const bundle = loadCatalogBundle();

describe('decisionLimit', () => {
  it('is the limit of the regime in force on the filing day, with its source', () => {
    const objection = decisionLimit(bundle.regimes, 'objectionDecision', '2026-12-01');
    expect(objection).toMatchObject({ regime: 'NDRC_ORDER_36', workingDays: 5, startDayCounts: false });
    expect(objection.source).toContain('第三十一条');
    expect(decisionLimit(bundle.regimes, 'repairDecision', '2024-06-03')).toMatchObject({ regime: 'NDRC_ORDER_58', workingDays: 3 });
  });

  it('is refused on a day no regime covers', () => {
    const ended = bundle.regimes.map((r) => ({ ...r, validTo: r.validTo ?? '2026-12-31' }));
    expect(() => decisionLimit(ended, 'repairDecision', '2027-01-04')).toThrow(/no publication regime is in force on 2027-01-04/);
  });
});

describe('limitsInForce', () => {
  it('states the limits the portal shows, every list type giving its own window', () => {
    expect(limitsInForce(bundle, '2026-12-01')).toEqual({ objectionDecision: '5', repairDecision: '3', listObjectionWindow: '10' });
    const differing = { ...bundle, listTypes: bundle.listTypes.map((t, i) => (i === 0 ? { ...t, timeLimits: { objectionWindow: { ...t.timeLimits.objectionWindow, workingDays: 5 } } } : t)) };
    expect(limitsInForce(differing, '2026-12-01').listObjectionWindow).toBe('5–10');
  });
});
