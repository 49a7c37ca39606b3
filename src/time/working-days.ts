/**
 * Working days (工作日) for statutory time limits: a repair decided "within 3 working days",
 * an objection answered within N working days. Weekends are not working days; public
 * holidays and the State Council's adjusted working weekends (调休) are data, passed in,
 * because they are announced year by year.
 */
import { addDays } from './legal-date';

export interface WorkingCalendar {
  /** 'YYYY-MM-DD' dates that are holidays although on a weekday. */
  holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' weekend dates that are working days (调休). */
  workingWeekends: ReadonlySet<string>;
}

export const WEEKENDS_ONLY: WorkingCalendar = { holidays: new Set(), workingWeekends: new Set() };

export function isWorkingDay(date: string, calendar: WorkingCalendar = WEEKENDS_ONLY): boolean {
  if (calendar.workingWeekends.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date `n` working days after `date` (the day itself does not count). */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar = WEEKENDS_ONLY): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left -= 1;
  }
  return d;
}
