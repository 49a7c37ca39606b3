/**
 * When a procedure's statutory time limit runs out: N working days after the day it was
 * filed (the filing day does not count), to the end of that day in China Standard Time. A
 * procedure still open after that instant is overdue (49号 九: auditors must see these).
 */
import { legalDate } from '../../time/legal-date';
import { addWorkingDays, WEEKENDS_ONLY, type WorkingCalendar } from '../../time/working-days';

export function dueAt(filedAt: Date, workingDays: number, calendar: WorkingCalendar = WEEKENDS_ONLY): Date {
  const day = addWorkingDays(legalDate(filedAt), workingDays, calendar);
  return new Date(`${day}T23:59:59.999+08:00`);
}

/** The legal date a due instant falls on. */
export const dueOn = (due: Date): string => legalDate(due);

export const isOverdue = (open: boolean, due: Date, now: Date): boolean => open && due.getTime() < now.getTime();
