/** AttachmentRepo: the only code that reads and writes the attachments table. Rows in, rows out. */
import { and, asc, count, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { attachments, creditRecords, objections, repairApplications, seriousListEntries } from '../../db/schema';

export type AttachmentRow = typeof attachments.$inferSelect;
/** An attachment without its content: what lists show. */
export type AttachmentMeta = Omit<AttachmentRow, 'content'>;

/** The case an attachment belongs to: one objection or one repair application. */
export type AttachmentCase = { kind: 'OBJECTION'; id: number } | { kind: 'REPAIR'; id: number };

/** The case as the rules read it: whose it is, whether it is still open, who handles it. */
export interface CaseFacts {
  subjectId: number;
  open: boolean;
  /** The agency that made the record or notified the entry the case is about. */
  recordedBy: string;
}

const { content: _content, ...META } = getTableColumns(attachments);

const caseColumn = (c: AttachmentCase) => (c.kind === 'OBJECTION' ? attachments.objectionId : attachments.repairApplicationId);

export class AttachmentRepo {
  constructor(private readonly db: Queryable) {}

  /**
   * The case's facts, its row locked (FOR UPDATE) when `lock`: two uploads to one case are
   * counted one after the other, so the per-case limit holds under concurrency.
   */
  async caseFacts(c: AttachmentCase, lock: boolean): Promise<CaseFacts | undefined> {
    const table = c.kind === 'OBJECTION' ? objections : repairApplications;
    const open = c.kind === 'OBJECTION' ? sql<boolean>`${objections.state} = 'PENDING'` : sql<boolean>`${repairApplications.state} IN ('SUBMITTED', 'ACCEPTED')`;
    const query = this.db
      .select({
        subjectId: table.subjectId,
        open,
        recordedBy: sql<string>`coalesce(${creditRecords.agencyCode}, ${seriousListEntries.agencyCode})`,
      })
      .from(table)
      .leftJoin(creditRecords, eq(creditRecords.id, table.creditRecordId))
      .leftJoin(seriousListEntries, eq(seriousListEntries.id, table.listEntryId))
      .where(eq(table.id, c.id))
      .limit(1);
    const rows = lock ? await query.for('update', { of: table }) : await query;
    return rows[0];
  }

  async countFor(c: AttachmentCase): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(attachments).where(eq(caseColumn(c), c.id));
    return row?.n ?? 0;
  }

  async insert(row: typeof attachments.$inferInsert): Promise<AttachmentMeta> {
    const [inserted] = await this.db.insert(attachments).values(row).returning(META);
    return inserted!;
  }

  /** The case's attachments, in upload order, without content. */
  listFor(c: AttachmentCase): Promise<AttachmentMeta[]> {
    return this.db.select(META).from(attachments).where(eq(caseColumn(c), c.id)).orderBy(asc(attachments.id));
  }

  async findMeta(id: number): Promise<AttachmentMeta | undefined> {
    const rows = await this.db.select(META).from(attachments).where(eq(attachments.id, id)).limit(1);
    return rows[0];
  }

  async content(id: number, subjectId: number): Promise<Buffer | undefined> {
    const rows = await this.db.select({ content: attachments.content }).from(attachments)
      .where(and(eq(attachments.id, id), eq(attachments.subjectId, subjectId))).limit(1);
    return rows[0]?.content;
  }
}

