/** ConsentRepo: the only code that touches the consents table. */
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { consents } from '../../db/schema';

export type ConsentRow = typeof consents.$inferSelect;

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
}
