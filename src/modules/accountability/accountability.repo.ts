/**
 * AccountabilityRepo: the queries behind the accountability report. Each finding is one
 * statement returning the newest offending rows' ids and, on every row, the total count.
 * Reads rows the guards (CHECKs, triggers) should have made impossible: the report is how an
 * auditor learns that someone went around them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';

export interface FindingRows {
  readonly count: number;
  readonly ids: string[];
}

export const FINDING_QUERIES = {
  /** Records whose item belongs to no published catalog version (never published, or a measures list). */
  recordsOutsideCatalog: () => sql`
    SELECT r.id FROM credit_records r
      LEFT JOIN catalog_items i ON i.id = r.catalog_item_id
      LEFT JOIN catalog_versions v ON v.id = i.version_id
     WHERE i.id IS NULL OR v.published_at IS NULL OR v.kind = 'MEASURE_LIST'`,
  /** Applications of a measure from a list never published, or still in force after its list left force. */
  measuresOutsideList: () => sql`
    SELECT a.id FROM measure_applications a
      LEFT JOIN punishment_measures m ON m.id = a.measure_id
      LEFT JOIN catalog_versions v ON v.id = m.list_version_id
     WHERE m.id IS NULL OR v.published_at IS NULL OR v.kind <> 'MEASURE_LIST'
        OR (v.status <> 'PUBLISHED' AND a.lifted_at IS NULL)`,
  overdueObjections: (now: Date) => sql`
    SELECT o.id FROM objections o WHERE o.state = 'PENDING' AND o.due_at < ${now.toISOString()}::timestamptz`,
  overdueRepairs: (now: Date) => sql`
    SELECT a.id FROM repair_applications a
     WHERE a.state IN ('SUBMITTED', 'ACCEPTED') AND a.due_at < ${now.toISOString()}::timestamptz`,
  listingsWithoutDecisionDocument: () => sql`
    SELECT e.id FROM serious_list_entries e WHERE e.state = 'LISTED' AND e.decision_document_id IS NULL`,
  /** Listed under a list type whose standard was not published (at all, or by the listing date). */
  listingsWithoutPublishedStandard: () => sql`
    SELECT e.id FROM serious_list_entries e
      LEFT JOIN serious_list_types t ON t.code = e.list_type_code
     WHERE e.state = 'LISTED'
       AND (t.code IS NULL OR t.standard_published_on IS NULL
            OR t.standard_published_on > (coalesce(e.listed_at, e.notified_at) AT TIME ZONE 'Asia/Shanghai')::date)`,
  dishonestyRecordsWithoutDocument: () => sql`
    SELECT r.id FROM credit_records r WHERE r.dishonesty AND r.legal_document_id IS NULL`,
} as const satisfies Record<string, (now: Date) => SQL>;

export type FindingName = keyof typeof FINDING_QUERIES;

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns the rows; PGlite returns { rows }.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export class AccountabilityRepo {
  constructor(private readonly db: Queryable) {}

  async finding(name: FindingName, now: Date, sample: number): Promise<FindingRows> {
    const query = FINDING_QUERIES[name](now);
    const result = await this.db.execute(sql`
      SELECT f.id::text AS id, count(*) OVER () AS total FROM (${query}) f ORDER BY f.id DESC LIMIT ${sample}`);
    const rows = rowsOf<{ id: string; total: string | number }>(result);
    return { count: Number(rows[0]?.total ?? 0), ids: rows.map((r) => r.id) };
  }
}
