/**
 * Calendar arithmetic on legal dates for the generator's hot loop. Same results as
 * src/time/legal-date.ts addDays, without a Date object per call: millions of records each
 * need a dozen date steps, and Date parsing and formatting dominated the profile.
 */
import { between, type Rng } from './random';

const DAY_MS = 86_400_000;
// Formatted dates by day number, filled on first use (day 0 = 1970-01-01).
const formatted = new Map<number, string>();

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  const y0 = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The 'YYYY-MM-DD' date of a day number. */
export function fromDayNumber(day: number): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** A legal date uniform in [from, to] (`from` when the range is empty). */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const a = dayNumber(from);
  const span = dayNumber(to) - a;
  return span <= 0 ? from : fromDayNumber(a + between(rng, 0, span));
}

/** An instant on that legal date in office hours, China time (UTC+8). */
export function officeTime(rng: Rng, date: string): Date {
  const minutes = between(rng, 8 * 60 + 30, 17 * 60 + 30);
  return new Date(dayNumber(date) * DAY_MS + (minutes - 8 * 60) * 60_000);
}
