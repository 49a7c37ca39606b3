/** CreditRecordRepo: the only code that reads credit_records. Every read takes the policy's WHERE. */
import { and, asc, desc, inArray, eq, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { creditRecords, subjects } from '../../db/schema';

export type CreditRecordRow = typeof creditRecords.$inferSelect & { subjectKind: (typeof subjects.$inferSelect)['kind'] };

export class CreditRecordRepo {
  constructor(private readonly db: Queryable) {}

  /**
   * Records of these subjects that pass `visible` (the SQL form of the disclosure gate),
   * newest decision first. One statement whatever the number of subjects.
   */
  async visibleForSubjects(subjectIds: readonly number[], visible: SQL): Promise<CreditRecordRow[]> {
    if (subjectIds.length === 0) return [];
    const rows = await this.db
      .select({ record: creditRecords, subjectKind: subjects.kind })
      .from(creditRecords)
      .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
      .where(and(inArray(creditRecords.subjectId, [...subjectIds]), visible))
      .orderBy(asc(creditRecords.subjectId), desc(creditRecords.decisionDate), desc(creditRecords.id));
    return rows.map((r) => ({ ...r.record, subjectKind: r.subjectKind }));
  }
}
