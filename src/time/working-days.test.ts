/**
 * Counting working days on a calendar given as data (working-days.ts): weekends off, the
 * notice's holidays off, its adjusted weekends worked, and a date no loaded notice covers
 * refused rather than guessed.
 */
import { AppError } from '../errors';
import { addWorkingDays, describeYears, isWorkingDay, judgeDay, lastDayOf, missingYear, type StatutoryHolidays, type WorkingCalendar } from './working-days';

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
    expect(addWorkingDays('2026-11-27', 1, calendar).day).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-30', 3, calendar).day).toBe('2026-12-03');
    expect(isWorkingDay('2026-11-29', calendar)).toBe(false);
  });

  it('honour holidays and adjusted working weekends given as data', () => {
    expect(addWorkingDays('2026-09-30', 1, calendar).day).toBe('2026-10-08');
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
    expect(lastDayOf('2026-09-28', tenDays, calendar).day).toBe('2026-10-16');
    expect(lastDayOf('2026-09-28', { ...tenDays, startDayCounts: true }, calendar).day).toBe('2026-10-15');
  });

  it('counts a start day that is itself a day off as no day, even where the start day counts', () => {
    expect(lastDayOf('2026-10-03', { workingDays: 1, startDayCounts: true }, calendar).day).toBe('2026-10-08');
  });
});

/** The statutory holidays as the shipped file gives them for 2027 (春节 from 除夕 2027-02-05). */
const statutory: StatutoryHolidays = {
  fromYear: 2025,
  fixed: new Set(['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']),
  lunar: new Set(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15']),
  lunarYears: new Set([2027]),
};
const provisional2027: WorkingCalendar = { ...calendar, years: new Set([2026]), statutory };

describe('a year without its notice, counted provisionally', () => {
  it('judges the year after the last notice on weekends and the statutory holidays, marked with that year', () => {
    expect(judgeDay('2027-01-01', provisional2027)).toEqual({ working: false, provisionalFor: 2027 }); // 元旦, a Friday
    expect(judgeDay('2027-01-04', provisional2027)).toEqual({ working: true, provisionalFor: 2027 });
    expect(judgeDay('2027-02-05', provisional2027).working).toBe(false); // 除夕, Friday
    expect(judgeDay('2027-02-08', provisional2027).working).toBe(false); // 正月初三, Monday
    expect(judgeDay('2027-02-09', provisional2027).working).toBe(true); // no bridging days: the notice is unknown
    expect(judgeDay('2027-05-03', provisional2027).working).toBe(true); // 劳动节 is 2 days
    expect(judgeDay('2027-10-04', provisional2027).working).toBe(true); // 国庆节 is 3 days
    expect(['2027-04-05', '2027-06-09', '2027-09-15'].map((d) => judgeDay(d, provisional2027).working)).toEqual([false, false, false]);
  });

  it('judges late December of the last notice\'s year on that notice and weekends, marked provisional (the next notice may move it)', () => {
    expect(judgeDay('2026-12-24', provisional2027)).toEqual({ working: true, provisionalFor: null });
    expect(judgeDay('2026-12-28', provisional2027)).toEqual({ working: true, provisionalFor: 2027 });
    expect(judgeDay('2026-12-26', provisional2027)).toEqual({ working: false, provisionalFor: 2027 });
  });

  it('marks a count that crossed any provisional day, and not one that did not', () => {
    expect(addWorkingDays('2026-12-21', 3, provisional2027)).toEqual({ day: '2026-12-24', provisionalFor: null });
    expect(addWorkingDays('2026-12-21', 4, provisional2027)).toEqual({ day: '2026-12-25', provisionalFor: 2027 });
    // Served Sunday 2026-12-20: 10 working days end Monday 2027-01-04 (元旦 off, no 调休 known).
    expect(lastDayOf('2026-12-20', { workingDays: 10, startDayCounts: false }, provisional2027)).toEqual({ day: '2027-01-04', provisionalFor: 2027 });
  });

  it('still refuses late December of the provisional year, the year after it, and years before the first notice', () => {
    expect(refusal(() => judgeDay('2027-12-27', provisional2027)).extensions).toMatchObject({ code: 'CALENDAR_MISSING', year: 2027 });
    expect(refusal(() => judgeDay('2028-01-03', provisional2027)).extensions).toMatchObject({ code: 'CALENDAR_MISSING', year: 2028 });
    expect(refusal(() => judgeDay('2025-06-03', provisional2027)).extensions).toMatchObject({ code: 'CALENDAR_MISSING', year: 2025 });
    expect(judgeDay('2027-12-24', provisional2027).provisionalFor).toBe(2027);
  });

  it('without the year\'s lunar dates, counts only before the earliest 除夕 (01-20) and refuses from it', () => {
    const noLunar: WorkingCalendar = { ...provisional2027, statutory: { ...statutory, lunar: new Set(), lunarYears: new Set() } };
    expect(judgeDay('2027-01-19', noLunar)).toEqual({ working: true, provisionalFor: 2027 });
    expect(refusal(() => judgeDay('2027-01-20', noLunar)).extensions).toMatchObject({ code: 'CALENDAR_MISSING', year: 2027 });
  });

  it('refuses as before without the statutory rule, or for a year before the rule\'s current text', () => {
    expect(refusal(() => judgeDay('2026-12-28', { ...provisional2027, statutory: undefined })).extensions).toMatchObject({ year: 2027 });
    expect(refusal(() => judgeDay('2027-01-04', { ...provisional2027, statutory: { ...statutory, fromYear: 2028 } })).extensions).toMatchObject({ year: 2027 });
  });
});

describe('describeYears', () => {
  it('writes a run of years as a range and a broken one year by year', () => {
    expect(describeYears(new Set([2021, 2019, 2020]))).toBe('2019–2021');
    expect(describeYears(new Set([2019, 2021]))).toBe('2019, 2021');
    expect(describeYears(new Set())).toBe('none');
  });
});
