/**
 * Who changes a credit record, why and on what ground: the change note a service sets on the
 * transaction before it changes records. The database's trigger (drizzle/0012) turns every
 * change into a version carrying the note; a change without one is kept as UNATTRIBUTED,
 * which auditors see. Set it first thing in the transaction: a note lasts until commit.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import type { Caller } from '../caller';

export type RecordChange =
  | 'OBJECTION_FILED' | 'OBJECTION_DECIDED' | 'REPAIR_DECIDED' | 'REVOCATION' | 'LIST_REMOVAL' | 'PERSONAL_DATA_ERASED';

export interface ChangeNote {
  change: RecordChange;
  actor: string;
  agency: string | null;
  /**
   * The objection, repair application, list entry or decision the change rests on, named by
   * its 记录编号 or described without ids: the history keeps it for good, so never an opaque id
   * (enciphered under a key derived from ID_HMAC_KEY, unreadable after a rotation) nor an id as
   * the caller typed it.
   */
  ground: string;
  at: Date;
}

/** The note of a caller's change. */
export function callerNote(ctx: Pick<Caller, 'principal' | 'now'>, change: RecordChange, ground: string): ChangeNote {
  return { change, actor: ctx.principal.id, agency: ctx.principal.agencyCode ?? null, ground, at: ctx.now };
}

export async function noteChange(tx: Queryable, note: ChangeNote): Promise<void> {
  const text = JSON.stringify({ ...note, at: note.at.toISOString() });
  await tx.execute(sql`SELECT set_config('credit.change', ${text}, true)`);
}
