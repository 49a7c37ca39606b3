/**
 * Loads the State Council's holiday notices (src/time/data/working-calendars.yaml) into the
 * WorkingCalendar that every working-day limit is counted on. A file with any problem is
 * refused as a whole, every problem listed with its line: a wrong date would move deadlines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { addDays } from './legal-date';
import { WorkingCalendarsSchema, type StatutoryHolidaysData, type YearCalendar } from './working-calendar.schema';
import type { StatutoryHolidays, WorkingCalendar } from './working-days';

/** The notices shipped with the code. */
export const DEFAULT_CALENDAR_FILE = join(__dirname, 'data', 'working-calendars.yaml');

export interface LoadedWorkingCalendar extends WorkingCalendar {
  /** The notices, one per year, in order: what the calendar rests on. */
  readonly notices: readonly YearCalendar[];
  /** The statutory rule and lunar dates the provisional basis rests on, as the file gives them. */
  readonly statutoryData?: StatutoryHolidaysData;
}

export class CalendarLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`working calendars refused:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses and checks the text of a calendars file; `file` names it in problems. */
export function parseWorkingCalendars(text: string, file: string): LoadedWorkingCalendar {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CalendarLoadError(doc.errors.map((e) => `${file}:${lines.linePos(e.pos[0]).line}: YAML syntax error: ${e.message.split('\n')[0]}`));
  }
  const result = WorkingCalendarsSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new CalendarLoadError(result.error.issues.map((issue) => {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const line = node?.range ? `:${lines.linePos(node.range[0]).line}` : '';
      return `${file}${line}: ${path.join('.')}: ${issue.message}`;
    }));
  }
  return calendarOf(result.data.calendars, result.data.statutoryHolidays);
}

/** Reads the calendars file (the shipped one by default). */
export function loadWorkingCalendar(path: string = DEFAULT_CALENDAR_FILE): LoadedWorkingCalendar {
  return parseWorkingCalendars(readFileSync(path, 'utf8'), path);
}

/** The calendar the notices make: every day of each holiday, every working weekend; and the provisional basis. */
export function calendarOf(notices: readonly YearCalendar[], statutoryData?: StatutoryHolidaysData): LoadedWorkingCalendar {
  const holidays = new Set<string>();
  const workingWeekends = new Set<string>();
  for (const year of notices) {
    for (const h of year.holidays) {
      for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidays.add(d);
      h.workingWeekends.forEach((d) => workingWeekends.add(d));
    }
  }
  const statutory = statutoryData && statutoryOf(statutoryData);
  return { holidays, workingWeekends, years: new Set(notices.map((n) => n.year)), notices, ...(statutory && { statutory, statutoryData }) };
}

/** Every day off the rule gives: fixed ones by 'MM-DD', lunar ones dated per year. */
function statutoryOf(data: StatutoryHolidaysData): StatutoryHolidays {
  const fixed = new Set<string>();
  for (const f of data.rule.fixed) {
    for (let i = 0; i < f.days; i += 1) fixed.add(addDays(`2001-${f.from}`, i).slice(5));
  }
  const lunar = new Set<string>();
  for (const y of data.lunarDates) {
    for (const l of data.rule.lunar) {
      for (let i = 0; i < l.days; i += 1) lunar.add(addDays(y.from[l.name]!, i));
    }
  }
  return { fromYear: Number(data.rule.inForceFrom.slice(0, 4)), fixed, lunar, lunarYears: new Set(data.lunarDates.map((y) => y.year)) };
}
