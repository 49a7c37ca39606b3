/**
 * ProcedureTargetRepo: what objections and repair applications read and change on their
 * target — the credit record (disputed flag, corrected fields, repair) and the list entry.
 * Built on the procedure's transaction; `lock` takes the row lock that serialises two
 * procedures on the same target.
 *
 * Status changes (revoke, repair) go through RecordStatusRepo, measure lifting through
 * MeasureRepo; what is left here is what only objections do (disputed flag, corrections).
 */
import { and, eq, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { agencies, creditRecords, seriousListEntries } from '../../db/schema';

export type TargetRecord = typeof creditRecords.$inferSelect;
export type TargetEntry = typeof seriousListEntries.$inferSelect & { agencySystem: string };

export class ProcedureTargetRepo {
  constructor(private readonly db: Queryable) {}

  async record(id: number, lock = false): Promise<TargetRecord | undefined> {
    const q = this.db.select().from(creditRecords).where(eq(creditRecords.id, id)).limit(1);
    const rows = lock ? await q.for('update') : await q;
    return rows[0];
  }

  async entry(id: number, lock = false): Promise<TargetEntry | undefined> {
    const q = this.db
      .select({ entry: seriousListEntries, agencySystem: agencies.system })
      .from(seriousListEntries)
      .innerJoin(agencies, eq(agencies.code, seriousListEntries.agencyCode))
      .where(eq(seriousListEntries.id, id))
      .limit(1);
    const rows = lock ? await q.for('update', { of: seriousListEntries }) : await q;
    return rows[0] ? { ...rows[0].entry, agencySystem: rows[0].agencySystem } : undefined;
  }

  /** The LISTED entry whose listing made this record, if the record is one. */
  async listedEntryOf(recordId: number): Promise<TargetEntry | undefined> {
    const rows = await this.db
      .select({ id: seriousListEntries.id })
      .from(seriousListEntries)
      .where(and(eq(seriousListEntries.creditRecordId, recordId), eq(seriousListEntries.state, 'LISTED')))
      .limit(1);
    return rows[0] ? this.entry(rows[0].id, true) : undefined;
  }

  async flagDisputed(recordId: number, at: Date): Promise<void> {
    await this.db.update(creditRecords).set({ disputed: true, updatedAt: at }).where(eq(creditRecords.id, recordId));
  }

  /** Clears the flag unless another objection on the record, or on its entry, is still pending. */
  async clearDisputed(recordId: number, at: Date): Promise<void> {
    await this.db
      .update(creditRecords)
      .set({ disputed: false, updatedAt: at })
      .where(and(
        eq(creditRecords.id, recordId),
        sql`NOT EXISTS (SELECT 1 FROM objections o LEFT JOIN serious_list_entries e ON e.id = o.list_entry_id
          WHERE o.state = 'PENDING' AND (o.credit_record_id = ${recordId} OR e.credit_record_id = ${recordId}))`,
      ));
  }

  async replacePayload(recordId: number, payload: Record<string, unknown>, at: Date): Promise<void> {
    await this.db.update(creditRecords).set({ payload, updatedAt: at }).where(eq(creditRecords.id, recordId));
  }

}
