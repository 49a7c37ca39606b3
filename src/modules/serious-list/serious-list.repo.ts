/**
 * SeriousListRepo: the only code that touches serious_list_entries, and the one reader of
 * objections on entries (the objections module writes them; listing waits for them).
 * State changes are conditional UPDATEs: a row that moved meanwhile comes back undefined.
 */
import { and, count, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { countThrough, keysetAfter, keysetOrder, keysetOrderBy, keyTypes, type Seek } from '../../db/keyset';
import { objections, seriousListEntries } from '../../db/schema';
import type { EntryState } from './serious-list.rules';

export type EntryRow = typeof seriousListEntries.$inferSelect;

/** Entries: newest notice first, id breaking ties. */
export const ENTRY_ORDER = keysetOrder('desc', { column: seriousListEntries.notifiedAt, type: 'timestamp' }, { column: seriousListEntries.id, type: 'int' });
export const entryKey = (r: EntryRow) => [r.notifiedAt, r.id];
export type NewEntry = typeof seriousListEntries.$inferInsert;

const e = seriousListEntries;
const OPEN_BEFORE_DECISION: EntryState[] = ['NOTIFIED', 'OBJECTED'];

/** An objection on the entry is waiting for its answer. */
const pending = sql`EXISTS (SELECT 1 FROM ${objections} WHERE ${objections.listEntryId} = ${e.id} AND ${objections.state} = 'PENDING')`;

/** Rows whose effective state (serious-list.rules.ts `effectiveState`) is `state` on `today`. */
function effectiveStateIs(state: EntryState, today: string): SQL {
  switch (state) {
    case 'LISTED':
      return and(eq(e.state, 'LISTED'), gte(e.listedUntil, today))!;
    case 'REMOVED':
      return or(eq(e.state, 'REMOVED'), and(eq(e.state, 'LISTED'), lt(e.listedUntil, today)))!;
    case 'OBJECTED':
      return or(eq(e.state, 'OBJECTED'), and(eq(e.state, 'NOTIFIED'), pending))!;
    case 'NOTIFIED':
      return and(eq(e.state, 'NOTIFIED'), sql`NOT ${pending}`)!;
    case 'DROPPED':
      return eq(e.state, 'DROPPED');
  }
}

export interface EntryFilter {
  /** Only these list types; undefined = any. */
  readonly listTypes?: readonly string[];
  readonly subjectId?: number;
  /** Only entries notified by these agencies (a department's jurisdiction); undefined = any. */
  readonly agencies?: readonly string[];
  readonly state?: EntryState;
  readonly today: string;
}

export class SeriousListRepo {
  /** How this list's cursors are made: the key's column types, and a row's key (the service seals it). */
  keyset() {
    return { types: keyTypes(ENTRY_ORDER), keyOf: entryKey };
  }

  constructor(private readonly db: Queryable) {}

  /**
   * Serialises procedures about one subject on one list until the transaction ends, so two
   * concurrent notices cannot both find no open entry and both insert one.
   */
  async lockSubjectOnList(listTypeCode: string, subjectId: number): Promise<void> {
    await this.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`serious-list:${listTypeCode}:${subjectId}`}))`);
  }

  /** The subject's entry on this list that is notified, objected or still listed today. */
  async openEntry(listTypeCode: string, subjectId: number, today: string): Promise<EntryRow | undefined> {
    const rows = await this.db
      .select()
      .from(e)
      .where(
        and(
          eq(e.listTypeCode, listTypeCode),
          eq(e.subjectId, subjectId),
          or(inArray(e.state, OPEN_BEFORE_DECISION), and(eq(e.state, 'LISTED'), gte(e.listedUntil, today))),
        ),
      )
      .limit(1);
    return rows[0];
  }

  async insert(values: NewEntry): Promise<EntryRow> {
    const [row] = await this.db.insert(e).values(values).returning();
    return row!;
  }

  async findById(id: number): Promise<EntryRow | undefined> {
    const rows = await this.db.select().from(e).where(eq(e.id, id)).limit(1);
    return rows[0];
  }

  /** Ids among `ids` with a pending objection. */
  async pendingAmong(ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectDistinct({ id: objections.listEntryId })
      .from(objections)
      .where(and(inArray(objections.listEntryId, [...ids]), eq(objections.state, 'PENDING')));
    return new Set(rows.map((r) => r.id!));
  }

  /** NOTIFIED/OBJECTED → LISTED, only while no objection on the entry is pending. */
  async markListed(id: number, values: Partial<NewEntry>): Promise<EntryRow | undefined> {
    const rows = await this.db
      .update(e)
      .set({ ...values, state: 'LISTED' })
      .where(and(eq(e.id, id), inArray(e.state, OPEN_BEFORE_DECISION), sql`NOT ${pending}`))
      .returning();
    return rows[0];
  }

  /** LISTED → REMOVED. */
  async markRemoved(id: number, values: Pick<NewEntry, 'removalReason' | 'removalNote' | 'removedAt'>): Promise<EntryRow | undefined> {
    const rows = await this.db
      .update(e)
      .set({ ...values, state: 'REMOVED' })
      .where(and(eq(e.id, id), eq(e.state, 'LISTED')))
      .returning();
    return rows[0];
  }

  /** NOTIFIED/OBJECTED → DROPPED. */
  async markDropped(id: number, values: Pick<NewEntry, 'dropReason' | 'droppedAt'>): Promise<EntryRow | undefined> {
    const rows = await this.db
      .update(e)
      .set({ ...values, state: 'DROPPED' })
      .where(and(eq(e.id, id), inArray(e.state, OPEN_BEFORE_DECISION)))
      .returning();
    return rows[0];
  }

  /** A page of entries, newest notice first, with the count of all that match. */
  async page(filter: EntryFilter, seek: Seek): Promise<{ rows: EntryRow[]; total: number; through: number }> {
    if (filter.listTypes?.length === 0 || filter.agencies?.length === 0) return { rows: [], total: 0, through: 0 };
    const where = and(
      filter.listTypes ? inArray(e.listTypeCode, [...filter.listTypes]) : undefined,
      filter.subjectId !== undefined ? eq(e.subjectId, filter.subjectId) : undefined,
      filter.agencies ? inArray(e.agencyCode, [...filter.agencies]) : undefined,
      filter.state ? effectiveStateIs(filter.state, filter.today) : undefined,
    );
    const [rows, counted] = await Promise.all([
      this.db.select().from(e).where(and(where, keysetAfter(ENTRY_ORDER, seek.after))).orderBy(...keysetOrderBy(ENTRY_ORDER)).limit(seek.limit),
      this.db.select({ n: count(), through: countThrough(ENTRY_ORDER, seek.after) }).from(e).where(where),
    ]);
    return { rows, total: Number(counted[0]?.n ?? 0), through: counted[0]?.through ?? 0 };
  }

  /** Entries whose objection window was counted provisionally (a year without its holiday notice): few, found by a partial index. */
  provisionalWindows(): Promise<{ id: number; listTypeCode: string; notifiedAt: Date; objectionDeadline: string }[]> {
    return this.db.select({ id: e.id, listTypeCode: e.listTypeCode, notifiedAt: e.notifiedAt, objectionDeadline: e.objectionDeadline })
      .from(e).where(sql`${e.objectionDeadlineProvisional}`);
  }

  /**
   * Sets recounted windows in one statement, on rows still marked provisional; returns the ids
   * changed. The caller never passes a deadline earlier than the one served.
   */
  async settleWindows(recounted: readonly { id: number; objectionDeadline: string; provisional: boolean }[]): Promise<number[]> {
    if (recounted.length === 0) return [];
    const v = sql`jsonb_to_recordset(${JSON.stringify(recounted)}::jsonb) AS v(id bigint, "objectionDeadline" date, provisional boolean)`;
    const rows = await this.db.update(e)
      .set({ objectionDeadline: sql`v."objectionDeadline"`, objectionDeadlineProvisional: sql`v.provisional` })
      .from(v)
      .where(and(sql`${e.id} = v.id`, sql`${e.objectionDeadlineProvisional}`))
      .returning({ id: e.id });
    return rows.map((r) => r.id);
  }
}
