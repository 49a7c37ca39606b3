/** SubjectRepo: the only code that reads and writes the subjects table. Rows in, rows out. */
import { and, asc, count, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { subjects } from '../../db/schema';

export type SubjectRow = typeof subjects.$inferSelect;
export type SubjectKindValue = SubjectRow['kind'];

/** Escapes LIKE wildcards so a keyword is matched literally. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class SubjectRepo {
  constructor(private readonly db: Queryable) {}

  async findByUscc(uscc: string): Promise<SubjectRow | undefined> {
    const rows = await this.db.select().from(subjects).where(eq(subjects.uscc, uscc)).limit(1);
    return rows[0];
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
   * The bigram index (migration 0005) finds the candidates; ILIKE rechecks the substring.
   * Candidates are the first `cap` matches the index scan yields (no ORDER BY, so the scan
   * stops there): the work per request is bounded even for a keyword that a large share of
   * a province's names contain (科技, 南京), and the count then says `cap`. Pages are stable
   * while the matching rows do not change.
   */
  async searchByName(
    keyword: string,
    kinds: readonly SubjectKindValue[],
    limit: number,
    offset: number,
    cap: number,
  ): Promise<{ rows: SubjectRow[]; total: number }> {
    if (kinds.length === 0) return { rows: [], total: 0 };
    const candidates = this.db.$with('candidates').as(
      this.db
        .select({ id: subjects.id, name: subjects.name })
        .from(subjects)
        .where(and(
          sql`subject_name_grams(${subjects.name}) @> subject_name_grams(${keyword})`,
          ilike(subjects.name, `%${literal(keyword)}%`),
          inArray(subjects.kind, [...kinds]),
        ))
        .limit(cap),
    );
    // Ranked on the candidates' names; only the page's rows are then read in full.
    const rank = sql`row_number() OVER (ORDER BY ${candidates.name} = ${keyword} DESC,
      strpos(lower(${candidates.name}), lower(${keyword})), char_length(${candidates.name}), ${candidates.id})`;
    const page = this.db.$with('page').as(
      this.db
        .select({ id: candidates.id, total: sql<number>`count(*) OVER ()`.as('total'), ord: rank.as('ord') })
        .from(candidates)
        .orderBy(sql`ord`)
        .limit(limit)
        .offset(offset),
    );
    const found = await this.db
      .with(candidates, page)
      .select({ row: subjects, total: sql<number>`${page.total}`.mapWith(Number) })
      .from(subjects)
      .innerJoin(page, eq(page.id, subjects.id))
      .orderBy(asc(page.ord));
    if (found.length > 0) return { rows: found.map((f) => f.row), total: found[0]!.total };
    if (offset === 0) return { rows: [], total: 0 };
    // A page past the end: the count still says how many there are.
    const [counted] = await this.db.with(candidates).select({ n: count() }).from(candidates);
    return { rows: [], total: Number(counted?.n ?? 0) };
  }
}
