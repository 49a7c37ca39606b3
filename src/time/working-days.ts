/**
 * Working days (工作日) for statutory time limits: a repair decided "within 3 working days",
 * an objection answered within N working days. Weekends are not working days; public holidays
 * and the adjusted working weekends (调休) are the State Council's, announced year by year and
 * loaded from src/time/data/working-calendars.yaml (working-calendar.loader.ts). A date whose
 * year's notice is not loaded cannot be judged: it is refused (CALENDAR_MISSING), never
 * counted as weekends only.
 */
import { appError, type AppError } from '../errors';
import { addDays } from './legal-date';

export interface WorkingCalendar {
  /** 'YYYY-MM-DD' dates that are holidays (weekdays among them are what matters). */
  readonly holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' weekend dates that are working days (调休上班). */
  readonly workingWeekends: ReadonlySet<string>;
  /** Years whose notice is in the two sets; a date of any other year is refused. */
  readonly years: ReadonlySet<number>;
}

/**
 * From this day of December on, a date also needs the next year's notice: that notice can move
 * it (2019's made Saturday 2018-12-29 a working day and Monday 2018-12-31 a holiday).
 */
export const NEXT_NOTICE_REACH = '12-25';

/** A time limit in working days, and whether the day it starts on (filing, service) is its first day. */
export interface WorkingDayLimit {
  readonly workingDays: number;
  readonly startDayCounts: boolean;
}

/** The year whose notice the calendar lacks to judge `date`; undefined when it can. */
export function missingYear(date: string, calendar: WorkingCalendar): number | undefined {
  const year = Number(date.slice(0, 4));
  if (!calendar.years.has(year)) return year;
  if (date.slice(5) >= NEXT_NOTICE_REACH && !calendar.years.has(year + 1)) return year + 1;
  return undefined;
}

/** Whether `date` is a working day; CALENDAR_MISSING when its year's notice is not loaded. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const missing = missingYear(date, calendar);
  if (missing !== undefined) throw calendarMissing(date, missing, calendar);
  if (calendar.workingWeekends.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date `n` working days after `date` (the day itself does not count). */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left -= 1;
  }
  return d;
}

/**
 * The last day of `limit` starting on `start`. The start day is not counted unless the rule
 * says so (民法典 第二百零一条: 开始的当日不计入); when it is, it counts only if a working day.
 */
export function lastDayOf(start: string, limit: WorkingDayLimit, calendar: WorkingCalendar): string {
  if (limit.startDayCounts && limit.workingDays > 0 && isWorkingDay(start, calendar)) {
    return addWorkingDays(start, limit.workingDays - 1, calendar);
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
      + `is not in the working calendars (years loaded: ${describeYears(calendar.years)}); add it to src/time/data/working-calendars.yaml `
      + '(README, "Working calendars") and restart',
    { year },
  );
}
