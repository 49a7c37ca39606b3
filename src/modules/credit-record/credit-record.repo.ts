/** CreditRecordRepo: the only code that reads credit_records. Every read takes the policy's WHERE. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { PreparedReads } from '../../db/prepared-reads';
import { creditRecords, subjects } from '../../db/schema';

export type CreditRecordRow = typeof creditRecords.$inferSelect & {
  subjectKind: (typeof subjects.$inferSelect)['kind'];
  /** The subject's registered region: agreements limited to the grantee's area read it. */
  subjectRegion: string;
};

/** The policy's SQL filter for one gate shape (see gateShapeKey), built only when not cached. */
export interface VisibleFilter {
  /** Names everything the filter's SQL depends on. */
  readonly key: string;
  /** The filter; the request's instant is the `at` placeholder (record-gate.sql.ts AT_PLACEHOLDER). */
  build(): SQL;
}

export class CreditRecordRepo {
  constructor(private readonly db: Queryable) {}

  /** The subject of the record with this 记录编号, if there is one (whether the caller may see it is decided after). */
  async subjectOfNumber(recordNumber: string): Promise<number | undefined> {
    const [row] = await this.db.select({ subjectId: creditRecords.subjectId }).from(creditRecords)
      .where(eq(creditRecords.recordNumber, recordNumber)).limit(1);
    return row?.subjectId;
  }

  /** Shapes: gate shapes × the sets of kinds operations read (the profile's sections and their unions). */
  private readonly visibleQueries = new PreparedReads<ReturnType<CreditRecordRepo['buildVisibleQuery']>>(256);

  /**
   * Records of these subjects that pass the filter (the SQL form of the disclosure gate),
   * newest decision first. One statement whatever the number of subjects, its SQL built once
   * per filter shape.
   */
  async visibleForSubjects(subjectIds: readonly number[], filter: VisibleFilter, at: Date): Promise<CreditRecordRow[]> {
    if (subjectIds.length === 0) return [];
    const query = this.visibleQueries.get(this.db, filter.key, (db) => this.buildVisibleQuery(db, filter.build()));
    const rows = await query.execute({ subjectIds: [...subjectIds], at: at.toISOString() });
    return rows.map((r) => ({ ...r.record, subjectKind: r.subjectKind, subjectRegion: r.subjectRegion }));
  }

  private buildVisibleQuery(db: Queryable, visible: SQL) {
    return db
      .select({ record: creditRecords, subjectKind: subjects.kind, subjectRegion: subjects.regionCode })
      .from(creditRecords)
      .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
      .where(and(sql`${creditRecords.subjectId} = ANY(${sql.placeholder('subjectIds')}::bigint[])`, visible))
      .orderBy(asc(creditRecords.subjectId), desc(creditRecords.decisionDate), desc(creditRecords.id))
      .prepare('visible_records');
  }
}
