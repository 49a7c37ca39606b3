/** SubjectRepo: the only code that reads and writes the subjects table. Rows in, rows out. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
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
   * The candidates come from the positioned-pair index (migration 0007,
   * subject_name_matches()): the first `cap` matches in subject id order, found, ranked and
   * counted without reading a name. The work per request is bounded even for a keyword that a
   * large share of a province's names contain (科技, 南京), and the count then says `cap`.
   * Only the page's rows are read in full. Pages are stable while the matching rows do not
   * change.
   */
  async searchByName(
    keyword: string,
    kinds: readonly SubjectKindValue[],
    limit: number,
    offset: number,
    cap: number,
  ): Promise<{ rows: SubjectRow[]; total: number }> {
    if (kinds.length === 0) return { rows: [], total: 0 };
    const values = { keyword, kinds: [...kinds], cap, limit, offset };
    const found = await this.searchPage.get(this.db, 'search-page', (db) => this.buildSearchPage(db)).execute(values);
    if (found.length > 0) return { rows: found.map((f) => f.row), total: found[0]!.total };
    if (offset === 0) return { rows: [], total: 0 };
    // A page past the end: the count still says how many there are.
    const [row] = await this.searchCount.get(this.db, 'search-count', (db) => this.buildSearchCount(db)).execute(values);
    return { rows: [], total: row?.n ?? 0 };
  }

  // The search statements, built once (prepared-reads.ts); only their values change.
  private readonly searchPage = new PreparedReads<ReturnType<SubjectRepo['buildSearchPage']>>(1);
  private readonly searchCount = new PreparedReads<ReturnType<SubjectRepo['buildSearchCount']>>(1);

  private buildSearchPage(db: Queryable) {
    // The name itself first, then an earlier position, then a shorter name; id breaks ties.
    const page = db.$with('page', {
      // Names no table has: drizzle refers to them unqualified.
      id: sql<number>`match_id`.mapWith(Number).as('match_id'),
      total: sql<number>`match_total`.mapWith(Number).as('match_total'),
      ord: sql<number>`match_rank`.as('match_rank'),
    }).as(sql`SELECT subject_id AS match_id, count(*) OVER () AS match_total,
        row_number() OVER (ORDER BY pos = 1 AND name_length = char_length(${sql.placeholder('keyword')}::text) DESC, pos, name_length, subject_id) AS match_rank
      FROM ${NAME_MATCHES} ORDER BY match_rank LIMIT ${sql.placeholder('limit')} OFFSET ${sql.placeholder('offset')}`);
    return db
      .with(page)
      .select({ row: subjects, total: page.total })
      .from(subjects)
      .innerJoin(page, eq(page.id, subjects.id))
      .orderBy(asc(page.ord))
      .prepare('subject_search_page');
  }

  private buildSearchCount(db: Queryable) {
    const counted = db.$with('counted', { n: sql<number>`match_count`.mapWith(Number).as('match_count') })
      .as(sql`SELECT count(*) AS match_count FROM ${NAME_MATCHES}`);
    return db.with(counted).select({ n: counted.n }).from(counted).prepare('subject_search_count');
  }
}
