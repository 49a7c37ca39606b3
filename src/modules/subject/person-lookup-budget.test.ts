/**
 * The daily budget of distinct resident ID numbers one token may look up (person-lookup-budget.ts):
 * the limit counts distinct numbers per legal day, repeats are free, another token or another
 * day starts afresh.
 */
import type { AppError } from '../../errors';
import { PersonLookupBudget } from './person-lookup-budget';

const spendAll = (b: PersonLookupBudget, caller: string, day: string, keys: string[]) => keys.forEach((k) => b.spend(caller, day, k));

describe('PersonLookupBudget', () => {
  it('allows exactly the limit of distinct numbers a day and refuses the next one', () => {
    const b = new PersonLookupBudget(3);
    spendAll(b, 'tok-1', '2026-06-01', ['a', 'b', 'c']);
    let error: AppError | undefined;
    try {
      b.spend('tok-1', '2026-06-01', 'd');
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe('LOOKUP_BUDGET_EXCEEDED');
    expect(error?.message).toContain('this token has looked up 3 distinct resident ID numbers today, the most allowed');
    expect(error?.extensions).toMatchObject({ code: 'LOOKUP_BUDGET_EXCEEDED', limit: 3 });
  });

  it('lets a number already looked up today answer again, even with the budget spent', () => {
    const b = new PersonLookupBudget(2);
    spendAll(b, 'tok-1', '2026-06-01', ['a', 'b']);
    expect(() => b.spend('tok-1', '2026-06-01', 'a')).not.toThrow();
    expect(() => b.spend('tok-1', '2026-06-01', 'b')).not.toThrow();
  });

  it('does not count a refused number: it is refused again, and the others still answer', () => {
    const b = new PersonLookupBudget(1);
    b.spend('tok-1', '2026-06-01', 'a');
    expect(() => b.spend('tok-1', '2026-06-01', 'b')).toThrow();
    expect(() => b.spend('tok-1', '2026-06-01', 'b')).toThrow();
    expect(() => b.spend('tok-1', '2026-06-01', 'a')).not.toThrow();
  });

  it('grants each token its own budget', () => {
    const b = new PersonLookupBudget(1);
    b.spend('tok-1', '2026-06-01', 'a');
    expect(() => b.spend('tok-2', '2026-06-01', 'b')).not.toThrow();
  });

  it('starts afresh on the next legal day', () => {
    const b = new PersonLookupBudget(1);
    b.spend('tok-1', '2026-06-01', 'a');
    expect(() => b.spend('tok-1', '2026-06-02', 'b')).not.toThrow();
    expect(() => b.spend('tok-1', '2026-06-02', 'a')).toThrow();
  });

  it('refuses every number with a budget of zero', () => {
    expect(() => new PersonLookupBudget(0).spend('tok-1', '2026-06-01', 'a')).toThrow('looked up 0 distinct');
  });
});
