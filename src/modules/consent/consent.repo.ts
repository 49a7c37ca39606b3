/** ConsentRepo: the only code that touches the consents table. */
import { and, count, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { consents } from '../../db/schema';

export type ConsentRow = typeof consents.$inferSelect;
export type NewConsent = typeof consents.$inferInsert;

export class ConsentRepo {
  constructor(private readonly db: Queryable) {}

  /** Consents live at `at` from these subjects to this agency for this purpose: one statement. */
  live(subjectIds: readonly number[], agencyCode: string, purpose: string, at: Date): Promise<Array<Pick<ConsentRow, 'subjectId' | 'itemCodes'>>> {
    if (subjectIds.length === 0) return Promise.resolve([]);
    return this.db
      .select({ subjectId: consents.subjectId, itemCodes: consents.itemCodes })
      .from(consents)
      .where(
        and(
          inArray(consents.subjectId, [...subjectIds]),
          eq(consents.granteeAgencyCode, agencyCode),
          sql`${purpose} = ANY(${consents.purposes})`,
          lte(consents.grantedAt, at),
          gt(consents.expiresAt, at),
          or(isNull(consents.revokedAt), gt(consents.revokedAt, at)),
        ),
      );
  }

  async insert(consent: NewConsent): Promise<ConsentRow> {
    const [row] = await this.db.insert(consents).values(consent).returning();
    return row!;
  }

  async findById(id: number): Promise<ConsentRow | undefined> {
    const rows = await this.db.select().from(consents).where(eq(consents.id, id)).limit(1);
    return rows[0];
  }

  /**
   * Revokes the subject's consent if it is still live at `at`: the conditional UPDATE takes
   * effect once, however many revocations race. Undefined when nothing was revoked.
   */
  async revoke(id: number, subjectId: number, at: Date): Promise<ConsentRow | undefined> {
    const rows = await this.db
      .update(consents)
      .set({ revokedAt: at })
      .where(and(eq(consents.id, id), eq(consents.subjectId, subjectId), isNull(consents.revokedAt), gt(consents.expiresAt, at), lte(consents.grantedAt, at)))
      .returning();
    return rows[0];
  }

  /** The subject's consents, newest grant first, with the total. */
  async pageForSubject(subjectId: number, limit: number, offset: number): Promise<{ rows: ConsentRow[]; total: number }> {
    const where = eq(consents.subjectId, subjectId);
    const [rows, [counted]] = await Promise.all([
      this.db.select().from(consents).where(where).orderBy(desc(consents.grantedAt), desc(consents.id)).limit(limit).offset(offset),
      this.db.select({ n: count() }).from(consents).where(where),
    ]);
    return { rows, total: Number(counted?.n ?? 0) };
  }
}
