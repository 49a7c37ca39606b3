import type { PublicationWindow } from './publication-window';
import { withStatedEnd } from './stated-publication-end';

const general: PublicationWindow = {
  regime: 'NDRC_ORDER_36', publishFrom: '2026-12-01', publishMinUntil: '2027-03-01', publishUntil: '2027-12-01', recorded: true,
};

describe('a 公示截止期 stated by the determining department', () => {
  it('is kept when it lies inside the regime\'s bounds, and the source says STATED', () => {
    const r = withStatedEnd(general, '2027-04-01', '2026-12-01');
    expect(r).toEqual({ window: { ...general, publishUntil: '2027-04-01' }, source: 'STATED' });
  });

  it('may be the first or the last day the bounds allow', () => {
    expect(withStatedEnd(general, '2027-03-01', '2026-12-01')).toHaveProperty('source', 'STATED');
    expect(withStatedEnd(general, '2027-12-01', '2026-12-01')).toHaveProperty('source', 'STATED');
  });

  it('is refused with the bounds named when it ends before the minimum period or after the maximum', () => {
    for (const stated of ['2027-02-28', '2027-12-02']) {
      const r = withStatedEnd(general, stated, '2026-12-01');
      expect(r).toHaveProperty('problem');
      expect((r as { problem: string }).problem).toContain('between 2027-03-01 (end of the minimum period) and 2027-12-01');
    }
  });

  it('is refused for a record that is not published at all', () => {
    const closed: PublicationWindow = { regime: 'NDRC_ORDER_36', publishFrom: null, publishMinUntil: null, publishUntil: null, recorded: true, note: 'MINOR: not published' };
    expect((withStatedEnd(closed, '2027-01-01', '2026-12-01') as { problem: string }).problem).toContain('not published');
  });

  it('leaves the computed window when none is stated', () => {
    expect(withStatedEnd(general, null, '2026-12-01')).toEqual({ window: general, source: 'COMPUTED' });
  });
});
