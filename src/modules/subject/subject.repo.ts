/** SubjectRepo: the only code that reads and writes the subjects table. Rows in, rows out. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Seek } from '../../db/keyset';
import type { Queryable } from '../../db/database';
import { PreparedReads } from '../../db/prepared-reads';
import { subjects } from '../../db/schema';

export type SubjectRow = typeof subjects.$inferSelect;
export type SubjectKindValue = SubjectRow['kind'];

/**
 * The name index's matches for a keyword (migration 0007, subject_name_matches()), as
 * placeholders: the search statements are prepared once and only their values change.
 */
const NAME_MATCHES = sql`subject_name_matches(${sql.placeholder('keyword')}::text, ${sql.placeholder('kinds')}::text[]::subject_kind[], ${sql.placeholder('cap')})`;

/**
 * A match's place in the search order, as a row: the name itself first (0), then an earlier
 * position, then a shorter name; the subject id breaks ties.
 */
const MATCH_KEY = sql`((NOT (pos = 1 AND name_length = char_length(${sql.placeholder('keyword')}::text)))::int, pos, name_length, subject_id)`;
/** The key a page starts after (a cursor's, or one before every match on the first page). */
const AFTER_KEY = sql`(${sql.placeholder('k0')}::int, ${sql.placeholder('k1')}::int, ${sql.placeholder('k2')}::int, ${sql.placeholder('k3')}::bigint)`;
/** Before every match: inexact is 0 or 1, positions and lengths start at 1. */
const START_KEY = [-1, 0, 0, 0] as const;

/** A search match's sort key: [inexact, pos, name length, subject id]. */
export type SearchKey = readonly [number, number, number, number];

export class SubjectRepo {
  constructor(private readonly db: Queryable) {}

  // The portal's lookup of a subject by code runs on every profile: built once (prepared-reads.ts).
  private readonly byUscc = new PreparedReads<ReturnType<SubjectRepo['buildByUscc']>>(1);

  async findByUscc(uscc: string): Promise<SubjectRow | undefined> {
    const rows = await this.byUscc.get(this.db, 'by-uscc', (db) => this.buildByUscc(db)).execute({ uscc });
    return rows[0];
  }

  private buildByUscc(db: Queryable) {
    return db.select().from(subjects).where(eq(subjects.uscc, sql.placeholder('uscc'))).limit(1).prepare('subject_by_uscc');
  }

  /** Many subjects by USCC in one statement (partner batch lookup). */
  findByUsccs(usccs: readonly string[]): Promise<SubjectRow[]> {
    if (usccs.length === 0) return Promise.resolve([]);
    return this.db.select().from(subjects).where(inArray(subjects.uscc, [...usccs]));
  }

  findByIds(ids: readonly number[]): Promise<SubjectRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(subjects).where(inArray(subjects.id, [...ids]));
  }

  async findByIdNumberHash(hash: string): Promise<SubjectRow | undefined> {
    const rows = await this.db.select().from(subjects).where(eq(subjects.idNumberHash, hash)).limit(1);
    return rows[0];
  }

  /**
   * Subjects of the given kinds whose name contains the keyword, best match first: the name
   * itself, then names where the keyword comes earlier, then shorter names. One statement.
   *
   * The candidates come from the positioned-pair index (migration 0007; the page of them is
   * ranked by subject_name_search_page(), migration 0031): the first `cap` matches in subject id
   * order, found, ranked and counted without reading a name. The work per request is bounded
   * even for a keyword that a large share of a province's names contain (科技, 南京), and the
   * count then says `cap`. Only the page's rows are read in full. A page is the matches after a
   * key (a cursor's), so subjects arriving between pages do not shift it; they join the
   * candidates (the first `cap` by id) only while fewer than `cap` match.
   */
  async searchByName(
    keyword: string,
    kinds: readonly SubjectKindValue[],
    seek: Seek,
    cap: number,
  ): Promise<{ rows: Array<{ row: SubjectRow; key: SearchKey }>; total: number; through: number }> {
    if (kinds.length === 0) return { rows: [], total: 0, through: 0 };
    const [k0, k1, k2, k3] = seek.after ?? START_KEY;
    const values = { keyword, kinds: [...kinds], cap, limit: seek.limit, k0, k1, k2, k3 };
    const found = await this.searchPage.get(this.db, 'search-page', (db) => this.buildSearchPage(db)).execute(values);
    if (found.length > 0) {
      return {
        rows: found.map((f) => ({ row: f.row, key: [f.inexact, f.pos, f.len, f.row.id] as const })),
        total: found[0]!.total,
        through: found[0]!.through,
      };
    }
    if (seek.after === null) return { rows: [], total: 0, through: 0 };
    // A page past the end: the count still says how many there are.
    const [row] = await this.searchCount.get(this.db, 'search-count', (db) => this.buildSearchCount(db)).execute(values);
    return { rows: [], total: row?.n ?? 0, through: row?.through ?? 0 };
  }

  // The search statements, built once (prepared-reads.ts); only their values change.
  private readonly searchPage = new PreparedReads<ReturnType<SubjectRepo['buildSearchPage']>>(1);
  private readonly searchCount = new PreparedReads<ReturnType<SubjectRepo['buildSearchCount']>>(1);

  private buildSearchPage(db: Queryable) {
    // The page is ranked and counted in the database (subject_name_search_page(), migration
    // 0031): this statement only joins its rows to subjects, so no parameter's value changes its
    // plan and PostgreSQL reuses the cached one (a `LIMIT $n` here made it plan every execution).
    const page = db.$with('page', {
      // Names no table has: drizzle refers to them unqualified.
      id: sql<number>`match_id`.mapWith(Number).as('match_id'),
      total: sql<number>`match_total`.mapWith(Number).as('match_total'),
      through: sql<number>`match_through`.mapWith(Number).as('match_through'),
      inexact: sql<number>`match_inexact`.mapWith(Number).as('match_inexact'),
      pos: sql<number>`match_pos`.mapWith(Number).as('match_pos'),
      len: sql<number>`match_len`.mapWith(Number).as('match_len'),
    }).as(sql`SELECT subject_id AS match_id, total AS match_total, through AS match_through,
        inexact AS match_inexact, pos AS match_pos, name_length AS match_len
      FROM subject_name_search_page(${sql.placeholder('keyword')}::text, ${sql.placeholder('kinds')}::text[]::subject_kind[],
        ${sql.placeholder('cap')}, ${sql.placeholder('limit')}, ${sql.placeholder('k0')}::int, ${sql.placeholder('k1')}::int,
        ${sql.placeholder('k2')}::int, ${sql.placeholder('k3')}::bigint)`);
    return db
      .with(page)
      .select({ row: subjects, total: page.total, through: page.through, inexact: page.inexact, pos: page.pos, len: page.len })
      .from(subjects)
      .innerJoin(page, eq(page.id, subjects.id))
      .orderBy(asc(page.inexact), asc(page.pos), asc(page.len), asc(page.id))
      .prepare('subject_search_page');
  }

  private buildSearchCount(db: Queryable) {
    const counted = db.$with('counted', {
      n: sql<number>`match_count`.mapWith(Number).as('match_count'),
      through: sql<number>`match_through`.mapWith(Number).as('match_through'),
    }).as(sql`SELECT count(*) AS match_count, count(*) FILTER (WHERE ${MATCH_KEY} <= ${AFTER_KEY}) AS match_through FROM ${NAME_MATCHES}`);
    return db.with(counted).select({ n: counted.n, through: counted.through }).from(counted).prepare('subject_search_count');
  }
}
