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

export const WorkingCalendarsSchema = z
  .strictObject({ kind: z.literal('WORKING_CALENDARS'), calendars: z.array(YearCalendarSchema).min(1) })
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
