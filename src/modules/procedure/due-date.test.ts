/**
 * When a procedure's statutory time limit runs out (due-date.ts): N working days after the
 * legal day of filing, the filing day not counted, to the end of that day in China; overdue
 * only while still open and after that instant.
 */
import type { WorkingCalendar } from '../../time/working-days';
import { dueAt, dueOn, isOverdue } from './due-date';

/** 国庆节 2026 as the State Council announced it (domain.md §9): 10-01..10-07 off, 09-20 and 10-10 worked. */
const CALENDAR_2026: WorkingCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  workingWeekends: new Set(['2026-09-20', '2026-10-10']),
};

describe('dueAt', () => {
  it('ends at 23:59:59.999 China time on the Nth working day after filing', () => {
    // Tuesday 2026-06-02 + 3 working days = Friday 2026-06-05.
    const due = dueAt(new Date('2026-06-02T09:30:00+08:00'), 3);
    expect(due.toISOString()).toBe('2026-06-05T15:59:59.999Z');
    expect(dueOn(due)).toBe('2026-06-05');
  });

  it('does not count the filing day, and skips the weekend', () => {
    // Friday 2026-06-05 + 1 working day = Monday 2026-06-08.
    expect(dueOn(dueAt(new Date('2026-06-05T17:00:00+08:00'), 1))).toBe('2026-06-08');
  });

  it('counts from the legal day of filing: 01:00 in Beijing on Monday is Monday, though it is Sunday in UTC', () => {
    const filed = new Date('2026-06-07T17:00:00Z'); // 2026-06-08 01:00 CST, a Monday
    expect(dueOn(dueAt(filed, 1))).toBe('2026-06-09');
  });

  it('follows the holiday notice given: 10 working days from Monday 2026-09-28 end on 2026-10-16, not 10-12', () => {
    const filed = new Date('2026-09-28T10:00:00+08:00');
    expect(dueOn(dueAt(filed, 10, CALENDAR_2026))).toBe('2026-10-16');
    expect(dueOn(dueAt(filed, 10))).toBe('2026-10-12'); // weekends only, the default
  });

  it('is the end of the filing day itself for a limit of zero working days', () => {
    expect(dueAt(new Date('2026-06-06T08:00:00+08:00'), 0).toISOString()).toBe('2026-06-06T15:59:59.999Z');
  });
});

describe('isOverdue', () => {
  const due = new Date('2026-06-05T15:59:59.999Z');

  it('is not overdue at the due instant itself, and is one millisecond later', () => {
    expect(isOverdue(true, due, due)).toBe(false);
    expect(isOverdue(true, due, new Date(due.getTime() + 1))).toBe(true);
  });

  it('is never overdue once decided, however late', () => {
    expect(isOverdue(false, due, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
