/**
 * The checks and texts of a serious-list notice (告知, 49号 四(六)–(八)) that need no database:
 * the list may be used, the agency may decide it, the subject's kind is one the list covers,
 * the reasons are given; the objection deadline and default basis and rights follow. Shared by
 * notifySeriousListing and bulk ingestion (src/ingest/list-import.ts).
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { ListType } from '../../catalog/measures.schema';
import { appError } from '../../errors';
import { lastDayOf, type WorkingCalendar } from '../../time/working-days';
import type { AgencyRow } from '../agency/agency.repo';
import { assertMayDecide, assertMayNotify } from './deciding-agency';
import { defaultRights, standardProblem } from './serious-list.rules';

export interface NoticeDraft {
  readonly type: ListType;
  readonly reasons: string;
  readonly basis: string;
  readonly rights: string;
  readonly objectionDeadline: string;
  /** The window was counted provisionally (working-days.ts): it may lengthen, never shorten, once the notice is loaded. */
  readonly objectionDeadlineProvisional: boolean;
}

/** The list type of a code, or NOT_IN_CATALOG naming the known ones. */
export function listTypeOf(catalog: CatalogIndex, code: string): ListType {
  const type = catalog.bundle.listTypes.find((t) => t.code === code);
  if (!type) {
    const known = catalog.bundle.listTypes.map((t) => t.code).join(', ');
    throw appError('NOT_IN_CATALOG', `list type ${code} is not one the law allows (49号 四(六)); known: ${known}`, { field: 'listType' });
  }
  return type;
}

/** What a notice check reads of the subject, once it is found. */
export interface NoticeSubject {
  readonly kind: string;
  readonly regionCode: string;
  /** How a refusal names it (its code, or that it was named by ID number). */
  readonly label: string;
}

/**
 * Checks that this agency may notify this subject on this list today: the list's standard is
 * published, the agency decides the list at its level, the subject's kind is one the list covers,
 * and — where the list type is territorial — the subject is registered inside the agency's area.
 * Called once before the subject is looked up (subject undefined) and once after.
 */
export function checkNoticeAllowed(catalog: CatalogIndex, type: ListType, agency: AgencyRow, subject: NoticeSubject | undefined, today: string): void {
  const subjectKind = subject?.kind;
  const problem = standardProblem(type, today);
  if (problem) throw appError('NOT_ELIGIBLE', problem, { field: 'listType' });
  assertMayDecide(agency, type);
  const item = catalog.itemByCode(type.catalogItem.code);
  if (!item) throw appError('NOT_IN_CATALOG', `item ${type.catalogItem.code} of list ${type.code} is not in a published catalog`, { field: 'listType' });
  if (subjectKind !== undefined && !(item.subjectKinds as readonly string[]).includes(subjectKind)) {
    throw appError('NOT_ELIGIBLE', `${type.code} lists ${item.subjectKinds.join(', ')} subjects, not ${subjectKind} (its catalog item ${item.code})`, { field: 'subjectCode' });
  }
  // Territory: a county office lists subjects of its county, not another city's.
  if (subject && type.listingTerritory === 'SUBJECT_AREA') assertMayNotify(agency, subject);
}

/** The notice's texts and deadline; reasons required, basis and rights defaulted from the list type. */
export function draftNotice(
  type: ListType, input: { reasons: string; basis?: string | null; rights?: string | null }, today: string, calendar: WorkingCalendar,
): NoticeDraft {
  const reasons = input.reasons.trim();
  if (!reasons) throw appError('BAD_USER_INPUT', 'reasons: must not be blank', { field: 'reasons' });
  // The list type's own window (serious-list-types.yaml timeLimits), on the State Council's
  // calendar; provisionally when it runs into a year whose notice is not loaded (the notice is
  // served all the same: the window is the subject's, and it is recounted, never shortened,
  // once the notice is in — provisional-due-dates.ts).
  const window = lastDayOf(today, type.timeLimits.objectionWindow, calendar);
  return {
    type,
    reasons,
    basis: input.basis?.trim() || type.legalBasis.join('；'),
    rights: input.rights?.trim() || defaultRights(type, window.day, window.provisionalFor),
    objectionDeadline: window.day,
    objectionDeadlineProvisional: window.provisionalFor !== null,
  };
}

/** The serious_list_entries row a notice opens. */
/** `official`: the token subject who notified (the importer, for a bulk import). */
export function noticeEntry(n: NoticeDraft, subjectId: number, agencyCode: string, now: Date, official: string) {
  return {
    notifiedByOfficial: official,
    listTypeCode: n.type.code,
    subjectId,
    agencyCode,
    state: 'NOTIFIED' as const,
    noticeReasons: n.reasons,
    noticeBasis: n.basis,
    noticeRights: n.rights,
    notifiedAt: now,
    objectionDeadline: n.objectionDeadline,
    objectionDeadlineProvisional: n.objectionDeadlineProvisional,
  };
}
