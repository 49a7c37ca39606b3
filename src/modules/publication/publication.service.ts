/**
 * PublicationService: the front page's figures across subjects — records published per
 * information category, and the latest 双公示 (行政许可、行政处罚) records — through the same
 * disclosure policy as every other read: the SQL filter of what the viewer may see, then the
 * per-record decision (a disagreement fails closed).
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { CATEGORIES, type CategoryCode } from '../../catalog/catalog.schema';
import type { IdNumberVault } from '../../identifiers';
import { atValue, visibleRecordsWhere } from '../../policy/record-gate.sql';
import type { Caller } from '../caller';
import type { ConsentService } from '../consent/consent.service';
import { buildRecordView, recordFacts } from '../credit-record/credit-record.view';
import type { SubjectService } from '../subject/subject.service';
import type { UnitOfWork } from '../unit-of-work';
import type { PublishedCount, PublishedRecord } from './publication.type';

/** The record kinds of 双公示 (行政许可和行政处罚信息公示). */
const DOUBLE_PUBLICITY = new Set(['LICENCE', 'PENALTY']);

export class PublicationService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    private readonly subjects: SubjectService,
    private readonly consents: ConsentService,
  ) {}

  /** Every category of the catalog with at least one item, in the catalog's order, and its visible count. */
  async counts(ctx: Caller): Promise<PublishedCount[]> {
    // Records keep the item version they were made under: every version counts.
    const items = this.catalog.allItems().filter((i) => i.recordKind !== 'REGISTRATION');
    const counted = await this.work.repos.publications.countByItem(items.map((i) => i.id), visibleRecordsWhere(ctx.policy, items, this.own(ctx), atValue(ctx.now)));
    const byCategory = new Map<CategoryCode, number>();
    for (const item of items) {
      const category = item.category as CategoryCode;
      byCategory.set(category, (byCategory.get(category) ?? 0) + (counted.get(item.id) ?? 0));
    }
    return (Object.keys(CATEGORIES) as CategoryCode[])
      .filter((c) => byCategory.has(c))
      .map((category) => ({ category, name: CATEGORIES[category], count: byCategory.get(category)! }));
  }

  async latest(ctx: Caller, first: number): Promise<PublishedRecord[]> {
    const items = this.catalog.allItems().filter((i) => DOUBLE_PUBLICITY.has(i.recordKind));
    const rows = await this.work.repos.publications.latest(items.map((i) => i.id), visibleRecordsWhere(ctx.policy, items, this.own(ctx), atValue(ctx.now)), first);
    await this.consents.ensureLoaded(ctx, [...new Set(rows.map((r) => r.subject.id))]);
    return rows.flatMap((row): PublishedRecord[] => {
      const item = this.catalog.item(row.record.catalogItemId);
      if (!item) return [];
      const disclosure = ctx.policy.decide(item, recordFacts(row.record));
      if (!disclosure.visible) return [];
      const record = buildRecordView(row.record, item, disclosure, this.vault) as never as PublishedRecord['record'];
      return [{ id: (record as { id: string }).id, record, subject: this.subjects.present(ctx, row.subject) }];
    });
  }

  private own(ctx: Caller): number | undefined {
    return ctx.principal.role === 'SUBJECT' ? ctx.principal.subjectId : undefined;
  }
}
