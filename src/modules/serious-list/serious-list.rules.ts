/**
 * The law of the serious-list procedure as pure functions: may this list be used at all
 * (49号 四(六)(七)), what state an entry is in today, and the default texts of a notice and a
 * decision. No clock, no database. Who may decide a list (四(八)) is src/policy/procedure-access.ts.
 */
import type { ListType } from '../../catalog/measures.schema';
import { MIN_COMMENT_DAYS } from '../../catalog/reference.checks';
import type { LIST_ENTRY_STATES, REMOVAL_REASONS } from '../../db/schema/enums';
import { addDays } from '../../time/legal-date';

export type EntryState = (typeof LIST_ENTRY_STATES)[number];
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** Standards set by statute or by the courts are outside 四(七)'s consultation procedure. */
const NO_CONSULTATION: ReadonlySet<string> = new Set(['LAW', 'JUDICIAL_INTERPRETATION']);

const daysInclusive = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** Why entries of this list may not be notified today (49号 四(六)(七)); undefined when they may. */
export function standardProblem(type: ListType, today: string): string | undefined {
  if (type.legalBasis.length === 0) {
    return `list ${type.code} names no law, regulation or central policy setting it up (49号 四(六))`;
  }
  const { standard } = type;
  if (standard.publishedOn > today) {
    return `the listing standard of ${type.code} (${standard.document}) is published only on ${standard.publishedOn}; nobody may be listed under an unpublished standard (49号 四(七))`;
  }
  if (NO_CONSULTATION.has(standard.level)) return undefined;
  const period = standard.commentPeriod;
  if (!period) {
    return `the listing standard of ${type.code} (${standard.level}) records no public comment period; 49号 四(七) requires at least ${MIN_COMMENT_DAYS} days of consultation`;
  }
  const days = daysInclusive(period.from, period.to);
  if (days < MIN_COMMENT_DAYS) {
    return `the listing standard of ${type.code} was open for comment ${days} days (${period.from}..${period.to}); 49号 四(七) requires at least ${MIN_COMMENT_DAYS}`;
  }
  return undefined;
}

/** What the stored row says, plus what follows from the date and from pending objections. */
export interface EntryFacts {
  readonly state: EntryState;
  readonly listedUntil: string | null;
  readonly removalReason: RemovalReason | null;
  readonly objectionPending: boolean;
}

export interface EffectiveState {
  readonly state: EntryState;
  readonly removalReason: RemovalReason | null;
  /** True when the state was derived, not written: a listing past its period, an objection filed. */
  readonly derived: boolean;
}

/**
 * Expiry is derived, not written by a job: a listing whose `listed_until` has passed is REMOVED
 * (EXPIRED) from the next day on — the same day its credit record's publication window ends,
 * so the entry and the published record agree without anyone acting. A NOTIFIED entry with a
 * pending objection is OBJECTED whether or not the objections module has written the state yet.
 */
export function effectiveState(e: EntryFacts, today: string): EffectiveState {
  if (e.state === 'LISTED' && e.listedUntil !== null && e.listedUntil < today) {
    return { state: 'REMOVED', removalReason: 'EXPIRED', derived: true };
  }
  if (e.state === 'NOTIFIED' && e.objectionPending) return { state: 'OBJECTED', removalReason: null, derived: true };
  return { state: e.state, removalReason: e.removalReason, derived: false };
}

/** The legal date a derived expiry took effect: the day after the listing period. */
export const expiredOn = (listedUntil: string) => addDays(listedUntil, 1);

/**
 * The subject's rights stated in a notice (49号 四(八)): objection, and the remedies of the list.
 * A window counted provisionally (next year's holiday notice not yet published) says so, and
 * that it can only be extended: what the subject is told here is never taken back.
 */
export function defaultRights(type: ListType, objectionDeadline: string, provisionalFor: number | null = null): string {
  const provisional = provisionalFor === null
    ? ''
    : `（该期限因国务院${provisionalFor}年节假日安排尚未公布，暂按周末及法定节假日计算；公布后按其重新计算，如更晚，以更晚的日期为准，不会提前）`;
  return (
    `当事人对拟列入${type.name}的事由和依据有异议的，可以在${objectionDeadline}前（含当日）${provisional}提出异议，陈述、申辩并提交证明材料；` +
    `认定部门将予以核实并在规定时限内反馈结果。对列入决定不服的，${type.remedies}`
  );
}

/** 失信惩戒措施提示: the measures of the published lists tied to this list type. */
export function defaultMeasuresNotice(type: ListType, measureNames: readonly string[]): string {
  return measureNames.length
    ? `列入${type.name}后，可依法依规实施以下失信惩戒措施：${measureNames.join('；')}。`
    : `列入${type.name}后，依照有关法律、法规实施相应的管理措施。`;
}
