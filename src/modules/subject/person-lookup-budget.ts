/**
 * How many distinct resident ID numbers one token may look up per legal day. A person's ID
 * number is the key to everything about them; a caller trying numbers (a masked public listing
 * leaves only a few digits to guess) must run out of budget long before it finds anyone, and
 * every try is in the access log for auditors. Repeating a number already looked up today costs
 * nothing, so a clerk re-opening a file is never refused.
 *
 * Kept in process: with several instances each grants its own budget, so the limit a
 * deployment states is per instance (README, PERSON_LOOKUP_DAILY_LIMIT).
 */
import { appError } from '../../errors';

interface Spent {
  day: string;
  numbers: Set<string>;
}

export class PersonLookupBudget {
  private readonly spent = new Map<string, Spent>();

  constructor(private readonly dailyLimit: number) {}

  /**
   * Counts `numberKey` (a keyed hash of the number, never the number) against `caller` for
   * `day`; throws LOOKUP_BUDGET_EXCEEDED when it would be one distinct number too many.
   */
  spend(caller: string, day: string, numberKey: string): void {
    let s = this.spent.get(caller);
    if (!s || s.day !== day) {
      s = { day, numbers: new Set() };
      this.spent.set(caller, s);
    }
    if (s.numbers.has(numberKey)) return;
    if (s.numbers.size >= this.dailyLimit) {
      throw appError(
        'LOOKUP_BUDGET_EXCEEDED',
        `this token has looked up ${this.dailyLimit} distinct resident ID numbers today, the most allowed; ` +
          'the numbers already looked up still answer, others from tomorrow (China time). Every lookup is in the access log.',
        { limit: this.dailyLimit },
      );
    }
    s.numbers.add(numberKey);
  }
}
