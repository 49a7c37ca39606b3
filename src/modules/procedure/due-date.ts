/**
 * When a procedure's statutory time limit runs out: the limit's last day counted from the legal
 * day of filing on the State Council's working calendar (the filing day not counted unless the
 * rule says so), to the end of that day in China Standard Time. A procedure still open after
 * that instant is overdue (49号 九: auditors must see these).
 *
 * A limit running into the year after the last loaded holiday notice is counted provisionally
 * (src/time/working-days.ts: weekends and the statutory holidays) and marked so: the filing is
 * the subject's right and is never refused for want of a notice. For the agency's decision
 * limits (objection, repair) the provisional date is shown as such (dueOnProvisional) and made
 * exact — earlier or later — once the notice is loaded (provisional-due-dates.ts): it binds the
 * agency, the subject gives up nothing by it, and the exact law is what the agency answers to.
 * A limit that cannot be judged even provisionally is refused (CALENDAR_MISSING).
 */
import { legalDate } from '../../time/legal-date';
import { lastDayOf, type WorkingCalendar, type WorkingDayLimit } from '../../time/working-days';

export interface Due {
  readonly at: Date;
  /** Counted on the provisional basis: a year whose holiday notice is not loaded was crossed. */
  readonly provisional: boolean;
}

export function dueAt(filedAt: Date, limit: WorkingDayLimit, calendar: WorkingCalendar): Due {
  const end = lastDayOf(legalDate(filedAt), limit, calendar);
  return { at: endOfLegalDay(end.day), provisional: end.provisionalFor !== null };
}

/** A provisional due date recounted on a fuller calendar, as a repository sets it. */
export interface RecountedDue {
  readonly id: number;
  readonly dueAt: Date;
  readonly provisional: boolean;
}

/** A due date as the objections and repair_applications rows hold it. */
export const dueColumns = (due: Due) => ({ dueAt: due.at, dueProvisional: due.provisional });

/** The last instant of a legal date (23:59:59.999 in China). */
export const endOfLegalDay = (day: string): Date => new Date(`${day}T23:59:59.999+08:00`);

/** The legal date a due instant falls on. */
export const dueOn = (due: Date): string => legalDate(due);

export const isOverdue = (open: boolean, due: Date, now: Date): boolean => open && due.getTime() < now.getTime();
