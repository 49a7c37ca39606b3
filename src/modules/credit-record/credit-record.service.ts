/**
 * CreditRecordService: the credit records a viewer may see, per subject. The SQL filter and
 * the per-record decision both come from the request's DisclosurePolicy.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { Caller } from '../caller';
import { appError } from '../../errors';
import { RECORD_NUMBER_PATTERN } from '../record-ids';
import type { IdNumberVault } from '../../identifiers';
import type { Disclosed } from '../../policy/decision';
import { gateShapeKey } from '../../policy/record-gate';
import { AT_PLACEHOLDER, visibleRecordsWhere } from '../../policy/record-gate.sql';
import type { ConsentService } from '../consent/consent.service';
import type { UnitOfWork } from '../unit-of-work';
import { buildRecordView, recordFacts, recordIdBatch, type RecordView } from './credit-record.view';
import type { StoredRecordKind } from './credit-record.type';
import type { CreditRecordRow } from './credit-record.repo';
import type { SubjectRow } from '../subject/subject.repo';

export class CreditRecordService {
  /** A number per catalog snapshot (its items list), so a reloaded catalog gets new filters. */
  private readonly snapshots = new WeakMap<readonly unknown[], number>();
  private nextSnapshot = 1;

  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    private readonly consents: ConsentService,
  ) {}

  private snapshotId(items: readonly unknown[]): number {
    let id = this.snapshots.get(items);
    if (id === undefined) {
      id = this.nextSnapshot++;
      this.snapshots.set(items, id);
    }
    return id;
  }

  /**
   * The record with this 记录编号 if the caller may see it (the subject's visible records, as
   * `subject { creditRecords }` gives them); null alike when it is hidden and when there is none.
   */
  async byNumber(recordNumber: string, recordsOf: (subjectId: number) => Promise<Disclosed<RecordView>[]>): Promise<Disclosed<RecordView> | null> {
    const number = recordNumber.trim().toUpperCase();
    const match = RECORD_NUMBER_PATTERN.exec(number);
    if (!match || match[3] !== 'R') {
      throw appError('BAD_USER_INPUT', 'recordNumber: a credit record\'s 记录编号 looks like 320106-2026-R0123456789 (<region>-<year>-R<10 digits>)');
    }
    const subjectId = await this.work.repos.creditRecords.subjectOfNumber(number);
    if (subjectId === undefined) return null;
    return (await recordsOf(subjectId)).find((r) => r.recordNumber === number) ?? null;
  }

  /**
   * Visible records of each subject, newest first: one SQL statement for all of them. `kinds`
   * (sorted): only records of these kinds — the filter then names only their items.
   */
  async visibleBySubject(ctx: Caller, subjectIds: readonly number[], kinds?: readonly StoredRecordKind[]): Promise<Map<number, Disclosed<RecordView>[]>> {
    const [rows] = await Promise.all([
      this.work.repos.creditRecords.visibleForSubjects(subjectIds, this.visibleFilter(ctx, kinds), ctx.now),
      this.consents.ensureLoaded(ctx, subjectIds),
    ]);
    return this.viewsBySubject(ctx, subjectIds, rows);
  }

  /**
   * The subjects with these (checked) codes and each one's visible records as visibleBySubject
   * gives them — in one statement (credit-record.repo.ts subjectsWithVisibleRecords). Whether
   * each subject may be seen is the caller's to decide, as for any subject row.
   */
  async subjectsWithVisible(ctx: Caller, usccs: readonly string[], kinds?: readonly StoredRecordKind[]): Promise<{ subjects: SubjectRow[]; records: Map<number, Disclosed<RecordView>[]> }> {
    const found = await this.work.repos.creditRecords.subjectsWithVisibleRecords(usccs, this.visibleFilter(ctx, kinds), ctx.now);
    const ids = found.subjects.map((s) => s.id);
    // The decisions below may rest on the subjects' consents (a partner's purpose that needs them).
    await this.consents.ensureLoaded(ctx, ids);
    return { subjects: found.subjects, records: this.viewsBySubject(ctx, ids, found.records) };
  }

  /** The policy's SQL filter for this viewer and these kinds (all kinds when absent). */
  private visibleFilter(ctx: Caller, kinds?: readonly StoredRecordKind[]) {
    const own = ctx.principal.role === 'SUBJECT' ? ctx.principal.subjectId : undefined;
    const items = this.catalog.allItems();
    return {
      // The catalog snapshot's items, the kinds asked for and the viewer's gate shape decide the filter.
      key: `${this.snapshotId(items)}|${kinds?.join(',') ?? '*'}|${gateShapeKey(ctx.policy.viewer, own)}`,
      build: () => visibleRecordsWhere(ctx.policy, kinds ? items.filter((i) => kinds.includes(i.recordKind as StoredRecordKind)) : items, own, AT_PLACEHOLDER),
      perSubject: own !== undefined,
    };
  }

  /** Each row decided and built into its view, grouped by subject (the rows' order kept). */
  private viewsBySubject(ctx: Caller, subjectIds: readonly number[], rows: readonly CreditRecordRow[]): Map<number, Disclosed<RecordView>[]> {
    const out = new Map<number, Disclosed<RecordView>[]>(subjectIds.map((id) => [id, []]));
    const ids = recordIdBatch();
    for (const row of rows) {
      const item = this.catalog.item(row.catalogItemId);
      if (!item) continue; // fail closed: a record whose item definition is not loaded is not shown
      const disclosure = ctx.policy.decide(item, recordFacts(row));
      // The SQL filter and the decision agree (property-tested); a disagreement fails closed.
      if (!disclosure.visible) continue;
      out.get(row.subjectId)?.push(buildRecordView(row, item, disclosure, this.vault, ids));
    }
    return out;
  }

}
