/**
 * The consents a request has loaded (consent-store.ts): which subjects were loaded, and which
 * items a live consent covers for each; every check is reported to the metrics callback.
 */
import { ConsentStore } from './consent-store';

describe('ConsentStore', () => {
  it('covers only the items added for that subject', () => {
    const store = new ConsentStore();
    store.add(1, ['03-02-001', '02-01-001']);
    expect(store.covers(1, '03-02-001')).toBe(true);
    expect(store.covers(1, '06-01-001')).toBe(false);
    expect(store.covers(2, '03-02-001')).toBe(false);
  });

  it('accumulates the items of several consents of one subject', () => {
    const store = new ConsentStore();
    store.add(1, ['03-02-001']);
    store.add(1, ['06-01-001']);
    expect(store.covers(1, '03-02-001') && store.covers(1, '06-01-001')).toBe(true);
  });

  it('knows which subjects were loaded, with or without a consent', () => {
    const store = new ConsentStore();
    store.markLoaded([1, 2]);
    store.add(1, ['03-02-001']);
    expect([1, 2, 3].map((id) => store.isLoaded(id))).toEqual([true, true, false]);
    expect(store.covers(2, '03-02-001')).toBe(false);
  });

  it('reports each check\'s outcome', () => {
    const outcomes: boolean[] = [];
    const store = new ConsentStore((granted) => outcomes.push(granted));
    store.add(1, ['03-02-001']);
    store.covers(1, '03-02-001');
    store.covers(1, '02-01-001');
    store.covers(9, '03-02-001');
    expect(outcomes).toEqual([true, false, false]);
  });
});
