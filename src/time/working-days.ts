/**
 * Working days (工作日) for statutory time limits: a repair decided "within 3 working days",
 * an objection answered within N working days. Weekends are not working days; public holidays
 * and the adjusted working weekends (调休) are the State Council's, announced year by year and
 * loaded from src/time/data/working-calendars.yaml (working-calendar.loader.ts).
 *
 * The law's limits run whether or not next year's notice is loaded, so a day of the year right
 * after the last notice (and the last days of December before it, which that notice can move)
 * is judged PROVISIONALLY: weekends off, plus the statutory holidays fixed by 全国年节及纪念日
 * 放假办法 (the file's `statutoryHolidays`), and nothing else — the notice's bridging days off
 * and its adjusted working weekends (调休上班) cannot be known before it is published. A count
 * that judged any day so is marked provisional; what that means for whom (a subject's window
 * may only lengthen, an agency's due date is shown as provisional) is the callers' rule
 * (src/modules/procedure/due-date.ts, provisional-due-dates.ts). What cannot be judged even
 * so is refused (CALENDAR_MISSING): a year before the first notice, a year more than one past
 * the last, late December of the provisional year, and — when the file lacks that year's lunar
 * dates — any day from the earliest the lunar holidays can fall on (01-20, 除夕 at its earliest).
 */
import { appError, type AppError } from '../errors';
import { addDays } from './legal-date';

export interface WorkingCalendar {
  /** 'YYYY-MM-DD' dates that are holidays (weekdays among them are what matters). */
  readonly holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' weekend dates that are working days (调休上班). */
  readonly workingWeekends: ReadonlySet<string>;
  /** Years whose notice is in the two sets. */
  readonly years: ReadonlySet<number>;
  /** The provisional basis for the year after the last notice; without it, that year is refused too. */
  readonly statutory?: StatutoryHolidays;
}

/** The statutory holidays of 全国年节及纪念日放假办法 (working-calendars.yaml `statutoryHolidays`). */
export interface StatutoryHolidays {
  /** The first year the rule's current text applies to (2025 for 国务院令第798号). */
  readonly fromYear: number;
  /** 'MM-DD' days off every year (元旦, 劳动节, 国庆节). */
  readonly fixed: ReadonlySet<string>;
  /** 'YYYY-MM-DD' days off of the lunar holidays and 清明, for the years in `lunarYears`. */
  readonly lunar: ReadonlySet<string>;
  readonly lunarYears: ReadonlySet<number>;
}

/**
 * From this day of December on, a date also needs the next year's notice: that notice can move
 * it (2019's made Saturday 2018-12-29 a working day and Monday 2018-12-31 a holiday).
 */
export const NEXT_NOTICE_REACH = '12-25';

/** 除夕 falls on 01-20 at the earliest (正月初一 between 01-21 and 02-20): before it, a year's lunar dates are not needed. */
export const EARLIEST_LUNAR_HOLIDAY = '01-20';

/** A time limit in working days, and whether the day it starts on (filing, service) is its first day. */
export interface WorkingDayLimit {
  readonly workingDays: number;
  readonly startDayCounts: boolean;
}

/** A limit's last day, and the year whose notice the count assumed (null when every day was judged on a loaded notice). */
export interface LimitEnd {
  readonly day: string;
  readonly provisionalFor: number | null;
}

/** How a day was judged: working or not, and the notice assumed when judged provisionally. */
export interface DayJudgement {
  readonly working: boolean;
  readonly provisionalFor: number | null;
}

/** The year whose notice the calendar lacks to judge `date` exactly; undefined when it can. */
export function missingYear(date: string, calendar: WorkingCalendar): number | undefined {
  const year = Number(date.slice(0, 4));
  if (!calendar.years.has(year)) return year;
  if (date.slice(5) >= NEXT_NOTICE_REACH && !calendar.years.has(year + 1)) return year + 1;
  return undefined;
}

