/**
 * Provisional due dates made exact. A limit counted into a year whose State Council holiday
 * notice was not loaded is stored marked provisional (due-date.ts, notice-draft.ts); when the
 * server starts with a calendar that can judge it (the notice is now in the file), every marked
 * row is recounted from its filing or service day with the same limit, and the mark cleared —
 * one statement per table, on the rows still marked (another instance may be doing the same).
 *
 * Which way a recount may move a date depends on whose time it is:
 *  - an agency's decision limit on an objection or repair application binds the agency; the
 *    exact law is what it answers to, so its due date takes the exact value, earlier or later;
 *  - the subject's objection window after a serious-list notice is the subject's: the notice
 *    served told it the provisional last day, and the subject relied on it. The recounted
 *    window is the later of the two — lengthened when the notice gives more days off than the
 *    provisional basis (bridging days), never shortened when it makes a weekend a working day.
 * A row whose recount still cannot be judged (the calendar shrank) stays marked, counted.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { AppError } from '../../errors';
import { legalDate } from '../../time/legal-date';
import { lastDayOf, type WorkingCalendar } from '../../time/working-days';
import type { UnitOfWork } from '../unit-of-work';
import { dueAt, type RecountedDue } from './due-date';
import { decisionLimit, type DecisionLimit } from './time-limits';

export interface RecountReport {
  /** Rows whose date or mark changed, per table. */
  readonly objections: number;
  readonly repairs: number;
  readonly listWindows: number;
  /** Subject windows whose exact count was earlier than the one served, kept as served. */
  readonly windowsKeptAsServed: number;
  /** Rows still provisional (their year's notice is still missing) or not judgeable at all. */
  readonly stillProvisional: number;
}

/** Recounts every provisional due date the calendar can now judge better. */
export async function settleProvisionalDueDates(work: UnitOfWork, catalog: CatalogIndex, calendar: WorkingCalendar): Promise<RecountReport> {
  let stillProvisional = 0;
  const recountDecisions = async (kind: DecisionLimit, repo: 'objections' | 'repairs') =>
    work.transaction(async ({ repos }) => {
      const table = repos[repo];
      const changed: RecountedDue[] = [];
      for (const row of await table.provisionallyDue()) {
        const due = judged(() => dueAt(row.filedAt, decisionLimit(catalog.bundle.regimes, kind, legalDate(row.filedAt)), calendar));
        if (!due || due.provisional) stillProvisional += 1;
        if (due && (due.at.getTime() !== row.dueAt.getTime() || !due.provisional)) changed.push({ id: row.id, dueAt: due.at, provisional: due.provisional });
      }
      return (await table.settleDue(changed)).length;
    });
  const objections = await recountDecisions('objectionDecision', 'objections');
  const repairs = await recountDecisions('repairDecision', 'repairs');

  let windowsKeptAsServed = 0;
  const listWindows = await work.transaction(async ({ repos }) => {
    const changed: { id: number; objectionDeadline: string; provisional: boolean }[] = [];
    for (const row of await repos.seriousLists.provisionalWindows()) {
      const type = catalog.bundle.listTypes.find((t) => t.code === row.listTypeCode);
      const end = type && judged(() => lastDayOf(legalDate(row.notifiedAt), type.timeLimits.objectionWindow, calendar));
      if (!end || end.provisionalFor !== null) stillProvisional += 1;
      if (!end) continue;
      // The notice served is what the subject relied on: an exact window ending earlier than
      // the provisional one (a weekend the notice makes a working day) does not shorten it.
      if (end.provisionalFor === null && end.day < row.objectionDeadline) windowsKeptAsServed += 1;
      const deadline = end.day > row.objectionDeadline ? end.day : row.objectionDeadline;
      if (deadline !== row.objectionDeadline || end.provisionalFor === null) changed.push({ id: row.id, objectionDeadline: deadline, provisional: end.provisionalFor !== null });
    }
    return (await repos.seriousLists.settleWindows(changed)).length;
  });
  return { objections, repairs, listWindows, windowsKeptAsServed, stillProvisional };
}

/** The count, or undefined when the calendar cannot judge it even provisionally (CALENDAR_MISSING). */
function judged<T>(count: () => T): T | undefined {
  try {
    return count();
  } catch (err) {
    if (err instanceof AppError && err.code === 'CALENDAR_MISSING') return undefined;
    throw err;
  }
}
