/**
 * ListRecordRepo: creates the list record a listing decision puts on the subject (documents:
 * legal-document.repo.ts; what removal does to the record: record-status.repo.ts). Always
 * built on the procedure's transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords } from '../../db/schema';

export type NewRecord = typeof creditRecords.$inferInsert;

export class ListRecordRepo {
  constructor(private readonly db: Queryable) {}

  /** Whether this document already carries a record of the item about the subject (one per triple). */
  async recordExists(catalogItemId: number, legalDocumentId: number, subjectId: number): Promise<boolean> {
    const rows = await this.db
      .select({ id: creditRecords.id })
      .from(creditRecords)
      .where(and(eq(creditRecords.catalogItemId, catalogItemId), eq(creditRecords.legalDocumentId, legalDocumentId), eq(creditRecords.subjectId, subjectId)))
      .limit(1);
    return rows.length > 0;
  }

  async insertRecord(values: NewRecord): Promise<number> {
    const [row] = await this.db.insert(creditRecords).values(values).returning({ id: creditRecords.id });
    return row!.id;
  }
}
