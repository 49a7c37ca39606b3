/**
 * PublicationRepo: counts and latest records across subjects, filtered by the disclosure
 * policy's WHERE (the caller passes it), so both hold only rows the viewer may see.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords, subjects } from '../../db/schema';
import type { CreditRecordRow } from '../credit-record/credit-record.repo';
import type { SubjectRow } from '../subject/subject.repo';

export class PublicationRepo {
  constructor(private readonly db: Queryable) {}

  /** Visible records per catalog item id. */
  async countByItem(itemIds: readonly number[], visible: SQL): Promise<Map<number, number>> {
    if (itemIds.length === 0) return new Map();
    const rows = await this.db
      .select({ item: creditRecords.catalogItemId, n: count() })
      .from(creditRecords)
      .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
      .where(and(inArray(creditRecords.catalogItemId, [...itemIds]), visible))
      .groupBy(creditRecords.catalogItemId);
    return new Map(rows.map((r) => [r.item, Number(r.n)]));
  }

  /** The newest visible records of these items by the day their publication began (the decision date where the regime states none), id breaking ties. */
  async latest(itemIds: readonly number[], visible: SQL, limit: number): Promise<{ record: CreditRecordRow; subject: SubjectRow }[]> {
    if (itemIds.length === 0) return [];
    const rows = await this.db
      .select({ record: creditRecords, subject: subjects })
      .from(creditRecords)
      .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
      .where(and(inArray(creditRecords.catalogItemId, [...itemIds]), visible))
      .orderBy(desc(sql`coalesce(${creditRecords.publishFrom}, ${creditRecords.decisionDate})`), desc(creditRecords.id))
      .limit(limit);
    return rows.map((r) => ({ record: { ...r.record, subjectKind: r.subject.kind, subjectRegion: r.subject.regionCode }, subject: r.subject }));
  }
}
