/**
 * What objections and repair need from the serious-list module, on their own transaction (the
 * unit of work their `fn` was handed, which the removal joins):
 * ending a listing (the entry REMOVED, its record revoked or repaired, its measures lifted)
 * and dropping a procedure before listing. SeriousListRemovalService provides the first two;
 * dropping is the serious-list repo's conditional UPDATE.
 */
import type { UnitOfWork } from '../unit-of-work';

export type RepairTreatment = 'MARKED' | 'SHIELDED' | 'DELETED';

export interface ListRemoval {
  removeForRepair(work: UnitOfWork, entryId: number, opts: { at: Date; treatment: RepairTreatment; note?: string | null }): Promise<unknown>;
  removeInTx(work: UnitOfWork, entryId: number, reason: 'OBJECTION_UPHELD', opts: { at: Date; note: string | null }): Promise<unknown>;
}

/** NOTIFIED/OBJECTED → DROPPED; false when the entry is no longer open. */
export async function dropEntry(work: UnitOfWork, entryId: number, at: Date, reason: string): Promise<boolean> {
  return (await work.repos.seriousLists.markDropped(entryId, { dropReason: reason, droppedAt: at })) !== undefined;
}
