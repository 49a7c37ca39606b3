/** ConsentRepo: the only code that touches the consents table. */
import { and, count, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { countThrough, keysetAfter, keysetOrder, keysetOrderBy, keyTypes, type Seek } from '../../db/keyset';
import { consents } from '../../db/schema';

export type ConsentRow = typeof consents.$inferSelect;
export type NewConsent = typeof consents.$inferInsert;

/** A subject's consents: newest grant first, id breaking ties. */
export const CONSENT_ORDER = keysetOrder('desc', { column: consents.grantedAt, type: 'timestamp' }, { column: consents.id, type: 'int' });
export const consentKey = (r: ConsentRow) => [r.grantedAt, r.id];

export class ConsentRepo {
  /** How this list's cursors are made: the key's column types, and a row's key (the service seals it). */
  keyset() {
    return { types: keyTypes(CONSENT_ORDER), keyOf: consentKey };
  }

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

  /** The subject's consents, newest grant first, with the total and how many come up to the page's start. */
  async pageForSubject(subjectId: number, seek: Seek): Promise<{ rows: ConsentRow[]; total: number; through: number }> {
    const where = eq(consents.subjectId, subjectId);
    const [rows, [counted]] = await Promise.all([
      this.db.select().from(consents).where(and(where, keysetAfter(CONSENT_ORDER, seek.after))).orderBy(...keysetOrderBy(CONSENT_ORDER)).limit(seek.limit),
      this.db.select({ n: count(), through: countThrough(CONSENT_ORDER, seek.after) }).from(consents).where(where),
    ]);
    return { rows, total: Number(counted?.n ?? 0), through: counted?.through ?? 0 };
  }
}
