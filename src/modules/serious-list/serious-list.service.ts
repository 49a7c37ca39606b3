/**
 * SeriousListService: the steps before and at a listing (49号 四(六)–(八)) — notice with the
 * subject's rights and an objection window, the listing decision with its document and credit
 * record, or dropping the procedure. Each step is one transaction.
 */
import { resolveRowId } from '../record-ids';
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { ListType } from '../../catalog/measures.schema';
import type { UnitOfWork } from '../unit-of-work';
import { missingYear, type WorkingCalendar } from '../../time/working-days';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import type { IdNumberVault } from '../../identifiers';
import { legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import { actingAgency, assertMayActOnEntry, assertMayDecide } from './deciding-agency';
import { ListingDecider } from './listing-decider';
import { encodeListEntryId } from './opaque-id';
import type { EntryPresenter } from './serious-list.presenter';
import type { EntryRow } from './serious-list.repo';
import { effectiveState } from './serious-list.rules';
import { checkNoticeAllowed, draftNotice, listTypeOf, noticeEntry } from './notice-draft';
import type { DecideSeriousListingInput, DropSeriousListingInput, NotifySeriousListingInput } from './serious-list.input';
import { findSubject } from './subject-ref';

export interface SeriousListDeps {
  readonly work: UnitOfWork;
  readonly catalog: CatalogIndex;
  readonly agencies: AgencyDirectory;
  readonly vault: IdNumberVault;
  readonly presenter: EntryPresenter;
  /** The State Council's working calendars the list type's objection window is counted on. */
  readonly calendar: WorkingCalendar;
}

const required = (value: string, field: string) => {
  if (!value.trim()) throw appError('BAD_USER_INPUT', `${field}: must not be blank`);
  return value.trim();
};

export class SeriousListService {
  private readonly decider: ListingDecider;

  constructor(private readonly deps: SeriousListDeps) {
    this.decider = new ListingDecider(deps.catalog, deps.vault);
  }

  /** 告知: opens the procedure; the objection window is the list type's (timeLimits.objectionWindow). */
  async notify(ctx: Caller, input: NotifySeriousListingInput) {
    const { deps } = this;
    const agency = actingAgency(ctx, deps.agencies, 'list.notify');
    const type = this.listType(input.listType);
    const today = legalDate(ctx.now);
    checkNoticeAllowed(deps.catalog, type, agency, undefined, today);
    const subject = await findSubject(deps.work.repos.subjects, deps.vault, ctx.now, input.subjectCode, input.subjectIdNumber);
    checkNoticeAllowed(deps.catalog, type, agency, { kind: subject.kind, regionCode: subject.regionCode, label: subject.uscc ?? 'named by subjectIdNumber' }, today);
    const notice = draftNotice(type, input, today, deps.calendar);
    const row = await deps.work.transaction(async ({ repos }) => {
      const entries = repos.seriousLists;
      await entries.lockSubjectOnList(type.code, subject.id);
      const open = await entries.openEntry(type.code, subject.id, today);
      if (open) {
        throw appError('INVALID_TRANSITION', `the subject already has entry ${encodeListEntryId(open.id)} on ${type.code} in state ${open.state}; finish or drop it before notifying again`);
      }
      return entries.insert(noticeEntry(notice, subject.id, agency.code, ctx.now, ctx.principal.id));
    });
    return deps.presenter.presentOne(ctx, row);
  }

  /** 决定: lists the subject and creates the list record, in one transaction. */
  async decide(ctx: Caller, input: DecideSeriousListingInput) {
    const { deps } = this;
    const agency = actingAgency(ctx, deps.agencies, 'list.decide');
    const entry = await this.entry(input.entryId, 'entryId');
    const type = this.listType(entry.listTypeCode);
    assertMayDecide(agency, type);
    assertMayActOnEntry(ctx, deps.agencies, entry, input.entryId, 'list.decide');
    const today = legalDate(ctx.now);
    const pending = (await deps.work.repos.seriousLists.pendingAmong([entry.id])).has(entry.id);
    const now = effectiveState({ ...entry, objectionPending: pending }, today);
    if (now.state !== 'NOTIFIED' && now.state !== 'OBJECTED') {
      throw appError('INVALID_TRANSITION', `entry ${input.entryId} is ${now.state}; only a NOTIFIED or OBJECTED entry can be listed`);
    }
    if (today <= entry.objectionDeadline) {
      throw appError('INVALID_TRANSITION', `the objection window of entry ${input.entryId} runs until ${entry.objectionDeadline}; no listing decision before it has passed (49号 四(八))`);
    }
    if (entry.objectionDeadlineProvisional) {
      // The window was counted without next year's holiday notice; the exact one may end later,
      // and a listing before it would take the subject's time. The agency waits for the notice.
      const year = missingYear(entry.objectionDeadline, deps.calendar) ?? Number(entry.objectionDeadline.slice(0, 4));
      throw appError('CALENDAR_MISSING', `the objection window of entry ${input.entryId} was counted provisionally to ${entry.objectionDeadline}: the State Council's notice on the ${year} holidays (国务院办公厅关于${year}年部分节假日安排的通知) is not in the working calendars, and the exact window may end later; no listing decision until it is added to src/time/data/working-calendars.yaml and the server restarted (the window is then recounted, never shortened)`, { year });
    }
    if (pending) {
      throw appError('INVALID_TRANSITION', `an objection on entry ${input.entryId} is pending; answer it (verify and reply, 49号 四(八)) before deciding the listing`);
    }
    const row = await this.decider.decide(deps.work, { ctx, agency, type, entry, input, today, entryId: input.entryId });
    return deps.presenter.presentOne(ctx, row);
  }

  /** Ends a procedure before any listing. */
  async drop(ctx: Caller, input: DropSeriousListingInput) {
    const { deps } = this;
    actingAgency(ctx, deps.agencies, 'list.drop');
    const entry = await this.entry(input.entryId, 'entryId');
    assertMayActOnEntry(ctx, deps.agencies, entry, input.entryId, 'list.drop');
    const reason = required(input.reason, 'reason');
    if (entry.state !== 'NOTIFIED' && entry.state !== 'OBJECTED') {
      throw appError('INVALID_TRANSITION', `entry ${input.entryId} is ${entry.state}; only a NOTIFIED or OBJECTED entry can be dropped (a listing is ended by removeFromSeriousList)`);
    }
    const row = await deps.work.transaction(({ repos }) => repos.seriousLists.markDropped(entry.id, { dropReason: reason, droppedAt: ctx.now }));
    if (!row) throw appError('CONFLICT', `entry ${input.entryId} changed while it was being dropped; read it again`);
    return deps.presenter.presentOne(ctx, row);
  }

  private listType(code: string): ListType {
    return listTypeOf(this.deps.catalog, code);
  }

  private async entry(id: string, field: string): Promise<EntryRow> {
    const row = await this.deps.work.repos.seriousLists.findById(await resolveRowId(this.deps.work.repos.recordNumbers, 'SeriousListEntry', id, field));
    if (!row) throw appError('NOT_FOUND', `${field}: no serious-list entry ${id}`);
    return row;
  }

}
