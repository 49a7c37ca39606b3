/** RepairRepo: the only code that reads and writes the repair_applications table. Rows in, rows out. */
import { and, count, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { countThrough, keysetAfter, keysetOrder, keysetOrderBy, keyTypes, type Seek } from '../../db/keyset';
import { creditRecords, repairApplications, seriousListEntries } from '../../db/schema';
import type { RecountedDue } from '../procedure/due-date';
import { procedureScopeWhere, type ProcedureScope } from '../procedure/procedure-scope';

export type RepairRow = typeof repairApplications.$inferSelect;
export type RepairStateValue = RepairRow['state'];
export type RepairTreatmentValue = NonNullable<RepairRow['treatment']>;

/** States in which an application still awaits its decision. */
export const OPEN_STATES: readonly RepairStateValue[] = ['SUBMITTED', 'ACCEPTED'];

export interface RepairFilter {
  scope: ProcedureScope;
  state?: RepairStateValue | null;
  /** Only open applications due before this instant. */
  overdueAt?: Date | null;
}

/** A subject reads its newest application first; handlers the most urgent first. Id breaks ties. */
export function repairOrder(scope: ProcedureScope) {
  return scope.kind === 'SUBJECT'
    ? { order: BY_FILED, keyOf: (r: RepairRow) => [r.filedAt, r.id] }
    : { order: BY_DUE, keyOf: (r: RepairRow) => [r.dueAt, r.id] };
}
const BY_FILED = keysetOrder('desc', { column: repairApplications.filedAt, type: 'timestamp' }, { column: repairApplications.id, type: 'int' });
const BY_DUE = keysetOrder('asc', { column: repairApplications.dueAt, type: 'timestamp' }, { column: repairApplications.id, type: 'int' });

export class RepairRepo {
  /** How this list's cursors are made: the key's column types, and a row's key (the service seals it). */
  keyset(scope: ProcedureScope) {
    const { order, keyOf } = repairOrder(scope);
    return { types: keyTypes(order), keyOf };
  }

  constructor(private readonly db: Queryable) {}

  async insert(row: typeof repairApplications.$inferInsert): Promise<RepairRow> {
    const [inserted] = await this.db.insert(repairApplications).values(row).returning();
    return inserted!;
  }

  async findById(id: number): Promise<RepairRow | undefined> {
    const rows = await this.db.select().from(repairApplications).where(eq(repairApplications.id, id)).limit(1);
    return rows[0];
  }

  /** An undecided application on the record or on the entry (the same listing, two ways to name it). */
  async openFor(recordId: number | null, entryId: number | null): Promise<RepairRow | undefined> {
    const on: SQL[] = [];
    if (recordId !== null) on.push(eq(repairApplications.creditRecordId, recordId));
    if (entryId !== null) on.push(eq(repairApplications.listEntryId, entryId));
    const rows = await this.db
      .select()
      .from(repairApplications)
      .where(and(or(...on), inArray(repairApplications.state, [...OPEN_STATES])))
      .limit(1);
    return rows[0];
  }

  /** Open → APPROVED/REJECTED, exactly once: undefined when another decision took effect first. */
  async decide(
    id: number,
    d: { state: 'APPROVED' | 'REJECTED'; treatment: RepairTreatmentValue | null; reason: string; at: Date; by: string; official: string },
  ): Promise<RepairRow | undefined> {
    const rows = await this.db
      .update(repairApplications)
      .set({ state: d.state, treatment: d.treatment, decisionReason: d.reason, decidedAt: d.at, decidedBy: d.by, decidedByOfficial: d.official })
      .where(and(eq(repairApplications.id, id), inArray(repairApplications.state, [...OPEN_STATES])))
      .returning();
    return rows[0];
  }

  async page(filter: RepairFilter, seek: Seek): Promise<{ rows: RepairRow[]; total: number; through: number }> {
    const where = and(procedureScopeWhere(filter.scope, repairApplications.subjectId), ...stateWhere(filter));
    const { order } = repairOrder(filter.scope);
    const [rows, counted] = await Promise.all([
      this.db
        .select({ a: repairApplications })
        .from(repairApplications)
        .leftJoin(creditRecords, eq(creditRecords.id, repairApplications.creditRecordId))
        .leftJoin(seriousListEntries, eq(seriousListEntries.id, repairApplications.listEntryId))
        .where(and(where, keysetAfter(order, seek.after)))
        .orderBy(...keysetOrderBy(order))
        .limit(seek.limit),
      this.db
        .select({ n: count(), through: countThrough(order, seek.after) })
        .from(repairApplications)
        .leftJoin(creditRecords, eq(creditRecords.id, repairApplications.creditRecordId))
        .leftJoin(seriousListEntries, eq(seriousListEntries.id, repairApplications.listEntryId))
        .where(where),
    ]);
    return { rows: rows.map((r) => r.a), total: Number(counted[0]?.n ?? 0), through: counted[0]?.through ?? 0 };
  }

  /** Applications whose due date was counted provisionally (a year without its holiday notice): few, found by a partial index. */
  provisionallyDue(): Promise<{ id: number; filedAt: Date; dueAt: Date }[]> {
    return this.db.select({ id: repairApplications.id, filedAt: repairApplications.filedAt, dueAt: repairApplications.dueAt })
      .from(repairApplications).where(sql`${repairApplications.dueProvisional}`);
  }

  /** Sets recounted due dates in one statement, on rows still marked provisional; returns the ids changed. */
  async settleDue(recounted: readonly RecountedDue[]): Promise<number[]> {
    if (recounted.length === 0) return [];
    const v = sql`jsonb_to_recordset(${JSON.stringify(recounted)}::jsonb) AS v(id bigint, "dueAt" timestamptz, provisional boolean)`;
    const rows = await this.db.update(repairApplications)
      .set({ dueAt: sql`v."dueAt"`, dueProvisional: sql`v.provisional` })
      .from(v)
      .where(and(sql`${repairApplications.id} = v.id`, sql`${repairApplications.dueProvisional}`))
      .returning({ id: repairApplications.id });
    return rows.map((r) => r.id);
  }
}


function stateWhere(f: RepairFilter): SQL[] {
  const parts: SQL[] = [];
  if (f.state) parts.push(eq(repairApplications.state, f.state));
  if (f.overdueAt) parts.push(inArray(repairApplications.state, [...OPEN_STATES]), lt(repairApplications.dueAt, f.overdueAt));
  return parts;
}
