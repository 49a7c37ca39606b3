/** RecordHistoryRepo: reads a record's versions; erases personal data through the database's function (drizzle/0012). */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords, creditRecordVersions } from '../../db/schema';
import type { ChangeNote } from './record-history';

export type VersionRow = typeof creditRecordVersions.$inferSelect;

export interface ErasureCandidate {
  id: number;
  catalogItemId: number;
  decisionDate: string;
  /** True when a repair decided to delete the record (删除). */
  repairDeleted: boolean;
}

export class RecordHistoryRepo {
  constructor(private readonly db: Queryable) {}

  versionsOf(recordId: number): Promise<VersionRow[]> {
    return this.db.select().from(creditRecordVersions).where(eq(creditRecordVersions.recordId, recordId)).orderBy(asc(creditRecordVersions.id));
  }

  /**
   * Records whose personal data is still held although a repair deleted them or their decision
   * is older than `oldestRetained` (the oldest decision date any item still retains); the
   * caller applies each item's own retention.
   */
  async erasureCandidates(oldestRetained: string): Promise<ErasureCandidate[]> {
    return this.db
      .select({
        id: creditRecords.id,
        catalogItemId: creditRecords.catalogItemId,
        decisionDate: creditRecords.decisionDate,
        repairDeleted: sql<boolean>`coalesce(${creditRecords.repairTreatment} = 'DELETED', false)`,
      })
      .from(creditRecords)
      .where(and(
        isNull(creditRecords.personalDataErasedAt),
        or(eq(creditRecords.repairTreatment, 'DELETED'), sql`${creditRecords.decisionDate} < ${oldestRetained}::date`),
      ))
      .orderBy(asc(creditRecords.id));
  }

  /** False when the record was erased already (by a concurrent purge). */
  async erase(recordId: number, fields: readonly string[], note: ChangeNote): Promise<boolean> {
    const text = JSON.stringify({ ...note, at: note.at.toISOString() });
    const result = await this.db.execute(sql`SELECT erase_record_personal_data(${recordId}, ${`{${fields.map((f) => `"${f}"`).join(',')}}`}::text[], ${text}::jsonb) AS erased`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ erased: boolean }>;
    return rows[0]?.erased === true;
  }
}
