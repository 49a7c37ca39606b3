/**
 * LegalDocumentRepo: the only code that reads and writes legal_documents — the legally
 * effective instruments (judgments, penalty decisions, listing decisions…) records rest on.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { legalDocuments } from '../../db/schema';

export type LegalDocumentRow = typeof legalDocuments.$inferSelect;
export type NewLegalDocument = typeof legalDocuments.$inferInsert;

export class LegalDocumentRepo {
  constructor(private readonly db: Queryable) {}

  /** The document with this issuer and number (the natural key). */
  async find(issuerName: string, number: string): Promise<LegalDocumentRow | undefined> {
    const rows = await this.db
      .select()
      .from(legalDocuments)
      .where(and(eq(legalDocuments.issuerName, issuerName), eq(legalDocuments.number, number)))
      .limit(1);
    return rows[0];
  }

  /** Inserts the document, or returns the one a concurrent writer inserted first. */
  async insertOrGet(doc: NewLegalDocument): Promise<LegalDocumentRow> {
    const [row] = await this.db
      .insert(legalDocuments)
      .values(doc)
      .onConflictDoNothing({ target: [legalDocuments.issuerName, legalDocuments.number] })
      .returning();
    return row ?? (await this.find(doc.issuerName, doc.number))!;
  }

  async byIds(ids: readonly number[]): Promise<Map<number, LegalDocumentRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(legalDocuments).where(inArray(legalDocuments.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  }
}
