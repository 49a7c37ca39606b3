/**
 * ListRecordRepo: the writes the listing procedure makes to legal_documents and credit_records
 * (the decision document, the list record, and what removal does to that record). Always
 * built on the procedure's transaction.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords, legalDocuments } from '../../db/schema';

export type DocumentRow = typeof legalDocuments.$inferSelect;
export type NewDocument = typeof legalDocuments.$inferInsert;
export type NewRecord = typeof creditRecords.$inferInsert;
export type Treatment = 'MARKED' | 'SHIELDED' | 'DELETED';

export class ListRecordRepo {
  constructor(private readonly db: Queryable) {}

  async findDocument(issuerName: string, number: string): Promise<DocumentRow | undefined> {
    const rows = await this.db
      .select()
      .from(legalDocuments)
      .where(and(eq(legalDocuments.issuerName, issuerName), eq(legalDocuments.number, number)))
      .limit(1);
    return rows[0];
  }

  async documentsByIds(ids: readonly number[]): Promise<Map<number, DocumentRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(legalDocuments).where(inArray(legalDocuments.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Whether this document already carries a record of the item about the subject (one per triple). */
  async recordExists(catalogItemId: number, legalDocumentId: number, subjectId: number): Promise<boolean> {
    const rows = await this.db
      .select({ id: creditRecords.id })
      .from(creditRecords)
      .where(and(eq(creditRecords.catalogItemId, catalogItemId), eq(creditRecords.legalDocumentId, legalDocumentId), eq(creditRecords.subjectId, subjectId)))
      .limit(1);
    return rows.length > 0;
  }

  async insertDocument(values: NewDocument): Promise<DocumentRow> {
    const [row] = await this.db.insert(legalDocuments).values(values).returning();
    return row!;
  }

  async insertRecord(values: NewRecord): Promise<number> {
    const [row] = await this.db.insert(creditRecords).values(values).returning({ id: creditRecords.id });
    return row!.id;
  }

  /**
   * Publication ends after `lastDay` (the day before removal). List items are published while
   * valid (no minimum period), so only the end of the window moves; an earlier end is kept.
   */
  async endPublication(recordId: number, lastDay: string, at: Date): Promise<void> {
    await this.db
      .update(creditRecords)
      .set({
        publishUntil: sql`CASE WHEN ${creditRecords.publishUntil} IS NULL OR ${creditRecords.publishUntil} > ${lastDay} THEN ${lastDay}::date ELSE ${creditRecords.publishUntil} END`,
        updatedAt: at,
      })
      .where(eq(creditRecords.id, recordId));
  }

  /** The listing was wrong (objection upheld): the record is withdrawn for everyone. */
  async revoke(recordId: number, at: Date): Promise<void> {
    await this.db
      .update(creditRecords)
      .set({ status: 'REVOKED', updatedAt: at })
      .where(and(eq(creditRecords.id, recordId), eq(creditRecords.status, 'ACTIVE')));
  }

  /** Credit repair of the listing: the record is REPAIRED with the treatment decided. */
  async markRepaired(recordId: number, treatment: Treatment, at: Date): Promise<void> {
    await this.db
      .update(creditRecords)
      .set({ status: 'REPAIRED', repairTreatment: treatment, updatedAt: at })
      .where(and(eq(creditRecords.id, recordId), eq(creditRecords.status, 'ACTIVE')));
  }
}
