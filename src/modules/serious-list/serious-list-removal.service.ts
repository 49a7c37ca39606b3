/**
 * SeriousListRemovalService: ending a listing (移出). In one transaction the entry becomes
 * REMOVED, its credit record stops being published (revoked when an objection was upheld,
 * repaired with the decided treatment on credit repair, its window closed otherwise), and the
 * punishment measures applied to the entry or its record are lifted.
 */
import { resolveRowId } from '../record-ids';
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { UnitOfWork } from '../unit-of-work';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import { addDays, legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import { actingAgency, assertMayActOnEntry } from './deciding-agency';
import type { RepairTreatmentValue as Treatment } from '../credit-record/record-status.repo';
import { encodeListEntryId } from './opaque-id';
import type { EntryPresenter } from './serious-list.presenter';
import type { RemoveFromSeriousListInput } from './serious-list.input';
import type { EntryRow } from './serious-list.repo';
import type { RemovalReason } from './serious-list.rules';
import { earlyRemovalProblem } from './listing-period';
import { callerNote } from '../credit-record/record-history';

export interface RemovalOptions {
  readonly at: Date;
  readonly note: string | null;
  /** For REPAIRED: how the record is treated (标注, 屏蔽, 删除). */
  readonly treatment?: Treatment;
}

export class SeriousListRemovalService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly agencies: AgencyDirectory,
    private readonly presenter: EntryPresenter,
    private readonly catalog: CatalogIndex,
  ) {}

  /** removeFromSeriousList: CONDITIONS_MET, EXPIRED or OBJECTION_UPHELD, by the notifying agency or one above it. */
  async remove(ctx: Caller, input: RemoveFromSeriousListInput) {
    actingAgency(ctx, this.agencies, 'list.remove');
    const entry = await this.work.repos.seriousLists.findById(await resolveRowId(this.work.repos.recordNumbers, 'SeriousListEntry', input.entryId, 'entryId'));
    if (!entry) throw appError('NOT_FOUND', `entryId: no serious-list entry ${input.entryId}`);
    assertMayActOnEntry(ctx, this.agencies, entry, input.entryId, 'list.remove');
    const note = input.note.trim();
    if (!note) throw appError('BAD_USER_INPUT', 'note: state which removal condition was met or which objection was upheld');
    if (input.reason === 'REPAIRED') {
      throw appError('BAD_USER_INPUT', 'reason: a listing ends by credit repair when the repair application is approved (the repair procedure), not here');
    }
    if (entry.state !== 'LISTED') {
      throw appError('INVALID_TRANSITION', `entry ${input.entryId} is ${entry.state}; only a LISTED entry can be removed (drop a NOTIFIED or OBJECTED one)`);
    }
    const today = legalDate(ctx.now);
    const expired = entry.listedUntil !== null && entry.listedUntil < today;
    if (input.reason === 'EXPIRED' && !expired) {
      throw appError('NOT_ELIGIBLE', `the listing period of entry ${input.entryId} runs until ${entry.listedUntil}; it cannot be removed as EXPIRED before ${addDays(entry.listedUntil!, 1)}`);
    }
    if (input.reason !== 'EXPIRED' && expired) {
      throw appError('INVALID_TRANSITION', `entry ${input.entryId} expired after ${entry.listedUntil}; record that with reason EXPIRED`);
    }
    const type = this.catalog.bundle.listTypes.find((t) => t.code === entry.listTypeCode);
    const tooSoon = input.reason === 'CONDITIONS_MET' && type && entry.listedAt ? earlyRemovalProblem(type, legalDate(entry.listedAt), today) : undefined;
    if (tooSoon) throw appError('EARLY_REMOVAL_TOO_SOON', tooSoon, { field: 'reason' });
    const row = await this.work.transaction(async (tx) => {
      // The entry's 记录编号, never the id as the caller typed it (an opaque id is enciphered under a key that may be rotated).
      await tx.repos.changeNotes.note(callerNote(ctx, 'LIST_REMOVAL', `serious-list entry ${entry.recordNumber} removed (${input.reason})`));
      return this.removeInTx(tx, entry.id, input.reason, { at: ctx.now, note });
    });
    return this.presenter.presentOne(ctx, row);
  }

  /**
   * For the repair module, inside its approval transaction: removes a LISTED entry as REPAIRED,
   * marks its record REPAIRED with `treatment` and lifts its measures. INVALID_TRANSITION when
   * the entry is not LISTED, CONFLICT when another decision removed it first.
   */
  removeForRepair(work: UnitOfWork, entryId: number, opts: { at: Date; treatment: Treatment; note?: string | null }): Promise<EntryRow> {
    return this.removeInTx(work, entryId, 'REPAIRED', { at: opts.at, treatment: opts.treatment, note: opts.note ?? null });
  }

  /**
   * The removal and all its effects, in one transaction: the caller's when `work` is inside one
   * (joined), a new one otherwise. Callers check who may remove and why.
   */
  removeInTx(work: UnitOfWork, entryId: number, reason: RemovalReason, opts: RemovalOptions): Promise<EntryRow> {
    return work.transaction((tx) => this.removeOn(tx, entryId, reason, opts));
  }

  private async removeOn(tx: UnitOfWork, entryId: number, reason: RemovalReason, opts: RemovalOptions): Promise<EntryRow> {
    const entries = tx.repos.seriousLists;
    const removed = await entries.markRemoved(entryId, { removalReason: reason, removalNote: opts.note, removedAt: opts.at });
    if (!removed) {
      const now = await entries.findById(entryId);
      const id = encodeListEntryId(entryId);
      if (!now) throw appError('NOT_FOUND', `no serious-list entry ${id}`);
      throw now.state === 'REMOVED'
        ? appError('CONFLICT', `entry ${id} was removed (${now.removalReason}) by another decision first`)
        : appError('INVALID_TRANSITION', `entry ${id} is ${now.state}; only a LISTED entry can be removed`);
    }
    // A record already out of ACTIVE (repaired, revoked) is unpublished already: nothing to undo.
    if (removed.creditRecordId !== null) await this.unpublish(tx, removed, reason, opts);
    await tx.repos.measures.liftOn({ entryId: removed.id, recordId: removed.creditRecordId }, `移出严重失信主体名单（${reason}）${opts.note ? `：${opts.note}` : ''}`, opts.at);
    return removed;
  }

  /** The entry's record stops being published; false when it had already left ACTIVE. */
  private async unpublish(tx: UnitOfWork, entry: EntryRow, reason: RemovalReason, opts: RemovalOptions): Promise<boolean> {
    const records = tx.repos.recordStatus;
    const recordId = entry.creditRecordId!;
    switch (reason) {
      case 'OBJECTION_UPHELD':
        return records.revoke(recordId, opts.at, { reason: `移出严重失信主体名单（异议成立）${opts.note ? `：${opts.note}` : ''}`, agencyCode: entry.agencyCode });
      case 'REPAIRED':
        return records.markRepaired(recordId, opts.treatment ?? 'SHIELDED', opts.at);
      case 'EXPIRED':
      case 'CONDITIONS_MET': {
        // Published through the last day of the listing, or through yesterday when it ends early.
        const yesterday = addDays(legalDate(opts.at), -1);
        const lastDay = entry.listedUntil !== null && entry.listedUntil < yesterday ? entry.listedUntil : yesterday;
        return records.endPublication(recordId, lastDay, opts.at);
      }
    }
  }
}
