/**
 * CreditRecordWriteRepo: creates credit records (status changes: record-status.repo.ts;
 * documents: legal-document.repo.ts). Built on a transaction by the recording service, so a
 * document and the record resting on it are written together or not at all.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords, legalDocuments, subjects } from '../../db/schema';
import type { CreditRecordRow } from './credit-record.repo';
import type { SubjectRow } from '../subject/subject.repo';

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
  constructor(readonly db: Queryable) {}

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
  /**
   * Inserts the record and returns it as stored (database defaults included: its 记录编号), with
   * its subject's kind and region as findRow gives them; undefined when a concurrent writer
   * inserted the same record first.
   */
  async insertRecord(record: NewCreditRecord, subject: Pick<SubjectRow, 'kind' | 'regionCode'>): Promise<CreditRecordRow | undefined> {
    const [row] = await this.db
      .insert(creditRecords)
      .values(record)
      .onConflictDoNothing({ target: [creditRecords.catalogItemId, creditRecords.legalDocumentId, creditRecords.subjectId] })
      .returning();
    return row ? { ...row, subjectKind: subject.kind, subjectRegion: subject.regionCode } : undefined;
  }

  async findRow(id: number): Promise<CreditRecordRow | undefined> {
    const rows = await this.db
      .select({ record: creditRecords, subjectKind: subjects.kind, subjectRegion: subjects.regionCode })
      .from(creditRecords)
      .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
      .where(eq(creditRecords.id, id))
      .limit(1);
    return rows[0] ? { ...rows[0].record, subjectKind: rows[0].subjectKind, subjectRegion: rows[0].subjectRegion } : undefined;
  }
}
