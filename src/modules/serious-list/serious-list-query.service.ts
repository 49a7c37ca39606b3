/**
 * SeriousListQueryService: reading the procedure (departments of the deciding system,
 * auditors, the subject itself) and the public listing of who is on the lists, which goes
 * through the same disclosure policy as every other record read.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { ListType } from '../../catalog/measures.schema';
import type { UnitOfWork } from '../unit-of-work';
import { appError } from '../../errors';
import { keysetPage, seekAfter, type Page, type PageArgs } from '../../graphql/connection';
import type { Caller } from '../caller';
import type { IdNumberVault } from '../../identifiers';
import { actingSubject, enforce, mayReadListType, procedureScope } from '../../policy/procedure-access';
import { atValue, visibleRecordsWhere } from '../../policy/record-gate.sql';
import { legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { ConsentService } from '../consent/consent.service';
import { buildRecordView, recordFacts } from '../credit-record/credit-record.view';
import type { SubjectService } from '../subject/subject.service';
import type { EntryPresenter } from './serious-list.presenter';
import { encodeId, encodeListEntryId } from './opaque-id';
import type { EntryFilter } from './serious-list.repo';
import type { SeriousListEntriesArgs, SeriousListsArgs } from './serious-list.input';
import type { SeriousListEntry, SeriousListing } from './serious-list.type';

export class SeriousListQueryService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly agencies: AgencyDirectory,
    private readonly vault: IdNumberVault,
    private readonly subjects: SubjectService,
    private readonly consents: ConsentService,
    private readonly presenter: EntryPresenter,
  ) {}

  /** Entries of the lists the principal handles (departments: their system's; auditors: all; a subject: its own). */
  async entries(ctx: Caller, args: SeriousListEntriesArgs): Promise<Page<SeriousListEntry>> {
    const type = args.listType ? this.listType(args.listType) : undefined;
    const filter: EntryFilter = { today: legalDate(ctx.now), state: args.state ?? undefined, ...this.scope(ctx, type) };
    return this.page(ctx, `seriousListEntries:${JSON.stringify([filter.listTypes ?? null, filter.subjectId ?? null, filter.agencies ?? null, filter.state ?? null])}`, filter, args);
  }

  /** The subject's own entries in every state, notices included, so that it can object in time. */
  async mine(ctx: Caller, page: PageArgs): Promise<Page<SeriousListEntry>> {
    const { subjectId } = enforce(actingSubject(ctx.principal, 'mySeriousListEntries is for a subject reading its own entries'));
    return this.page(ctx, `mySeriousListEntries:${subjectId}`, { today: legalDate(ctx.now), subjectId }, page);
  }

  /** Who is on the lists today, as the viewer may see them (DESIGN §7). */
  async browse(ctx: Caller, args: SeriousListsArgs): Promise<Page<SeriousListing>> {
    const types = args.listType ? [this.listType(args.listType)] : [...this.catalog.bundle.listTypes];
    const codes = new Set(types.map((t) => t.catalogItem.code));
    // Records keep the item version they were made under: every version of the list's item counts.
    const items = this.catalog.allItems().filter((i) => codes.has(i.code));
    const own = ctx.principal.role === 'SUBJECT' ? ctx.principal.subjectId : undefined;
    const list = `seriousLists:${args.listType ?? ''}`;
    const listingKeys = this.work.repos.seriousListBrowse.keyset();
    const seek = seekAfter(list, listingKeys.types, args);
    const { rows, total, through } = await this.work.repos.seriousListBrowse.page(
      items.map((i) => i.id), types.map((t) => t.code), visibleRecordsWhere(ctx.policy, items, own, atValue(ctx.now)), ctx.policy.viewer.today, seek,
    );
    const shown = rows.slice(0, args.first);
    await this.consents.ensureLoaded(ctx, [...new Set(shown.map((r) => r.subject.id))]);
    const nodes = shown.map((row): SeriousListing | null => {
      const item = this.catalog.item(row.record.catalogItemId);
      if (!item) return null;
      const disclosure = ctx.policy.decide(item, recordFacts(row.record));
      // The SQL filter and the decision agree (property-tested); a disagreement fails closed.
      if (!disclosure.visible) return null;
      return {
        id: encodeId('SeriousListing', row.record.id),
        listType: row.listTypeCode,
        listName: types.find((t) => t.code === row.listTypeCode)?.name ?? row.listTypeCode,
        record: buildRecordView(row.record, item, disclosure, this.vault) as never,
        subject: this.subjects.present(ctx, row.subject),
      };
    });
    return keysetPage({ list, seek, rows, keyOf: listingKeys.keyOf, nodes, totalCount: total, throughAfter: through });
  }

  /** Whose entries the caller reads (src/policy/procedure-access.ts): a department those its jurisdiction notified. */
  private scope(ctx: Caller, type: ListType | undefined): Pick<EntryFilter, 'listTypes' | 'subjectId' | 'agencies'> {
    const { scope } = enforce(procedureScope(ctx.authority, ctx.principal, 'serious-list entries are read by the deciding departments, auditors and the subject itself'));
    const listTypes = type ? [type.code] : undefined;
    switch (scope.kind) {
      case 'ALL':
        return { listTypes };
      case 'SUBJECT':
        return { subjectId: scope.subjectId, listTypes };
      case 'HANDLER': {
        if (type) enforce(mayReadListType(scope.agency, type));
        const own = this.catalog.bundle.listTypes.filter((t) => t.decidingSystem === scope.agency.system).map((t) => t.code);
        return { listTypes: listTypes ?? own, agencies: scope.agencies };
      }
    }
  }

  /** `list` names the list and its filter: a cursor continues only the list it came from. */
  private async page(ctx: Caller, list: string, filter: EntryFilter, page: PageArgs): Promise<Page<SeriousListEntry>> {
    const entryKeys = this.work.repos.seriousLists.keyset();
    const seek = seekAfter(list, entryKeys.types, page);
    const { rows, total, through } = await this.work.repos.seriousLists.page(filter, seek);
    // The presenter leaves out entries the caller may not see (in the order given): line them up with their rows.
    const shown = new Map((await this.presenter.present(ctx, rows.slice(0, page.first))).map((entry) => [entry.id, entry]));
    const nodes = rows.map((row) => shown.get(encodeListEntryId(row.id)) ?? null);
    return keysetPage({ list, seek, rows, keyOf: entryKeys.keyOf, nodes, totalCount: total, throughAfter: through });
  }

  private listType(code: string): ListType {
    const type = this.presenter.listType(code);
    if (!type) throw appError('NOT_IN_CATALOG', `list type ${code} is not one the law allows; see seriousListTypes`);
    return type;
  }
}
