/**
 * EntryPresenter: who may see an entry (the subject itself, the notifying agency and those
 * above it, auditors: src/policy/procedure-access.ts), and the entry as GraphQL reads it — decision document, pending
 * objections, the subject under the disclosure policy — built with a fixed number of
 * statements whatever the number of entries.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { ListType } from '../../catalog/measures.schema';
import type { Caller } from '../caller';
import { procedureBasis } from '../../policy/procedure-access';
import { procedureView, type ProcedureBasis } from '../../policy/procedure-view';
import type { Disclosed } from '../../policy/decision';
import { legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { ConsentService } from '../consent/consent.service';
import type { SubjectRepo } from '../subject/subject.repo';
import type { RepoOf } from '../unit-of-work';
import type { SubjectService } from '../subject/subject.service';
import type { Subject } from '../subject/subject.type';
import type { LegalDocumentRepo, LegalDocumentRow as DocumentRow } from '../credit-record/legal-document.repo';
import { encodeId, encodeListEntryId } from './opaque-id';
import { effectiveState, expiredOn } from './serious-list.rules';
import type { EntryRow, SeriousListRepo } from './serious-list.repo';
import type { ListingDecision, SeriousListEntry } from './serious-list.type';

export class EntryPresenter {
  constructor(
    private readonly catalog: CatalogIndex,
    private readonly agencies: AgencyDirectory,
    private readonly entries: RepoOf<SeriousListRepo>,
    private readonly documents: RepoOf<LegalDocumentRepo>,
    private readonly subjectRepo: RepoOf<SubjectRepo>,
    private readonly subjects: SubjectService,
    private readonly consents: ConsentService,
  ) {}

  listType(code: string): ListType | undefined {
    return this.catalog.bundle.listTypes.find((t) => t.code === code);
  }

  /** In which capacity the principal may see the entry (the notifying agency's jurisdiction); undefined = not at all. */
  basis(ctx: Caller, entry: EntryRow): ProcedureBasis | undefined {
    return procedureBasis(ctx.authority, ctx.principal, { subjectId: entry.subjectId, recordedBy: entry.agencyCode });
  }

  /** Views of the entries the principal may see, in the order given; the others are left out. */
  async present(ctx: Caller, rows: readonly EntryRow[]): Promise<Disclosed<SeriousListEntry>[]> {
    const visible = rows.flatMap((row) => {
      const basis = this.basis(ctx, row);
      return basis ? [{ row, basis }] : [];
    });
    if (visible.length === 0) return [];
    const subjectIds = [...new Set(visible.map((v) => v.row.subjectId))];
    const documentIds = visible.flatMap((v) => (v.row.decisionDocumentId === null ? [] : [v.row.decisionDocumentId]));
    const [pending, documents, subjectRows] = await Promise.all([
      this.entries.pendingAmong(visible.map((v) => v.row.id)),
      this.documents.byIds(documentIds),
      this.subjectRepo.findByIds(subjectIds),
      this.consents.ensureLoaded(ctx, subjectIds),
    ]);
    const presented = new Map(subjectRows.map((s) => [s.id, this.subjects.present(ctx, s)]));
    const today = legalDate(ctx.now);
    return visible.map(({ row, basis }) =>
      this.view(row, basis, today, pending.has(row.id), documents, presented.get(row.subjectId) ?? null),
    );
  }

  async presentOne(ctx: Caller, row: EntryRow): Promise<Disclosed<SeriousListEntry>> {
    const [view] = await this.present(ctx, [row]);
    if (!view) throw new Error(`entry ${row.id} changed by an agency that may not see it`);
    return view;
  }

  private view(
    row: EntryRow, basis: ProcedureBasis, today: string, objectionPending: boolean,
    documents: ReadonlyMap<number, DocumentRow>, subject: Subject | null,
  ): Disclosed<SeriousListEntry> {
    const now = effectiveState({ ...row, objectionPending }, today);
    const entry: SeriousListEntry = {
      id: encodeListEntryId(row.id),
      recordNumber: row.recordNumber,
      listType: row.listTypeCode,
      listName: this.listType(row.listTypeCode)?.name ?? row.listTypeCode,
      state: now.state,
      stateDerived: now.derived,
      subject,
      agencyCode: row.agencyCode,
      agencyName: this.agencies.get(row.agencyCode)?.name ?? row.agencyCode,
      noticeReasons: row.noticeReasons,
      noticeBasis: row.noticeBasis,
      noticeRights: row.noticeRights,
      notifiedAt: row.notifiedAt,
      objectionDeadline: row.objectionDeadline,
      objectionDeadlineProvisional: row.objectionDeadlineProvisional,
      objectionPending,
      decision: this.decision(row, basis, documents),
      removalReason: now.removalReason,
      removalNote: row.removalNote,
      removedOn: row.removedAt ? legalDate(row.removedAt) : now.derived && now.state === 'REMOVED' ? expiredOn(row.listedUntil!) : null,
      droppedAt: row.droppedAt,
      dropReason: row.dropReason,
    };
    return procedureView(entry, 'serious-list-entry', row.subjectId, basis);
  }

  private decision(row: EntryRow, basis: ProcedureBasis, documents: ReadonlyMap<number, DocumentRow>): ListingDecision | null {
    const doc = row.decisionDocumentId === null ? undefined : documents.get(row.decisionDocumentId);
    if (!doc || row.listedAt === null || row.listedUntil === null) return null;
    const decision: ListingDecision = {
      documentKind: doc.kind,
      documentNumber: doc.number,
      documentTitle: doc.title,
      issuer: doc.issuerName,
      effectiveOn: doc.effectiveOn,
      reasons: row.decisionReasons ?? '',
      basis: row.decisionBasis ?? '',
      measuresNotice: row.measuresNotice ?? '',
      removalConditions: row.removalConditions ?? '',
      removalProcedure: row.removalProcedure ?? '',
      remedies: row.remedies ?? '',
      listedAt: row.listedAt,
      listedUntil: row.listedUntil,
      creditRecordId: row.creditRecordId === null ? null : encodeId('CreditRecord', row.creditRecordId),
    };
    return procedureView(decision, 'serious-list-decision', row.subjectId, basis);
  }
}
