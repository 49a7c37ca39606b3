/** CreditRecordRepo: the only code that reads credit_records. Every read takes the policy's WHERE. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { PreparedReads } from '../../db/prepared-reads';
import { creditRecords, subjects } from '../../db/schema';
import type { SubjectRow } from '../subject/subject.repo';

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
  /** The key names one subject (a subject viewing its own records): its values are that subject's alone. */
  readonly perSubject: boolean;
}

/**
 * The filter of a prepared statement with its values written into the text: they are fixed
 * for the filter's key (catalog items, kinds, dates, scopes), and PostgreSQL plans a statement
 * whose constants it can see once, where it re-plans one whose constants are parameters for
 * every execution (a generic plan, blind to them, is priced above the plans made for each
 * execution's values, so it is never chosen: under W1 that planning was half of PostgreSQL's
 * CPU). Only the request's instant (the `at` placeholder) stays a parameter. Strings are
 * quoted as literals by drizzle (quotes doubled); the values come from the catalog and the
 * policy, never from a request.
 *
 * Not for a filter of one subject's own records: its text would be that subject's alone, and
 * every connection would keep a prepared statement per subject who looked; with parameters
 * the text is shared by every subject, planned for each execution.
 */
function fixedFilter(filter: VisibleFilter): SQL {
  const visible = filter.build();
  return filter.perSubject ? visible : visible.inlineParams();
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
    const one = subjectIds.length === 1;
    const query = this.visibleQueries.get(this.db, `${one ? 'one' : 'many'} ${filter.key}`, (db) => this.buildVisibleQuery(db, fixedFilter(filter), one));
    const rows = await query.execute(one ? { subjectId: subjectIds[0]!, at: at.toISOString() } : { subjectIds: [...subjectIds], at: at.toISOString() });
    // Each row's record object is the query's own, fresh: completed in place rather than copied.
    return rows.map((r) => Object.assign(r.record, { subjectKind: r.subjectKind, subjectRegion: r.subjectRegion }));
  }

  /** Shapes as for visibleQueries: the subjects-and-records statement, per filter. */
  private readonly subjectQueries = new PreparedReads<ReturnType<CreditRecordRepo['buildSubjectsQuery']>>(256);

  /**
   * The subjects with these codes and, in the same statement, their records that pass the
   * filter — exactly the rows visibleForSubjects gives for their ids, in the same order. One
   * round trip where a profile otherwise takes two (the subjects, then their records): the
   * public's most frequent request, and a partner's batch. Whether each subject may be seen is
   * decided after, as for any subject row.
   */
  async subjectsWithVisibleRecords(usccs: readonly string[], filter: VisibleFilter, at: Date): Promise<{ subjects: SubjectRow[]; records: CreditRecordRow[] }> {
    if (usccs.length === 0) return { subjects: [], records: [] };
    const one = usccs.length === 1;
    const query = this.subjectQueries.get(this.db, `${one ? 'one' : 'many'} ${filter.key}`, (db) => this.buildSubjectsQuery(db, fixedFilter(filter), one));
    const rows = await query.execute(one ? { uscc: usccs[0]!, at: at.toISOString() } : { usccs: [...usccs], at: at.toISOString() });
    const subjects: SubjectRow[] = [];
    const records: CreditRecordRow[] = [];
    for (const { subject, record } of rows) {
      // Rows come grouped by subject: a new subject starts where the id changes.
      if (subjects[subjects.length - 1]?.id !== subject.id) subjects.push(subject);
      // Each row's record object is the query's own, fresh: completed in place rather than copied.
      if (record) records.push(Object.assign(record, { subjectKind: subject.kind, subjectRegion: subject.regionCode }));
    }
    return { subjects, records };
  }

  /**
   * One subject (a profile: the public's most frequent request) is asked for by `=`, not by
   * `= ANY` of a one-element array. PostgreSQL reuses a prepared statement's generic plan only
   * when it is priced no higher than the plans made for each execution's values; it prices
   * `= ANY($n)` of an array it cannot see at ten elements, so against the one-element custom
   * plans the generic plan never won and every profile was planned anew (perf under W1: half of
   * PostgreSQL's CPU). `= $n` on a unique key is priced at one row either way.
   */
  private buildSubjectsQuery(db: Queryable, visible: SQL, one: boolean) {
    return db
      .select({ subject: subjects, record: creditRecords })
      .from(subjects)
      // The filter names subjects' columns (kind, region) as visibleForSubjects' join does.
      .leftJoin(creditRecords, and(eq(creditRecords.subjectId, subjects.id), visible))
      .where(one ? sql`${subjects.uscc} = ${sql.placeholder('uscc')}::text` : sql`${subjects.uscc} = ANY(${sql.placeholder('usccs')}::text[])`)
      .orderBy(asc(subjects.id), desc(creditRecords.decisionDate), desc(creditRecords.id))
      .prepare('subjects_with_visible_records');
  }

  /** As buildSubjectsQuery: one subject by `=`, so that its plan is reused. */
  private buildVisibleQuery(db: Queryable, visible: SQL, one: boolean) {
    return db
      .select({ record: creditRecords, subjectKind: subjects.kind, subjectRegion: subjects.regionCode })
      .from(creditRecords)
      .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
      .where(and(one ? sql`${creditRecords.subjectId} = ${sql.placeholder('subjectId')}::bigint` : sql`${creditRecords.subjectId} = ANY(${sql.placeholder('subjectIds')}::bigint[])`, visible))
      .orderBy(asc(creditRecords.subjectId), desc(creditRecords.decisionDate), desc(creditRecords.id))
      .prepare('visible_records');
  }
}
