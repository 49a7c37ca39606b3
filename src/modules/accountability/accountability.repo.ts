/**
 * AccountabilityRepo: the queries behind the accountability report. Each finding is one
 * statement returning the newest offending rows' ids and, on every row, the total count.
 * Reads rows the guards (CHECKs, triggers) should have made impossible: the report is how an
 * auditor learns that someone went around them.
 *
 * Findings that depend on agencies' powers and grants (data in the catalog's folder, decided by
 * src/policy) are not written again in SQL: the repo groups the rows by the facts a decision
 * reads — measure and applying agency; deciding and recording agency; agency, purpose and legal
 * date — the service judges each group with the policy functions, and the repo then samples the
 * rows of the groups found wanting.
 */
import { ne, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { catalogVersions } from '../../db/schema';

/** One offending row, and who answers for it (49号 九: 追究相关单位和人员责任). */
export interface FindingSample {
  readonly id: string;
  /** The agency responsible: the one that acted, or the one that had to act and did not. */
  readonly agency: string | null;
  /** The official (token subject) who acted; null when nobody acted (overdue) or the row predates officials, or was written around the API. */
  readonly official: string | null;
}

export interface FindingRows {
  readonly count: number;
  readonly ids: string[];
  readonly samples: FindingSample[];
}

export const FINDING_QUERIES = {
  /** Records whose item belongs to no published catalog version (never published, or a measures list). */
  recordsOutsideCatalog: () => sql`
    SELECT r.id, r.agency_code AS agency, r.recorded_by_official AS official FROM credit_records r
      LEFT JOIN catalog_items i ON i.id = r.catalog_item_id
      LEFT JOIN catalog_versions v ON v.id = i.version_id
     WHERE i.id IS NULL OR v.published_at IS NULL OR v.kind = 'MEASURE_LIST'`,
  /** Applications of a measure from a list never published, or still in force after its list left force. */
  measuresOutsideList: () => sql`
    SELECT a.id, a.agency_code AS agency, a.applied_by_official AS official FROM measure_applications a
      LEFT JOIN punishment_measures m ON m.id = a.measure_id
      LEFT JOIN catalog_versions v ON v.id = m.list_version_id
     WHERE m.id IS NULL OR v.published_at IS NULL OR v.kind <> 'MEASURE_LIST'
        OR (v.status <> 'PUBLISHED' AND a.lifted_at IS NULL)`,
  /** Responsible: the agency that must decide (the recorder or notifier); nobody has acted. */
  overdueObjections: (now: Date) => sql`
    SELECT o.id, coalesce(r.agency_code, e.agency_code) AS agency, NULL::text AS official FROM objections o
      LEFT JOIN credit_records r ON r.id = o.credit_record_id LEFT JOIN serious_list_entries e ON e.id = o.list_entry_id
     WHERE o.state = 'PENDING' AND o.due_at < ${now.toISOString()}::timestamptz`,
  overdueRepairs: (now: Date) => sql`
    SELECT a.id, coalesce(r.agency_code, e.agency_code) AS agency, NULL::text AS official FROM repair_applications a
      LEFT JOIN credit_records r ON r.id = a.credit_record_id LEFT JOIN serious_list_entries e ON e.id = a.list_entry_id
     WHERE a.state IN ('SUBMITTED', 'ACCEPTED') AND a.due_at < ${now.toISOString()}::timestamptz`,
  /** Decided, but after the time limit ran out (49号 四(八) 在规定时限内反馈). */
  objectionsDecidedLate: () => sql`
    SELECT o.id, o.decided_by AS agency, o.decided_by_official AS official FROM objections o
     WHERE o.state = 'DECIDED' AND o.decided_at > o.due_at`,
  /** Decided, but after the time limit ran out (49号 六(十二) 在规定时限内办结). */
  repairsDecidedLate: () => sql`
    SELECT a.id, a.decided_by AS agency, a.decided_by_official AS official FROM repair_applications a
     WHERE a.state IN ('APPROVED', 'REJECTED') AND a.decided_at > a.due_at`,
  listingsWithoutDecisionDocument: () => sql`
    SELECT e.id, e.agency_code AS agency, e.decided_by_official AS official FROM serious_list_entries e
     WHERE e.state = 'LISTED' AND e.decision_document_id IS NULL`,
  /** Listed under a list type whose standard was not published (at all, or by the listing date). */
  listingsWithoutPublishedStandard: () => sql`
    SELECT e.id, e.agency_code AS agency, e.decided_by_official AS official FROM serious_list_entries e
      LEFT JOIN serious_list_types t ON t.code = e.list_type_code
     WHERE e.state = 'LISTED'
       AND (t.code IS NULL OR t.standard_published_on IS NULL
            OR t.standard_published_on > (coalesce(e.listed_at, e.notified_at) AT TIME ZONE 'Asia/Shanghai')::date)`,
  dishonestyRecordsWithoutDocument: () => sql`
    SELECT r.id, r.agency_code AS agency, r.recorded_by_official AS official FROM credit_records r
     WHERE r.dishonesty AND r.legal_document_id IS NULL`,
} as const satisfies Record<string, (now: Date) => SQL>;

export type SqlFindingName = keyof typeof FINDING_QUERIES;

/** A measure (code and category) and an agency that applied it at least once. */
export interface MeasureApplier {
  readonly measureCode: string;
  readonly category: string;
  readonly agencyCode: string;
}

/** Procedures whose decision names the deciding agency. */
export type DecidedProcedure = 'objections' | 'repair_applications';

/** An agency that decided procedures about what `recordedBy` recorded or notified (null: no target found). */
export interface DeciderPair {
  readonly decidedBy: string;
  readonly recordedBy: string | null;
}

/** Agency access-log rows of one agency, role and purpose on one China legal date. */
export interface ReadGroup {
  readonly agencyCode: string;
  readonly role: string;
  readonly purpose: string;
  /** YYYY-MM-DD, the date in China of the rows' `at` (src/time/legal-date.ts). */
  readonly day: string;
  readonly rows: number;
  /** The group's first row (smallest seq). */
  readonly firstSeq: string;
}

/** A catalog or measures-list version that came into force (PUBLISHED or RETIRED), with what governs it. */
export type PublishedVersionRow = Pick<
  typeof catalogVersions.$inferSelect,
  'id' | 'kind' | 'regionCode' | 'publishedAt' | 'publishedBy' | 'publishedByOfficial' | 'approval' | 'consultation' | 'definition'
>;

const NONE: FindingRows = Object.freeze({ count: 0, ids: [], samples: [] });

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns the rows; PGlite returns { rows }.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export class AccountabilityRepo {
  constructor(private readonly db: Queryable) {}

  finding(name: SqlFindingName, now: Date, sample: number): Promise<FindingRows> {
    return this.sampled(FINDING_QUERIES[name](now), sample);
  }

  /** Every (measure, category, applying agency) of measure_applications: a few hundred at most. */
  async measureAppliers(): Promise<MeasureApplier[]> {
    const result = await this.db.execute(sql`
      SELECT DISTINCT m.code AS "measureCode", m.category::text AS category, a.agency_code AS "agencyCode"
        FROM measure_applications a JOIN punishment_measures m ON m.id = a.measure_id`);
    return rowsOf<MeasureApplier>(result);
  }

  /** The applications of these (measure, category, agency) combinations. */
  measureApplicationsBy(appliers: readonly MeasureApplier[], sample: number): Promise<FindingRows> {
    if (appliers.length === 0) return Promise.resolve(NONE);
    return this.sampled(sql`
      SELECT a.id, a.agency_code AS agency, a.applied_by_official AS official FROM measure_applications a
        JOIN punishment_measures m ON m.id = a.measure_id
        JOIN jsonb_to_recordset(${JSON.stringify(appliers)}::jsonb) AS p("measureCode" text, category text, "agencyCode" text)
          ON p."measureCode" = m.code AND p.category = m.category::text AND p."agencyCode" = a.agency_code`, sample);
  }

  /** Every version that left DRAFT: a few dozen rows. */
  publishedVersions(): Promise<PublishedVersionRow[]> {
    return this.db
      .select({
        id: catalogVersions.id, kind: catalogVersions.kind, regionCode: catalogVersions.regionCode, publishedAt: catalogVersions.publishedAt,
        publishedBy: catalogVersions.publishedBy, publishedByOfficial: catalogVersions.publishedByOfficial, approval: catalogVersions.approval, consultation: catalogVersions.consultation,
        definition: catalogVersions.definition,
      })
      .from(catalogVersions)
      .where(ne(catalogVersions.status, 'DRAFT'));
  }

  /** Every (deciding agency, recording agency) pair of decided objections or repair applications. */
  async deciders(table: DecidedProcedure): Promise<DeciderPair[]> {
    const result = await this.db.execute(sql`
      SELECT DISTINCT d."decidedBy", d."recordedBy" FROM (${decided(table)}) d`);
    return rowsOf<DeciderPair>(result);
  }

  /** The procedures of `table` decided by these (deciding, recording agency) pairs. */
  decidedBy(table: DecidedProcedure, pairs: readonly DeciderPair[], sample: number): Promise<FindingRows> {
    if (pairs.length === 0) return Promise.resolve(NONE);
    return this.sampled(sql`
      SELECT d.id, d."decidedBy" AS agency, d.official FROM (${decided(table)}) d
        JOIN jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS p("decidedBy" text, "recordedBy" text)
          ON p."decidedBy" = d."decidedBy" AND p."recordedBy" IS NOT DISTINCT FROM d."recordedBy"`, sample);
  }

  /**
   * Agency reads grouped by (agency, role, purpose, China legal date): one pass over the log,
   * one row per group however many reads it holds. Rows without an agency (the public,
   * subjects) or without a declared purpose are no agency's reads under a purpose.
   */
  async readGroups(): Promise<ReadGroup[]> {
    const result = await this.db.execute(sql`
      SELECT l.agency_code AS "agencyCode", l.role, l.purpose, to_char(l.day, 'YYYY-MM-DD') AS day,
             count(*)::int AS rows, min(l.seq)::text AS "firstSeq"
        FROM (SELECT agency_code, role, purpose, seq, (at AT TIME ZONE 'Asia/Shanghai')::date AS day
                FROM access_log WHERE agency_code IS NOT NULL AND purpose IS NOT NULL) l
       GROUP BY l.agency_code, l.role, l.purpose, l.day`);
    return rowsOf<ReadGroup>(result).map((g) => ({ ...g, rows: Number(g.rows) }));
  }

  /**
   * Who answers for access-log rows: the agency and the official (the token subject, the log's
   * `principal`) of each row seq given.
   */
  async readersOf(seqs: readonly string[]): Promise<FindingSample[]> {
    if (seqs.length === 0) return [];
    const result = await this.db.execute(sql`
      SELECT seq::text AS id, agency_code AS agency, principal AS official FROM access_log
       WHERE seq = ANY(${`{${seqs.join(',')}}`}::bigint[])`);
    const found = new Map(rowsOf<FindingSample>(result).map((r) => [r.id, r]));
    return seqs.map((id) => found.get(id) ?? { id, agency: null, official: null });
  }

  /** Total count and the `sample` largest ids of `query`'s `id` column, with who answers for each. */
  private async sampled(query: SQL, sample: number): Promise<FindingRows> {
    const result = await this.db.execute(sql`
      SELECT f.id::text AS id, f.agency, f.official, count(*) OVER () AS total FROM (${query}) f ORDER BY f.id DESC LIMIT ${sample}`);
    const rows = rowsOf<FindingSample & { total: string | number }>(result);
    return {
      count: Number(rows[0]?.total ?? 0),
      ids: rows.map((r) => r.id),
      samples: rows.map((r) => ({ id: r.id, agency: r.agency ?? null, official: r.official ?? null })),
    };
  }
}

/**
 * Decided procedures with the agency that decided them and the one that recorded their record
 * (credit_records.agency_code) or notified their entry (serious_list_entries.agency_code).
 */
function decided(table: DecidedProcedure): SQL {
  return sql`
    SELECT t.id, t.decided_by AS "decidedBy", t.decided_by_official AS official, coalesce(r.agency_code, e.agency_code) AS "recordedBy"
      FROM ${sql.identifier(table)} t
      LEFT JOIN credit_records r ON r.id = t.credit_record_id
      LEFT JOIN serious_list_entries e ON e.id = t.list_entry_id
     WHERE t.decided_by IS NOT NULL`;
}
