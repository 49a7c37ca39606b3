/**
 * What a decided objection changes, as a plan checked before anything is written and then
 * applied on the deciding transaction (深圳条例 第五十一条: correct, supplement, stop
 * publication, remove from the list; or reject). Whatever the outcome, the record's disputed
 * flag clears, and an OBJECTED entry whose objection is rejected returns to NOTIFIED.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { RecordKind } from '../../catalog/record-kinds';
import { appError } from '../../errors';
import type { IdNumberVault } from '../../identifiers';
import type { UnitOfWork } from '../unit-of-work';
import { dropEntry, type ListRemoval } from '../procedure/list-removal.port';
import type { ObjectionOutcomeValue } from './objection.repo';
import type { LoadedTarget } from '../procedure/procedure-caller';
import { applyCorrections, type FieldChange } from './record-corrections';

export interface OutcomePlan {
  payload?: Record<string, unknown>;
  revokeRecord: boolean;
  removeEntry: boolean;
  dropEntry: boolean;
  backToNotified: boolean;
}

interface PlanInput {
  outcome: ObjectionOutcomeValue;
  corrections: readonly FieldChange[];
  loaded: LoadedTarget;
  targetKind: 'RECORD' | 'ENTRY';
}

export function planOutcome(p: PlanInput, deps: { catalog: CatalogIndex; vault: IdNumberVault; now: Date }): OutcomePlan {
  const { outcome, loaded } = p;
  const { record, entry } = loaded;
  const plan: OutcomePlan = { revokeRecord: false, removeEntry: false, dropEntry: false, backToNotified: false };
  const correcting = outcome === 'CORRECTED' || outcome === 'SUPPLEMENTED';
  if (!correcting && p.corrections.length) throw appError('BAD_USER_INPUT', `corrections: only CORRECTED and SUPPLEMENTED change fields; ${outcome} takes none`);
  if (entry && (entry.state === 'REMOVED' || entry.state === 'DROPPED') && outcome !== 'REJECTED') {
    throw appError('INVALID_TRANSITION', `the entry is already ${entry.state}; only REJECTED can still be decided`);
  }
  switch (outcome) {
    case 'CORRECTED':
    case 'SUPPLEMENTED': {
      if (!record) throw appError('BAD_USER_INPUT', `the entry is ${entry?.state}: no record exists yet to correct; decide REMOVED_FROM_LIST to drop the procedure, or REJECTED`);
      const item = deps.catalog.item(record.catalogItemId);
      if (!item) throw appError('NOT_IN_CATALOG', `the record's catalog item ${record.catalogItemId} is not loaded`);
      plan.payload = applyCorrections(item.recordKind as RecordKind, record.payload as Record<string, unknown>, p.corrections, outcome, deps);
      break;
    }
    case 'PUBLICATION_WITHDRAWN':
      if (p.targetKind === 'ENTRY' || entry) {
        throw appError('BAD_USER_INPUT', 'the record is a serious-list listing: decide REMOVED_FROM_LIST, so the entry leaves the list with its record');
      }
      if (record!.status !== 'ACTIVE') throw appError('INVALID_TRANSITION', `the record is ${record!.status}: its publication has already stopped`);
      plan.revokeRecord = true;
      break;
    case 'REMOVED_FROM_LIST':
      if (!entry) throw appError('BAD_USER_INPUT', 'the record is not on a serious list; decide PUBLICATION_WITHDRAWN to stop its publication');
      if (entry.state === 'LISTED') {
        plan.removeEntry = true;
        plan.revokeRecord = record?.status === 'ACTIVE';
      } else {
        plan.dropEntry = true;
      }
      break;
    case 'REJECTED':
      plan.backToNotified = entry?.state === 'OBJECTED' && p.targetKind === 'ENTRY';
      break;
  }
  return plan;
}

interface ApplyDeps {
  /** The deciding transaction. */
  work: UnitOfWork;
  removal: ListRemoval;
  now: Date;
  agencyCode: string;
  /** Written with the entry's removal or drop and the record's revocation. */
  note: string;
}

/** Applies the plan on the deciding transaction; CONFLICT when the entry or record moved since it was locked. */
export async function applyOutcome(plan: OutcomePlan, loaded: LoadedTarget, d: ApplyDeps): Promise<void> {
  const { record, entry } = loaded;
  const { repos } = d.work;
  const targets = repos.procedureTargets;
  const moved = (what: string) => appError('CONFLICT', `${what} changed while the objection was being decided; reload and decide again`);
  if (record && plan.payload) await targets.replacePayload(record.id, plan.payload, d.now);
  // The serious-list module ends the listing: entry REMOVED, record revoked, measures lifted.
  if (entry && plan.removeEntry) await d.removal.removeInTx(d.work, entry.id, 'OBJECTION_UPHELD', { at: d.now, note: d.note });
  if (entry && plan.dropEntry && !(await dropEntry(d.work, entry.id, d.now, d.note))) throw moved('the entry');
  if (entry && plan.backToNotified && !(await repos.entryObjections.backToNotified(entry.id))) throw moved('the entry');
  if (record && plan.revokeRecord && !plan.removeEntry) {
    if (!(await repos.recordStatus.revoke(record.id, d.now, { reason: d.note, agencyCode: d.agencyCode }))) throw moved('the record');
    await repos.measures.liftOn({ recordId: record.id, entryId: null }, d.note, d.now);
  }
  if (record) await targets.clearDisputed(record.id, d.now);
}
