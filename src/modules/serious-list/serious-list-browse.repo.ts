/**
 * SeriousListBrowseRepo: the public listing of the serious-dishonesty lists — list records of
 * entries LISTED today, filtered by the disclosure policy's WHERE (the caller passes it), so
 * the page and its count hold only rows the viewer may see.
 */
import { and, count, eq, gte, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { countThrough, keysetAfter, keysetOrder, keysetOrderBy, keyTypes, type Seek } from '../../db/keyset';
import { creditRecords, seriousListEntries, subjects } from '../../db/schema';
import type { CreditRecordRow } from '../credit-record/credit-record.repo';
import type { SubjectRow } from '../subject/subject.repo';

export interface ListingRow {
  record: CreditRecordRow;
  subject: SubjectRow;
  listTypeCode: string;
}

/** Newest decision first, record id breaking ties. */
export const LISTING_ORDER = keysetOrder('desc', { column: creditRecords.decisionDate, type: 'date' }, { column: creditRecords.id, type: 'int' });
export const listingKey = (r: ListingRow) => [r.record.decisionDate, r.record.id];

export class SeriousListBrowseRepo {
  /** How this list's cursors are made: the key's column types, and a row's key (the service seals it). */
  keyset() {
    return { types: keyTypes(LISTING_ORDER), keyOf: listingKey };
  }

  constructor(private readonly db: Queryable) {}

  async page(
    itemIds: readonly number[], listTypes: readonly string[], visible: SQL, today: string, seek: Seek,
  ): Promise<{ rows: ListingRow[]; total: number; through: number }> {
    if (itemIds.length === 0 || listTypes.length === 0) return { rows: [], total: 0, through: 0 };
    const e = seriousListEntries;
    // The record of a listing that is in force today (not a removed or expired one).
    const where = and(
      inArray(creditRecords.catalogItemId, [...itemIds]),
      visible,
      inArray(e.listTypeCode, [...listTypes]),
      eq(e.state, 'LISTED'),
      gte(e.listedUntil, today),
    );
    const [rows, counted] = await Promise.all([
      this.db
        .select({ record: creditRecords, subject: subjects, listTypeCode: e.listTypeCode })
        .from(creditRecords)
        .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
        .innerJoin(e, eq(e.creditRecordId, creditRecords.id))
        .where(and(where, keysetAfter(LISTING_ORDER, seek.after)))
        .orderBy(...keysetOrderBy(LISTING_ORDER))
        .limit(seek.limit),
      this.db
        .select({ n: count(), through: countThrough(LISTING_ORDER, seek.after) })
        .from(creditRecords)
        .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
        .innerJoin(e, eq(e.creditRecordId, creditRecords.id))
        .where(where),
    ]);
    return {
      rows: rows.map((r) => ({ record: { ...r.record, subjectKind: r.subject.kind, subjectRegion: r.subject.regionCode }, subject: r.subject, listTypeCode: r.listTypeCode })),
      total: Number(counted[0]?.n ?? 0),
      through: counted[0]?.through ?? 0,
    };
  }
}
