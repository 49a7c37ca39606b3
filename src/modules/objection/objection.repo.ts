/** ObjectionRepo: the only code that reads and writes the objections table. Rows in, rows out. */
import { and, count, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { countThrough, keysetAfter, keysetOrder, keysetOrderBy, keyTypes, type Seek } from '../../db/keyset';
import { creditRecords, objections, seriousListEntries } from '../../db/schema';
import type { RecountedDue } from '../procedure/due-date';
import type { ProcedureTarget } from '../procedure/procedure-id';
import { procedureScopeWhere, type ProcedureScope } from '../procedure/procedure-scope';

export type ObjectionRow = typeof objections.$inferSelect;
export type ObjectionOutcomeValue = NonNullable<ObjectionRow['outcome']>;
export type ObjectionStateValue = ObjectionRow['state'];

export interface ObjectionFilter {
  /** Whose objections a listing shows: one subject's, one jurisdiction's, or all (auditors). */
  scope: ProcedureScope;
  state?: ObjectionStateValue | null;
  /** Only PENDING objections due before this instant. */
  overdueAt?: Date | null;
}

/** Handlers work through the most urgent first; a subject reads its newest first. Id breaks ties. */
export function objectionOrder(scope: ProcedureScope) {
  return scope.kind === 'SUBJECT'
    ? { order: BY_FILED, keyOf: (r: ObjectionRow) => [r.filedAt, r.id] }
    : { order: BY_DUE, keyOf: (r: ObjectionRow) => [r.dueAt, r.id] };
}
const BY_FILED = keysetOrder('desc', { column: objections.filedAt, type: 'timestamp' }, { column: objections.id, type: 'int' });
const BY_DUE = keysetOrder('asc', { column: objections.dueAt, type: 'timestamp' }, { column: objections.id, type: 'int' });

export class ObjectionRepo {
  /** How this list's cursors are made: the key's column types, and a row's key (the service seals it). */
  keyset(scope: ProcedureScope) {
    const { order, keyOf } = objectionOrder(scope);
    return { types: keyTypes(order), keyOf };
  }

  constructor(private readonly db: Queryable) {}

  async insert(row: typeof objections.$inferInsert): Promise<ObjectionRow> {
    const [inserted] = await this.db.insert(objections).values(row).returning();
    return inserted!;
  }

  async findById(id: number): Promise<ObjectionRow | undefined> {
    const rows = await this.db.select().from(objections).where(eq(objections.id, id)).limit(1);
    return rows[0];
  }

  async pendingFor(target: ProcedureTarget): Promise<ObjectionRow | undefined> {
    const column = target.kind === 'RECORD' ? objections.creditRecordId : objections.listEntryId;
    const rows = await this.db
      .select()
      .from(objections)
      .where(and(eq(column, target.id), eq(objections.state, 'PENDING')))
      .limit(1);
    return rows[0];
  }

  /** PENDING → DECIDED, exactly once: undefined when another decision took effect first. */
  async decide(id: number, d: { outcome: ObjectionOutcomeValue; response: string; at: Date; by: string; official: string }): Promise<ObjectionRow | undefined> {
    const rows = await this.db
      .update(objections)
      .set({ state: 'DECIDED', outcome: d.outcome, response: d.response, decidedAt: d.at, decidedBy: d.by, decidedByOfficial: d.official })
      .where(and(eq(objections.id, id), eq(objections.state, 'PENDING')))
      .returning();
    return rows[0];
  }

  /** One page of the objections in scope, and how many there are in all. */
  async page(filter: ObjectionFilter, seek: Seek): Promise<{ rows: ObjectionRow[]; total: number; through: number }> {
    const where = and(procedureScopeWhere(filter.scope, objections.subjectId), ...stateWhere(filter));
    const { order } = objectionOrder(filter.scope);
    const base = this.db
      .select({ o: objections })
      .from(objections)
      .leftJoin(creditRecords, eq(creditRecords.id, objections.creditRecordId))
      .leftJoin(seriousListEntries, eq(seriousListEntries.id, objections.listEntryId))
      .where(and(where, keysetAfter(order, seek.after)));
    const [rows, counted] = await Promise.all([
      base.orderBy(...keysetOrderBy(order)).limit(seek.limit),
      this.db
        .select({ n: count(), through: countThrough(order, seek.after) })
        .from(objections)
        .leftJoin(creditRecords, eq(creditRecords.id, objections.creditRecordId))
        .leftJoin(seriousListEntries, eq(seriousListEntries.id, objections.listEntryId))
        .where(where),
    ]);
    return { rows: rows.map((r) => r.o), total: Number(counted[0]?.n ?? 0), through: counted[0]?.through ?? 0 };
  }

  /** Objections whose due date was counted provisionally (a year without its holiday notice): few, found by a partial index. */
  provisionallyDue(): Promise<{ id: number; filedAt: Date; dueAt: Date }[]> {
    return this.db.select({ id: objections.id, filedAt: objections.filedAt, dueAt: objections.dueAt }).from(objections).where(sql`${objections.dueProvisional}`);
  }

  /**
   * Sets recounted due dates, in one statement; only on rows still marked provisional (another
   * instance starting with the same calendar may have done it first). Returns the ids changed.
   */
  async settleDue(recounted: readonly RecountedDue[]): Promise<number[]> {
    if (recounted.length === 0) return [];
    const v = sql`jsonb_to_recordset(${JSON.stringify(recounted)}::jsonb) AS v(id bigint, "dueAt" timestamptz, provisional boolean)`;
    const rows = await this.db.update(objections)
      .set({ dueAt: sql`v."dueAt"`, dueProvisional: sql`v.provisional` })
      .from(v)
      .where(and(sql`${objections.id} = v.id`, sql`${objections.dueProvisional}`))
      .returning({ id: objections.id });
    return rows.map((r) => r.id);
  }
}


function stateWhere(f: ObjectionFilter): SQL[] {
  const parts: SQL[] = [];
  if (f.state) parts.push(eq(objections.state, f.state));
  if (f.overdueAt) parts.push(eq(objections.state, 'PENDING'), lt(objections.dueAt, f.overdueAt));
  return parts;
}
