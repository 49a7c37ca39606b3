/**
 * Counting working days on a calendar given as data (working-days.ts): weekends off, the
 * notice's holidays off, its adjusted weekends worked, and a date no loaded notice covers
 * refused rather than guessed.
 */
import { AppError } from '../errors';
import { addWorkingDays, describeYears, isWorkingDay, lastDayOf, missingYear, type WorkingCalendar } from './working-days';

/** 国庆节 2026 (domain.md §9) on an explicit calendar of 2026 and 2027. */
const calendar: WorkingCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  workingWeekends: new Set(['2026-09-20', '2026-10-10']),
  years: new Set([2026, 2027]),
};

const refusal = (run: () => unknown): AppError => {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('working days', () => {
  it('skip weekends', () => {
    expect(addWorkingDays('2026-11-27', 1, calendar)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-30', 3, calendar)).toBe('2026-12-03');
    expect(isWorkingDay('2026-11-29', calendar)).toBe(false);
  });

  it('honour holidays and adjusted working weekends given as data', () => {
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    expect(isWorkingDay('2026-10-05', calendar)).toBe(false);
  });

  it('refuse a date of a year whose notice is not loaded, naming the year (CALENDAR_MISSING)', () => {
    const only2026: WorkingCalendar = { ...calendar, years: new Set([2026]) };
    const err = refusal(() => addWorkingDays('2026-12-31', 3, only2026));
    expect(err.extensions).toMatchObject({ code: 'CALENDAR_MISSING', year: 2027 });
    expect(err.message).toContain('国务院办公厅关于2027年部分节假日安排的通知');
    expect(err.message).toContain('src/time/data/working-calendars.yaml');
    expect(refusal(() => isWorkingDay('2025-06-03', only2026)).extensions).toMatchObject({ code: 'CALENDAR_MISSING', year: 2025 });
  });

  it('need the next year\'s notice from 25 December on, which may move those days', () => {
    const only2026: WorkingCalendar = { ...calendar, years: new Set([2026]) };
    expect(missingYear('2026-12-24', only2026)).toBeUndefined();
    expect(missingYear('2026-12-25', only2026)).toBe(2027);
    expect(missingYear('2026-12-25', calendar)).toBeUndefined();
  });
});

describe('lastDayOf', () => {
  it('does not count the start day unless the rule says so (民法典 第二百零一条)', () => {
    const tenDays = { workingDays: 10, startDayCounts: false };
    expect(lastDayOf('2026-09-28', tenDays, calendar)).toBe('2026-10-16');
    expect(lastDayOf('2026-09-28', { ...tenDays, startDayCounts: true }, calendar)).toBe('2026-10-15');
  });

  it('counts a start day that is itself a day off as no day, even where the start day counts', () => {
    expect(lastDayOf('2026-10-03', { workingDays: 1, startDayCounts: true }, calendar)).toBe('2026-10-08');
  });
});

describe('describeYears', () => {
  it('writes a run of years as a range and a broken one year by year', () => {
    expect(describeYears(new Set([2021, 2019, 2020]))).toBe('2019–2021');
    expect(describeYears(new Set([2019, 2021]))).toBe('2019, 2021');
    expect(describeYears(new Set())).toBe('none');
  });
});
