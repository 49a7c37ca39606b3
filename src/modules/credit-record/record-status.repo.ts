/**
 * RecordStatusRepo: the only code that moves a credit record out of ACTIVE or ends its
 * publication early — revocation, repair, removal from a list. Each change happens only
 * from ACTIVE and reports whether it did (false: the record had already moved), so callers
 * decide exactly once under concurrency. The read path needs nothing else: the policy hides
 * REPAIRED and REVOKED records and records past publish_until everywhere at once.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords } from '../../db/schema';

export type RepairTreatmentValue = 'MARKED' | 'SHIELDED' | 'DELETED';

export interface RevocationNote {
  reason: string;
  agencyCode: string;
}

export class RecordStatusRepo {
  constructor(private readonly db: Queryable) {}

  /**
   * ACTIVE → REVOKED. credit_records has no column for the withdrawal, so when, why and by
   * whom are kept beside the item's fields under `_revocation` (record-kind fields never read it).
   */
  async revoke(id: number, at: Date, note: RevocationNote): Promise<boolean> {
    const entry = JSON.stringify({ at: at.toISOString(), reason: note.reason, agencyCode: note.agencyCode });
    const rows = await this.db
      .update(creditRecords)
      .set({
        status: 'REVOKED',
        updatedAt: at,
        payload: sql`${creditRecords.payload} || jsonb_build_object('_revocation', ${entry}::jsonb)`,
      })
      .where(and(eq(creditRecords.id, id), eq(creditRecords.status, 'ACTIVE')))
      .returning({ id: creditRecords.id });
    return rows.length === 1;
  }

  /** ACTIVE → REPAIRED with the treatment decided (标注 / 屏蔽 / 删除). */
  async markRepaired(id: number, treatment: RepairTreatmentValue, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(creditRecords)
      .set({ status: 'REPAIRED', repairTreatment: treatment, updatedAt: at })
      .where(and(eq(creditRecords.id, id), eq(creditRecords.status, 'ACTIVE')))
      .returning({ id: creditRecords.id });
    return rows.length === 1;
  }

  /**
   * Ends publication after `lastDay` (a listing ended early): only the end of the window
   * moves, and an earlier end is kept.
   */
  async endPublication(id: number, lastDay: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(creditRecords)
      .set({
        publishUntil: sql`CASE WHEN ${creditRecords.publishUntil} IS NULL OR ${creditRecords.publishUntil} > ${lastDay} THEN ${lastDay}::date ELSE ${creditRecords.publishUntil} END`,
        updatedAt: at,
      })
      .where(and(eq(creditRecords.id, id), eq(creditRecords.status, 'ACTIVE')))
      .returning({ id: creditRecords.id });
    return rows.length === 1;
  }
}
