/**
 * When a procedure's statutory time limit runs out (due-date.ts): the limit's last day from the
 * legal day of filing on the State Council's calendars (src/time/data/working-calendars.yaml),
 * the filing day not counted, to the end of that day in China; overdue only while still open
 * and after that instant; refused in a year without its notice.
 */
import { loadWorkingCalendar } from '../../time/working-calendar.loader';
import { dueAt, dueOn, isOverdue } from './due-date';

const calendar = loadWorkingCalendar();
const days = (workingDays: number) => ({ workingDays, startDayCounts: false });

describe('dueAt', () => {
  it('ends at 23:59:59.999 China time on the Nth working day after filing', () => {
    // Tuesday 2026-06-02 + 3 working days = Friday 2026-06-05.
    const { at: due, provisional } = dueAt(new Date('2026-06-02T09:30:00+08:00'), days(3), calendar);
    expect(provisional).toBe(false);
    expect(due.toISOString()).toBe('2026-06-05T15:59:59.999Z');
    expect(dueOn(due)).toBe('2026-06-05');
  });

  it('does not count the filing day, and skips the weekend', () => {
    // Friday 2026-06-05 + 1 working day = Monday 2026-06-08.
    expect(dueOn(dueAt(new Date('2026-06-05T17:00:00+08:00'), days(1), calendar).at)).toBe('2026-06-08');
  });

  it('counts from the legal day of filing: 01:00 in Beijing on Monday is Monday, though it is Sunday in UTC', () => {
    const filed = new Date('2026-06-07T17:00:00Z'); // 2026-06-08 01:00 CST, a Monday
    expect(dueOn(dueAt(filed, days(1), calendar).at)).toBe('2026-06-09');
  });

  it('follows the State Council calendar across 国庆: 10 working days from Monday 2026-09-28 end on 2026-10-16, not 10-12', () => {
    // 09-29, 09-30, 10-08, 10-09, 10-10 (a working Saturday), 10-12 … 10-16 (domain.md §9).
    expect(dueOn(dueAt(new Date('2026-09-28T10:00:00+08:00'), days(10), calendar).at)).toBe('2026-10-16');
  });

  it('follows it across 春节: 5 working days from Thursday 2026-02-12 end on 2026-02-26, the working Saturday 02-14 counted', () => {
    // 02-13, 02-14 (调休上班), then 春节 02-15..02-23 off, 02-24, 02-25, 02-26.
    expect(dueOn(dueAt(new Date('2026-02-12T10:00:00+08:00'), days(5), calendar).at)).toBe('2026-02-26');
    // 2024: 春节 02-10..02-17, with Sunday 02-18 worked: 3 working days from Thursday 02-08.
    expect(dueOn(dueAt(new Date('2024-02-08T10:00:00+08:00'), days(3), calendar).at)).toBe('2024-02-19');
  });

  it('counts the filing day itself where the rule says the start day counts', () => {
    expect(dueOn(dueAt(new Date('2026-09-28T10:00:00+08:00'), { workingDays: 10, startDayCounts: true }, calendar).at)).toBe('2026-10-15');
  });

  it('is the end of the filing day itself for a limit of zero working days', () => {
    expect(dueAt(new Date('2026-06-06T08:00:00+08:00'), days(0), calendar).at.toISOString()).toBe('2026-06-06T15:59:59.999Z');
  });

  it('is provisional, not refused, when the limit runs into late December before the next notice is loaded', () => {
    // 12-22, 12-23, 12-24 exact; 12-25 (Friday) and 12-28 (Monday) judged on 2026's notice and weekends, pending 2027's.
    const due = dueAt(new Date('2026-12-21T10:00:00+08:00'), days(5), calendar);
    expect(dueOn(due.at)).toBe('2026-12-28');
    expect(due.provisional).toBe(true);
  });

  it('is provisional across 元旦 2027, the statutory day (Friday 01-01) off', () => {
    // Thursday 2026-12-31 + 1 working day: 01-01 is 元旦, then the weekend → Monday 2027-01-04.
    expect(dueOn(dueAt(new Date('2026-12-31T10:00:00+08:00'), days(1), calendar).at)).toBe('2027-01-04');
  });

  it('is refused, naming the year, when the limit runs two years past the last notice', () => {
    expect(() => dueAt(new Date('2027-12-20T10:00:00+08:00'), days(5), calendar)).toThrow(/国务院办公厅关于2027年部分节假日安排的通知/);
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
