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
   * Subjects of the given kinds whose name contains the keyword, best match first (the
   * trigram index serves the ILIKE). `countCap` bounds the count: a two-character keyword can
   * match a large share of a province, and nobody pages past the cap.
   */
  async searchByName(
    keyword: string,
    kinds: readonly SubjectKindValue[],
    limit: number,
    offset: number,
    countCap: number,
  ): Promise<{ rows: SubjectRow[]; total: number }> {
    if (kinds.length === 0) return { rows: [], total: 0 };
    const where = and(ilike(subjects.name, `%${literal(keyword)}%`), inArray(subjects.kind, [...kinds]));
    const [rows, counted] = await Promise.all([
      this.db
        .select()
        .from(subjects)
        .where(where)
        .orderBy(desc(sql`similarity(${subjects.name}, ${keyword})`), asc(subjects.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(this.db.select({ id: subjects.id }).from(subjects).where(where).limit(countCap).as('capped')),
    ]);
    return { rows, total: Number(counted[0]?.n ?? 0) };
  }
}
