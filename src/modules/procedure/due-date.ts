/**
 * When a procedure's statutory time limit runs out: the limit's last day counted from the legal
 * day of filing on the State Council's working calendar (the filing day not counted unless the
 * rule says so), to the end of that day in China Standard Time. A procedure still open after
 * that instant is overdue (49号 九: auditors must see these). A limit running into a year
 * whose holiday notice is not loaded is refused (CALENDAR_MISSING), never guessed.
 */
import { legalDate } from '../../time/legal-date';
import { lastDayOf, type WorkingCalendar, type WorkingDayLimit } from '../../time/working-days';

export function dueAt(filedAt: Date, limit: WorkingDayLimit, calendar: WorkingCalendar): Date {
  const day = lastDayOf(legalDate(filedAt), limit, calendar);
  return new Date(`${day}T23:59:59.999+08:00`);
}

/** The legal date a due instant falls on. */
export const dueOn = (due: Date): string => legalDate(due);

export const isOverdue = (open: boolean, due: Date, now: Date): boolean => open && due.getTime() < now.getTime();
