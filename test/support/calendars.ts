/**
 * Working calendars for tests whose story runs past the State Council notices shipped in
 * src/time/data/working-calendars.yaml. Production counts only the year after the last notice,
 * provisionally, and refuses the others (CALENDAR_MISSING); a test that means to count in them
 * says so by naming the years it assumes, counted as weekends only (exact, not provisional). This is a test calendar, not the law: never use it to predict real deadlines.
 */
import { loadWorkingCalendar } from '../../src/time/working-calendar.loader';
import type { WorkingCalendar } from '../../src/time/working-days';

export function shippedCalendarAssuming(years: readonly number[]): WorkingCalendar {
  const shipped = loadWorkingCalendar();
  return { ...shipped, years: new Set([...shipped.years, ...years]) };
}
