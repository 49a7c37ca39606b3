/**
 * The shipped working calendars (src/time/data/working-calendars.yaml) as the State Council's
 * notices fixed them, 2019–2026, and the loader's refusals of a wrong file.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../errors';
import { CalendarLoadError, DEFAULT_CALENDAR_FILE, loadWorkingCalendar, parseWorkingCalendars } from './working-calendar.loader';
import { addWorkingDays, isWorkingDay, judgeDay } from './working-days';

const calendar = loadWorkingCalendar();
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const inYear = (set: ReadonlySet<string>, year: number) => [...set].filter((d) => d.startsWith(`${year}-`));

describe('the shipped working calendars', () => {
  it('cover 2019 to 2026, each year with its notice, date and sources', () => {
    expect([...calendar.years]).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const n of calendar.notices) {
      expect(n.notice.title).toBe(`国务院办公厅关于${n.year}年部分节假日安排的通知`);
      expect(n.notice.issuedOn < `${n.year}-01-01`).toBe(true);
      expect(n.notice.sources.length).toBeGreaterThan(0);
    }
    expect(calendar.notices.find((n) => n.year === 2024)!.notice.documentNumber).toBe('国办发明电〔2023〕7号');
  });

  // Weekday holidays and working weekends dated in each year, counted by hand from the notices'
  // texts (2018-12-29 and 2018-12-31, of the 2019 notice, are dated 2018).
  it.each([
    [2019, 17, 6], [2020, 19, 6], [2021, 18, 7], [2022, 18, 7],
    [2023, 18, 7], [2024, 19, 8], [2025, 18, 5], [2026, 19, 6],
  ])('%i has %i weekday holidays and %i working weekend days', (year, weekdaysOff, worked) => {
    expect(inYear(calendar.holidays, year).filter((d) => weekday(d) !== 0 && weekday(d) !== 6)).toHaveLength(weekdaysOff);
    expect(inYear(calendar.workingWeekends, year)).toHaveLength(worked);
  });

  it('has the amendments applied: 劳动节 2019 of four days, 春节 2020 extended to 2 February', () => {
    expect(['2019-05-02', '2019-05-03'].map((d) => isWorkingDay(d, calendar))).toEqual([false, false]);
    expect(['2019-04-28', '2019-05-05'].map((d) => isWorkingDay(d, calendar))).toEqual([true, true]);
    expect(isWorkingDay('2020-01-31', calendar)).toBe(false);
    expect(isWorkingDay('2020-02-01', calendar)).toBe(false); // no longer a working Saturday
    expect(isWorkingDay('2020-02-03', calendar)).toBe(true);
  });

  it('knows known dates: 国庆 2026 off, its working Saturday worked, 春节 2026 nine days', () => {
    expect(isWorkingDay('2026-10-08', calendar)).toBe(true);
    expect(isWorkingDay('2026-10-07', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    expect(isWorkingDay('2026-09-20', calendar)).toBe(true);
    expect(addWorkingDays('2026-02-13', 1, calendar).day).toBe('2026-02-14'); // the working Saturday before 春节
    expect(addWorkingDays('2026-02-14', 1, calendar).day).toBe('2026-02-24');
    expect(isWorkingDay('2023-01-02', calendar)).toBe(false); // 元旦 2023 began on 2022-12-31
  });

  it('counts 2027, whose notice is not in the file, and the last days of 2026 that notice may move, provisionally', () => {
    expect(judgeDay('2027-01-04', calendar)).toEqual({ working: true, provisionalFor: 2027 });
    expect(judgeDay('2026-12-28', calendar)).toEqual({ working: true, provisionalFor: 2027 });
    expect(judgeDay('2026-12-24', calendar)).toEqual({ working: true, provisionalFor: null });
    // 春节 2027 by the rule: 除夕 Friday 02-05 to 正月初三 Monday 02-08.
    expect(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09'].map((d) => isWorkingDay(d, calendar))).toEqual([true, false, false, true]);
  });

  it('refuses what cannot be judged even provisionally: 2028, late December 2027, before 2019', () => {
    expect(() => isWorkingDay('2028-01-04', calendar)).toThrow(AppError);
    expect(() => isWorkingDay('2027-12-27', calendar)).toThrow(/2027年部分节假日安排/);
    expect(() => isWorkingDay('2018-06-01', calendar)).toThrow(AppError);
  });
});

describe('the statutory holidays (全国年节及纪念日放假办法, 国务院令第798号)', () => {
  const rule = calendar.statutoryData!.rule;

  it('are the amended rule\'s thirteen days: 元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3', () => {
    expect(rule.amendedBy).toBe('国务院令第798号');
    expect(rule.inForceFrom).toBe('2025-01-01');
    const days = Object.fromEntries([...rule.fixed, ...rule.lunar].map((h) => [h.name, h.days]));
    expect(days).toEqual({ 元旦: 1, 春节: 4, 清明节: 1, 劳动节: 2, 端午节: 1, 中秋节: 1, 国庆节: 3 });
  });

  // The rule's days and the lunar dates checked against the notices of the years it governs:
  // every statutory day of 2025 and 2026 is a holiday of that year's notice.
  it.each([2025, 2026])('agree with the %i notice: every statutory day is one of its holidays', (year) => {
    const statutory = calendar.statutory!;
    const days = [...statutory.fixed].map((md) => `${year}-${md}`).concat([...statutory.lunar].filter((d) => d.startsWith(`${year}-`)));
    expect(days).toHaveLength(13);
    expect(days.filter((d) => !calendar.holidays.has(d))).toEqual([]);
  });

  it('have the lunar dates of 2027 (春节 from 除夕 2027-02-05), the year after the last notice', () => {
    expect(calendar.statutoryData!.lunarDates.find((y) => y.year === 2027)!.from).toEqual({ 春节: '2027-02-05', 清明节: '2027-04-05', 端午节: '2027-06-09', 中秋节: '2027-09-15' });
  });
});

describe('loading a calendars file', () => {
  const shipped = readFileSync(DEFAULT_CALENDAR_FILE, 'utf8');
  const problemsOf = (text: string) => {
    try {
      parseWorkingCalendars(text, 'calendars.yaml');
    } catch (err) {
      if (err instanceof CalendarLoadError) return err.problems;
      throw err;
    }
    return [];
  };

  it('refuses a range that does not span the notice\'s days, with its line', () => {
    const problems = problemsOf(shipped.replace('from: "2026-10-01", to: "2026-10-07", days: 7', 'from: "2026-10-01", to: "2026-10-08", days: 7'));
    expect(problems).toEqual([expect.stringMatching(/^calendars\.yaml:\d+: calendars\.7\.holidays\.6\.to: from\.\.to does not span `days` days/)]);
  });

  it('refuses a working day that is not a weekend, or lies inside a holiday', () => {
    expect(problemsOf(shipped.replace('workingWeekends: ["2026-09-20", "2026-10-10"]', 'workingWeekends: ["2026-09-21", "2026-10-03"]'))).toEqual([
      expect.stringContaining('2026-09-21 is not a Saturday or Sunday'),
      expect.stringContaining('2026-10-03 is inside a holiday'),
    ]);
  });

  it('refuses a year listed twice and a notice without sources', () => {
    const marker = '\n# The statutory holidays';
    const twice = problemsOf(shipped.replace(marker, `\n${shipped.slice(shipped.indexOf('  - year: 2026'), shipped.indexOf(marker))}${marker}`));
    expect(twice).toContainEqual(expect.stringContaining('years are listed once, in ascending order (2026 after 2026)'));
    const noSources = shipped.replace(/sources:\n {8}- https:\/\/politics\.gmw\.cn\S+\n {8}- \S+\n/, 'sources: []\n');
    expect(problemsOf(noSources)).toContainEqual(expect.stringContaining('name at least one place the text was read'));
  });

  it('refuses a year of lunar dates that misses one of the rule\'s lunar holidays, or dates it outside the year', () => {
    const problems = problemsOf(shipped.replace('端午节: "2027-06-09", 中秋节: "2027-09-15"', '端午节: "2028-06-09"'));
    expect(problems).toContainEqual(expect.stringContaining('中秋节 is missing'));
    expect(problems).toContainEqual(expect.stringContaining('2028-06-09 is not in 2027'));
  });
});