/**
 * Whether `date` can be judged provisionally for want of `missing`'s notice: `missing` is the
 * year right after the last loaded, the statutory rule applies to it, and the date is either in
 * late December of the last loaded year or in `missing` before its own late December (and,
 * without `missing`'s lunar dates, before the first lunar holiday can fall).
 */
function provisionallyJudgeable(date: string, missing: number, calendar: WorkingCalendar): boolean {
  const rule = calendar.statutory;
  if (!rule || calendar.years.size === 0 || missing < rule.fromYear) return false;
  const last = Math.max(...calendar.years);
  if (missing !== last + 1) return false;
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (year === last) return true;
  return year === missing && monthDay < NEXT_NOTICE_REACH && (rule.lunarYears.has(year) || monthDay < EARLIEST_LUNAR_HOLIDAY);
}

const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** On the loaded notices (weekends otherwise). */
function workingOnNotices(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workingWeekends.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

/** Judges `date`: exactly on its notice, provisionally when only the next notice is missing, else CALENDAR_MISSING. */
export function judgeDay(date: string, calendar: WorkingCalendar): DayJudgement {
  const missing = missingYear(date, calendar);
  if (missing === undefined) return { working: workingOnNotices(date, calendar), provisionalFor: null };
  if (!provisionallyJudgeable(date, missing, calendar)) throw calendarMissing(date, missing, calendar);
  // Late December of the last loaded year: its own notice's days stand (weekends otherwise);
  // only the next notice's reach back into them is unknown.
  if (Number(date.slice(0, 4)) !== missing) return { working: workingOnNotices(date, calendar), provisionalFor: missing };
  const rule = calendar.statutory!;
  const off = isWeekend(date) || rule.fixed.has(date.slice(5)) || rule.lunar.has(date);
  return { working: !off, provisionalFor: missing };
}

/** Whether `date` is a working day (provisionally, when judgeDay says so); CALENDAR_MISSING when it cannot be judged. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return judgeDay(date, calendar).working;
}

/** The date `n` working days after `date` (the day itself does not count), marked when provisional. */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): LimitEnd {
  let d = date;
  let left = n;
  let provisionalFor: number | null = null;
  while (left > 0) {
    d = addDays(d, 1);
    const judged = judgeDay(d, calendar);
    provisionalFor ??= judged.provisionalFor;
    if (judged.working) left -= 1;
  }
  return { day: d, provisionalFor };
}

/**
 * The last day of `limit` starting on `start`. The start day is not counted unless the rule
 * says so (民法典 第二百零一条: 开始的当日不计入); when it is, it counts only if a working day.
 */
export function lastDayOf(start: string, limit: WorkingDayLimit, calendar: WorkingCalendar): LimitEnd {
  if (limit.startDayCounts && limit.workingDays > 0) {
    const first = judgeDay(start, calendar);
    if (first.working) {
      const end = addWorkingDays(start, limit.workingDays - 1, calendar);
      return { day: end.day, provisionalFor: end.provisionalFor ?? first.provisionalFor };
    }
  }
  return addWorkingDays(start, limit.workingDays, calendar);
}

/** '2019–2026', or the years one by one when some are missing in between. */
export function describeYears(years: ReadonlySet<number>): string {
  const sorted = [...years].sort((a, b) => a - b);
  if (sorted.length === 0) return 'none';
  const contiguous = sorted[sorted.length - 1]! - sorted[0]! === sorted.length - 1;
  return contiguous && sorted.length > 1 ? `${sorted[0]}–${sorted[sorted.length - 1]}` : sorted.join(', ');
}

function calendarMissing(date: string, year: number, calendar: WorkingCalendar): AppError {
  return appError(
    'CALENDAR_MISSING',
    `working days cannot be counted to ${date}: the State Council's notice on the ${year} holidays (国务院办公厅关于${year}年部分节假日安排的通知) `
      + `is not in the working calendars (years loaded: ${describeYears(calendar.years)}), and the date is beyond what can be counted provisionally `
      + '(weekends and the statutory holidays, only in the year after the last notice and before its own late December); add it to src/time/data/working-calendars.yaml '
      + '(README, "Time limits and working calendars") and restart',
    { year },
  );
}
