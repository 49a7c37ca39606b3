/**
 * Legal dates are calendar dates in China Standard Time: a penalty decided on 2026-03-31 is
 * decided on that date wherever the server runs. Every date rule compares 'YYYY-MM-DD'
 * strings produced here (lexical order = chronological order).
 */
const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Since 1992 China Standard Time is UTC+8 all year (its daylight saving ended in 1991). */
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const FIXED_OFFSET_UNTIL = Date.UTC(9000, 0, 1);
const UTC_PLUS_8 = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The calendar date in China at instant `at`. Within the years of a fixed offset, plain
 * arithmetic: Intl's formatter was ~1 % of the server's CPU at a few calls per request.
 */
export function legalDate(at: Date): string {
  const t = at.getTime();
  if (t >= FIXED_OFFSET_FROM && t < FIXED_OFFSET_UNTIL) return new Date(t + UTC_PLUS_8).toISOString().slice(0, 10);
  return FORMAT.format(at);
}

/** The instant the legal date after `at`'s begins (midnight in China; UTC+8 all year, no daylight saving since 1991). */
export function nextLegalMidnight(at: Date): Date {
  return new Date((Math.floor((at.getTime() + UTC_PLUS_8) / DAY_MS) + 1) * DAY_MS - UTC_PLUS_8);
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Adds calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
