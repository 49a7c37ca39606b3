/**
 * What objections and repair need from the serious-list module, on their own transaction:
 * ending a listing (the entry REMOVED, its record revoked or repaired, its measures lifted)
 * and dropping a procedure before listing. SeriousListRemovalService provides the first two;
 * dropping is the serious-list repo's conditional UPDATE.
 */
import type { Tx } from '../../db/database';
import { SeriousListRepo } from '../serious-list/serious-list.repo';

export type RepairTreatment = 'MARKED' | 'SHIELDED' | 'DELETED';

export interface ListRemoval {
  removeForRepair(tx: Tx, entryId: number, opts: { at: Date; treatment: RepairTreatment; note?: string | null }): Promise<unknown>;
  removeInTx(tx: Tx, entryId: number, reason: 'OBJECTION_UPHELD', opts: { at: Date; note: string | null }): Promise<unknown>;
}

/** NOTIFIED/OBJECTED → DROPPED; false when the entry is no longer open. */
export async function dropEntry(tx: Tx, entryId: number, at: Date, reason: string): Promise<boolean> {
  return (await new SeriousListRepo(tx).markDropped(entryId, { dropReason: reason, droppedAt: at })) !== undefined;
}
