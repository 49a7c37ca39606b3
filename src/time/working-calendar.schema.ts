/**
 * Shape of src/time/data/working-calendars.yaml: one entry per year, each the State Council's
 * holiday notice (with the notices that amended it applied). Checked at load: ranges agree
 * with the notice's "共N天", working weekends are Saturdays or Sundays outside every holiday,
 * dates belong to the year (元旦 may start in the last days of the year before), years are
 * listed once and in order.
 */
import { z } from 'zod';
import { addDays } from './legal-date';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').refine((d) => addDays(d, 0) === d, 'not a calendar date');
const text = z.string().trim().min(1, 'must not be blank');
const url = z.url({ protocol: /^https?$/ });

const DocumentSchema = z.strictObject({
  title: text,
  /** 国办发明电〔YYYY〕N号; null when the number was not found (say so in a comment). */
  documentNumber: text.nullable(),
  /** The date the notice bears. */
  issuedOn: isoDate,
  /** The notice on www.gov.cn. */
  officialUrl: url,
  /** Where the full text was read. */
  sources: z.array(url).min(1, 'name at least one place the text was read'),
});

const HolidaySchema = z
  .strictObject({
    name: text,
    from: isoDate,
    to: isoDate,
    /** The notice's "共N天" (1 for a single day "与周末连休"). */
    days: z.int().min(1).max(15),
    /** 调休上班: weekend days worked because of this holiday. */
    workingWeekends: z.array(isoDate),
  })
  .refine((h) => addDays(h.from, h.days - 1) === h.to, { message: 'from..to does not span `days` days; check the notice', path: ['to'] });

export const YearCalendarSchema = z.strictObject({
  year: z.int().min(2000).max(2100),
  notice: DocumentSchema,
  /** Later notices that changed this year's arrangement (2019 劳动节, 2020 春节), already applied below. */
  amendments: z.array(DocumentSchema.extend({ change: text })).default([]),
  holidays: z.array(HolidaySchema).min(1),
});
export type YearCalendar = z.infer<typeof YearCalendarSchema>;

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a day of the year MM-DD');

/**
 * The statutory holidays of 全国年节及纪念日放假办法 (as amended): the days every year has off
 * whatever the annual notice adds, the basis of a provisional count in a year whose notice is
 * not yet loaded. Fixed-date holidays by month and day; the lunar ones (and 清明, a solar term)
 * by name, their Gregorian dates given year by year in `lunarDates`.
 */
const StatutoryRuleSchema = z.strictObject({
  title: text,
  /** The State Council order that set the current text (国务院令第N号). */
  amendedBy: text,
  issuedOn: isoDate,
  /** The first day the current text applies; years before it are never counted provisionally on it. */
  inForceFrom: isoDate,
  officialUrl: url.nullable(),
  sources: z.array(url).min(1, 'name at least one place the text was read'),
  fixed: z.array(z.strictObject({ name: text, from: monthDay, days: z.int().min(1).max(7) })).min(1),
  lunar: z.array(z.strictObject({ name: text, days: z.int().min(1).max(7), from: text })).min(1),
});

/** One year's Gregorian dates of the rule's lunar holidays (the first day of each), with where they were read. */
const LunarYearSchema = z.strictObject({
  year: z.int().min(2000).max(2100),
  sources: z.array(url).min(1, 'name where the dates were read'),
  from: z.record(z.string(), isoDate),
});

const StatutoryHolidaysSchema = z.strictObject({ rule: StatutoryRuleSchema, lunarDates: z.array(LunarYearSchema) })
  .superRefine((s, ctx) => {
    const names = s.rule.lunar.map((l) => l.name);
    s.lunarDates.forEach((y, i) => {
      if (i > 0 && y.year <= s.lunarDates[i - 1]!.year) ctx.addIssue({ code: 'custom', path: ['lunarDates', i, 'year'], message: 'years are listed once, in ascending order' });
      const given = Object.keys(y.from);
      names.filter((n) => !given.includes(n)).forEach((n) => ctx.addIssue({ code: 'custom', path: ['lunarDates', i, 'from'], message: `${n} is missing` }));
      given.filter((n) => !names.includes(n)).forEach((n) => ctx.addIssue({ code: 'custom', path: ['lunarDates', i, 'from', n], message: `${n} is not a lunar holiday of the rule (${names.join(', ')})` }));
      Object.entries(y.from).forEach(([n, d]) => {
        if (!inYear(d, y.year)) ctx.addIssue({ code: 'custom', path: ['lunarDates', i, 'from', n], message: `${d} is not in ${y.year}` });
      });
    });
  });
export type StatutoryHolidaysData = z.infer<typeof StatutoryHolidaysSchema>;

export const WorkingCalendarsSchema = z
  .strictObject({
    kind: z.literal('WORKING_CALENDARS'),
    calendars: z.array(YearCalendarSchema).min(1),
    statutoryHolidays: StatutoryHolidaysSchema.optional(),
  })
  .superRefine((file, ctx) => {
    file.calendars.forEach((c, i) => {
      if (i > 0 && c.year <= file.calendars[i - 1]!.year) {
        ctx.addIssue({ code: 'custom', path: ['calendars', i, 'year'], message: `years are listed once, in ascending order (${c.year} after ${file.calendars[i - 1]!.year})` });
      }
      yearProblems(c).forEach(({ path, message }) => ctx.addIssue({ code: 'custom', path: ['calendars', i, ...path], message }));
    });
  });
export type WorkingCalendarsFile = z.infer<typeof WorkingCalendarsSchema>;

/** A notice reaches back into the last days of the year before (元旦 2019 began on 2018-12-30). */
const inYear = (date: string, year: number) => date >= `${year - 1}-12-20` && date <= `${year}-12-31`;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

function yearProblems(c: YearCalendar): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const ranges = c.holidays.map((h) => [h.from, h.to] as const);
  c.holidays.forEach((h, k) => {
    if (!inYear(h.from, c.year) || !inYear(h.to, c.year)) out.push({ path: ['holidays', k, 'from'], message: `${h.from}..${h.to} is not in ${c.year}` });
    const overlap = ranges.findIndex(([f, t], j) => j !== k && h.from <= t && f <= h.to);
    if (overlap >= 0 && overlap < k) out.push({ path: ['holidays', k, 'from'], message: `overlaps ${c.holidays[overlap]!.name}` });
    h.workingWeekends.forEach((d, w) => {
      const at = ['holidays', k, 'workingWeekends', w];
      if (!inYear(d, c.year)) out.push({ path: at, message: `${d} is not in ${c.year}` });
      if (weekday(d) !== 0 && weekday(d) !== 6) out.push({ path: at, message: `${d} is not a Saturday or Sunday; only weekend days are 调休上班` });
      if (ranges.some(([f, t]) => f <= d && d <= t)) out.push({ path: at, message: `${d} is inside a holiday` });
    });
  });
  return out;
}
