/**
 * EntryObjectionRepo: the two list-entry transitions an objection causes by itself — a notice
 * objected to waits (NOTIFIED → OBJECTED), and returns when the objection is rejected
 * (OBJECTED → NOTIFIED). Everything that ends an entry goes through the serious-list module
 * (list-removal.port.ts). Conditional UPDATEs: false when the entry moved meanwhile.
 */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { seriousListEntries } from '../../db/schema';

export class EntryObjectionRepo {
  constructor(private readonly db: Queryable) {}

  private async move(id: number, from: 'NOTIFIED' | 'OBJECTED', to: 'NOTIFIED' | 'OBJECTED'): Promise<boolean> {
    const rows = await this.db
      .update(seriousListEntries)
      .set({ state: to })
      .where(and(eq(seriousListEntries.id, id), eq(seriousListEntries.state, from)))
      .returning({ id: seriousListEntries.id });
    return rows.length === 1;
  }

  /** The listing waits for the objection's decision. */
  markObjected(id: number): Promise<boolean> {
    return this.move(id, 'NOTIFIED', 'OBJECTED');
  }

  /** The objection was rejected: listing may proceed once the objection period is over. */
  backToNotified(id: number): Promise<boolean> {
    return this.move(id, 'OBJECTED', 'NOTIFIED');
  }
}
