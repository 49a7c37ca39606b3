/** AttachmentRepo: the only code that reads and writes the attachments table. Rows in, rows out. */
import { and, asc, count, eq, getTableColumns, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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

/** An attachment still holding its content, and the credit record its case is about. */
export interface HeldAttachment {
  id: number;
  recordId: number;
}

/** A Postgres array literal of row ids: one parameter, however many ids (IN (…) takes one each). */
const idArray = (ids: readonly number[]) => sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::bigint[]`;

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

  /** Undefined when there is no such attachment of the subject's, or its content was erased. */
  async content(id: number, subjectId: number): Promise<Buffer | undefined> {
    const rows = await this.db.select({ content: attachments.content }).from(attachments)
      .where(and(eq(attachments.id, id), eq(attachments.subjectId, subjectId))).limit(1);
    return rows[0]?.content ?? undefined;
  }

  /**
   * Attachments still holding their content whose case is about one of `recordIds`, or about a
   * record whose personal data is erased already (erased before attachments were, or filed
   * after): what the purge erases. A case is about its own record, or about the list entry's
   * record when it concerns a listing. One pass over the attachments that hold content, each
   * joined by primary keys, however many records the purge erases.
   */
  async heldAbout(recordIds: readonly number[]): Promise<HeldAttachment[]> {
    const objectionEntry = alias(seriousListEntries, 'objection_entry');
    const repairEntry = alias(seriousListEntries, 'repair_entry');
    const recordId = sql<number>`coalesce(${objections.creditRecordId}, ${objectionEntry.creditRecordId}, ${repairApplications.creditRecordId}, ${repairEntry.creditRecordId})`.mapWith(Number);
    return this.db
      .select({ id: attachments.id, recordId })
      .from(attachments)
      .leftJoin(objections, eq(objections.id, attachments.objectionId))
      .leftJoin(objectionEntry, eq(objectionEntry.id, objections.listEntryId))
      .leftJoin(repairApplications, eq(repairApplications.id, attachments.repairApplicationId))
      .leftJoin(repairEntry, eq(repairEntry.id, repairApplications.listEntryId))
      .innerJoin(creditRecords, eq(creditRecords.id, recordId))
      .where(and(
        isNull(attachments.contentErasedAt),
        or(isNotNull(creditRecords.personalDataErasedAt), sql`${creditRecords.id} = ANY(${idArray(recordIds)})`),
      ))
      .orderBy(asc(attachments.id));
  }

  /**
   * Erases the content and the file name of these attachments, keeping the row as a tombstone
   * (src/db/schema/attachments.ts): the only UPDATE of an attachment, and it sets exactly
   * content, file_name and content_erased_at. The ids actually erased: one a concurrent purge
   * erased first is not among them.
   */
  async eraseContent(ids: readonly number[], at: Date): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.update(attachments)
      .set({ content: null, fileName: null, contentErasedAt: at })
      .where(and(sql`${attachments.id} = ANY(${idArray(ids)})`, isNull(attachments.contentErasedAt)))
      .returning({ id: attachments.id });
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }
}

