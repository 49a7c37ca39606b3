/**
 * CreditRecordWriteRepo: the only code that writes credit_records and legal_documents. Built
 * on a transaction by the recording service, so a document and the record resting on it are
 * written together or not at all.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords, legalDocuments, subjects } from '../../db/schema';
import type { CreditRecordRow } from './credit-record.repo';

export type LegalDocumentRow = typeof legalDocuments.$inferSelect;
export type NewLegalDocument = typeof legalDocuments.$inferInsert;
export type NewCreditRecord = typeof creditRecords.$inferInsert;

/** The natural key of a record: agency + document + item + subject (see findExisting). */
export interface RecordKey {
  readonly itemId: number;
  readonly subjectId: number;
  readonly documentId: number | null;
  readonly agencyCode: string;
  readonly decisionDate: string;
  /** The record kind's own 文书号 field, for records without a legal document. */
  readonly ownDocumentNumber: string | null;
}

export class CreditRecordWriteRepo {
  constructor(private readonly db: Queryable) {}

  /** The document with this issuer and number (the natural key of legal_documents). */
  async findDocument(issuerName: string, number: string): Promise<LegalDocumentRow | undefined> {
    const rows = await this.db
      .select()
      .from(legalDocuments)
      .where(and(eq(legalDocuments.issuerName, issuerName), eq(legalDocuments.number, number)))
      .limit(1);
    return rows[0];
  }

  /** Inserts the document, or returns the one a concurrent writer inserted first. */
  async insertDocument(doc: NewLegalDocument): Promise<LegalDocumentRow> {
    const [row] = await this.db
      .insert(legalDocuments)
      .values(doc)
      .onConflictDoNothing({ target: [legalDocuments.issuerName, legalDocuments.number] })
      .returning();
    return row ?? (await this.findDocument(doc.issuerName, doc.number))!;
  }

  /**
   * The record already made for this item, subject and document. A record without a legal
   * document (a licence, an honour) is keyed by this agency, its decision date and, where the
   * kind has one, the 文书号 among its own fields. Any agency for a document: the caller
   * decides what another agency's record on it means.
   */
  async findExisting(key: RecordKey) {
    const same = and(eq(creditRecords.catalogItemId, key.itemId), eq(creditRecords.subjectId, key.subjectId));
    const where = key.documentId !== null
      ? and(same, eq(creditRecords.legalDocumentId, key.documentId))
      : and(
          same, isNull(creditRecords.legalDocumentId), eq(creditRecords.agencyCode, key.agencyCode),
          eq(creditRecords.decisionDate, key.decisionDate),
          key.ownDocumentNumber === null ? undefined : sql`${creditRecords.payload}->>'documentNumber' = ${key.ownDocumentNumber}`,
        );
    const rows = await this.db.select({ id: creditRecords.id }).from(creditRecords).where(where).limit(1);
    return rows[0]?.id;
  }

  /** Inserts the record; undefined when a concurrent writer made the same one first. */
  async insertRecord(record: NewCreditRecord): Promise<number | undefined> {
    const [row] = await this.db
      .insert(creditRecords)
      .values(record)
      .onConflictDoNothing({ target: [creditRecords.catalogItemId, creditRecords.legalDocumentId, creditRecords.subjectId] })
      .returning({ id: creditRecords.id });
    return row?.id;
  }

  async findRow(id: number): Promise<CreditRecordRow | undefined> {
    const rows = await this.db
      .select({ record: creditRecords, subjectKind: subjects.kind })
      .from(creditRecords)
      .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
      .where(eq(creditRecords.id, id))
      .limit(1);
    return rows[0] ? { ...rows[0].record, subjectKind: rows[0].subjectKind } : undefined;
  }

  /**
   * ACTIVE → REVOKED, exactly once: the conditional UPDATE matches no row when the record is
   * not ACTIVE (any more). credit_records has no column for the withdrawal, so when, why and
   * by whom are kept beside the item's fields under `_revocation` (the record-kind fields never
   * read that key).
   */
  async revoke(id: number, at: Date, reason: string, agencyCode: string): Promise<boolean> {
    const note = JSON.stringify({ at: at.toISOString(), reason, agencyCode });
    const rows = await this.db
      .update(creditRecords)
      .set({
        status: 'REVOKED',
        updatedAt: at,
        payload: sql`${creditRecords.payload} || jsonb_build_object('_revocation', ${note}::jsonb)`,
      })
      .where(and(eq(creditRecords.id, id), eq(creditRecords.status, 'ACTIVE')))
      .returning({ id: creditRecords.id });
    return rows.length === 1;
  }
}
