/**
 * MeasureRepo: the only code that touches measure_applications, and the reader of the
 * published measures lists (punishment_measures of PUBLISHED versions: the database, not the
 * shipped files, says which list is in force) and of the facts a measure's target carries.
 */
import { and, desc, eq, gte, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { catalogVersions, creditRecords, measureApplications, punishmentMeasures, seriousListEntries } from '../../db/schema';

export type MeasureRow = typeof punishmentMeasures.$inferSelect;
export type ApplicationRow = typeof measureApplications.$inferSelect;
export type NewApplication = typeof measureApplications.$inferInsert;
export type ApplicationWithMeasure = ApplicationRow & { measureCode: string; measureName: string; listVersionId: string };

/** A credit record as a measure's target sees it. */
export interface RecordTarget {
  id: number;
  subjectId: number;
  catalogItemId: number;
  agencyCode: string;
  severity: 'MINOR' | 'GENERAL' | 'SERIOUS' | null;
  status: 'ACTIVE' | 'REPAIRED' | 'REVOKED';
  publishUntil: string | null;
  /** The 49号 八(十六) ground the record was found on, if any: it limits the measures (leniency-grounds.yaml). */
  leniencyGround: 'MINOR_SUBJECT' | 'FORCE_MAJEURE' | 'NOT_INTENTIONAL' | 'MINOR_BREACH' | null;
}

/** A serious-list entry as a measure's target sees it. */
export interface EntryTarget {
  id: number;
  subjectId: number;
  agencyCode: string;
  listTypeCode: string;
  state: (typeof seriousListEntries.$inferSelect)['state'];
  listedUntil: string | null;
}

export type Target = { creditRecordId: number; listEntryId?: undefined } | { listEntryId: number; creditRecordId?: undefined };

const a = measureApplications;
const targetIs = (t: Target) =>
  t.creditRecordId !== undefined ? eq(a.creditRecordId, t.creditRecordId) : eq(a.listEntryId, t.listEntryId);

export class MeasureRepo {
  constructor(private readonly db: Queryable) {}

  /** The measure with this code in the most recently published list that has it. */
  async publishedByCode(code: string): Promise<MeasureRow | undefined> {
    const rows = await this.db
      .select({ m: punishmentMeasures })
      .from(punishmentMeasures)
      .innerJoin(catalogVersions, eq(catalogVersions.id, punishmentMeasures.listVersionId))
      .where(and(eq(punishmentMeasures.code, code), eq(catalogVersions.status, 'PUBLISHED')))
      .orderBy(desc(catalogVersions.publishedAt))
      .limit(1);
    return rows[0]?.m;
  }

  /** Every measure of every published list. */
  async published(): Promise<MeasureRow[]> {
    const rows = await this.db
      .select({ m: punishmentMeasures })
      .from(punishmentMeasures)
      .innerJoin(catalogVersions, eq(catalogVersions.id, punishmentMeasures.listVersionId))
      .where(eq(catalogVersions.status, 'PUBLISHED'))
      .orderBy(punishmentMeasures.id);
    return rows.map((r) => r.m);
  }

  async recordTarget(id: number): Promise<RecordTarget | undefined> {
    const rows = await this.db
      .select({
        id: creditRecords.id, subjectId: creditRecords.subjectId, catalogItemId: creditRecords.catalogItemId,
        agencyCode: creditRecords.agencyCode, severity: creditRecords.severity, status: creditRecords.status,
        publishUntil: creditRecords.publishUntil, leniencyGround: creditRecords.leniencyGround,
      })
      .from(creditRecords)
      .where(eq(creditRecords.id, id))
      .limit(1);
    return rows[0];
  }

  async entryTarget(id: number): Promise<EntryTarget | undefined> {
    const e = seriousListEntries;
    const rows = await this.db
      .select({ id: e.id, subjectId: e.subjectId, agencyCode: e.agencyCode, listTypeCode: e.listTypeCode, state: e.state, listedUntil: e.listedUntil })
      .from(e)
      .where(eq(e.id, id))
      .limit(1);
    return rows[0];
  }

  /**
   * Inside the applying transaction: the target is still live (measure.target.ts says what that
   * means), and stays so until commit
   * (FOR SHARE makes a concurrent removal or revocation wait, or this read see its result).
   */
  async holdLive(t: Target, today: string): Promise<boolean> {
    if (t.creditRecordId !== undefined) {
      const rows = await this.db.select({ id: creditRecords.id }).from(creditRecords)
        .where(and(eq(creditRecords.id, t.creditRecordId), eq(creditRecords.status, 'ACTIVE'), or(isNull(creditRecords.publishUntil), gte(creditRecords.publishUntil, today))))
        .for('share');
      return rows.length > 0;
    }
    const e = seriousListEntries;
    const rows = await this.db.select({ id: e.id }).from(e)
      .where(and(eq(e.id, t.listEntryId), eq(e.state, 'LISTED'), gte(e.listedUntil, today))).for('share');
    return rows.length > 0;
  }

  /** Serialises applications to one target, so one measure is not applied twice concurrently. */
  async lockTarget(t: Target): Promise<void> {
    const key = t.creditRecordId !== undefined ? `measure:record:${t.creditRecordId}` : `measure:entry:${t.listEntryId}`;
    await this.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
  }

  async activeApplication(t: Target, measureCode: string): Promise<ApplicationRow | undefined> {
    const rows = await this.db
      .select({ a })
      .from(a)
      .innerJoin(punishmentMeasures, eq(punishmentMeasures.id, a.measureId))
      .where(and(targetIs(t), eq(punishmentMeasures.code, measureCode), isNull(a.liftedAt)))
      .limit(1);
    return rows[0]?.a;
  }

  async insert(values: NewApplication): Promise<ApplicationRow> {
    const [row] = await this.db.insert(a).values(values).returning();
    return row!;
  }

  async findById(id: number): Promise<ApplicationWithMeasure | undefined> {
    return (await this.withMeasure(eq(a.id, id)))[0];
  }

  /** Applications to one target, newest first. */
  listFor(t: Target): Promise<ApplicationWithMeasure[]> {
    return this.withMeasure(targetIs(t));
  }

  /** Lifts one application; undefined when it was lifted meanwhile. */
  async lift(id: number, reason: string, at: Date): Promise<ApplicationRow | undefined> {
    const rows = await this.db
      .update(a)
      .set({ liftedAt: at, liftReason: reason })
      .where(and(eq(a.id, id), isNull(a.liftedAt)))
      .returning();
    return rows[0];
  }

  /** Lifts every measure still in force on the record or the entry (or both); returns how many. */
  async liftOn(target: { recordId: number | null; entryId: number | null }, reason: string, at: Date): Promise<number> {
    const on: SQL[] = [];
    if (target.recordId !== null) on.push(eq(a.creditRecordId, target.recordId));
    if (target.entryId !== null) on.push(eq(a.listEntryId, target.entryId));
    if (on.length === 0) return 0;
    const rows = await this.db
      .update(a)
      .set({ liftedAt: at, liftReason: reason })
      .where(and(isNull(a.liftedAt), or(...on)))
      .returning({ id: a.id });
    return rows.length;
  }

  private async withMeasure(where: SQL | undefined): Promise<ApplicationWithMeasure[]> {
    const rows = await this.db
      .select({ a, code: punishmentMeasures.code, name: punishmentMeasures.name, listVersionId: punishmentMeasures.listVersionId })
      .from(a)
      .innerJoin(punishmentMeasures, eq(punishmentMeasures.id, a.measureId))
      .where(where)
      .orderBy(desc(a.appliedAt), desc(a.id));
    return rows.map((r) => ({ ...r.a, measureCode: r.code, measureName: r.name, listVersionId: r.listVersionId }));
  }
}
