/**
 * RecordWritingService: an identifying department records credit information on a legally
 * effective document, and revokes a record whose decision was withdrawn. Each is one
 * transaction; the record comes back as the department sees it through the policy (PROVIDER).
 */
import { tryResolveRowId } from '../record-ids';
import type { CatalogIndex, IndexedItem } from '../../catalog/catalog.index';
import type { Repositories, RepoOf, UnitOfWork } from '../unit-of-work';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import type { IdNumberVault } from '../../identifiers';
import type { Disclosed } from '../../policy/decision';
import { actingAgency, enforce, mayActOn, superiorsOf } from '../../policy/procedure-access';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { AgencyRow } from '../agency/agency.repo';
import type { SubjectRow } from '../subject/subject.repo';
import type { RecordCreditInformationInput } from './credit-record.input';
import type { CreditRecordWriteRepo, RecordKey } from './credit-record-write.repo';
import type { CreditRecordRow } from './credit-record.repo';
import type { LegalDocumentRepo } from './legal-document.repo';
import { buildRecordView, recordFacts, type RecordView } from './credit-record.view';
import { documentConflict, documentRowOf, newRecordRow, ownDocumentNumber, recordConflict } from './record-row';
import { checkSubjectKind, draftRecord, recordableItem, subjectKeyOf, subjectNotFound, type RecordDraft } from './record-request';
import { draftContext, subjectFacts } from './record-facts';
import { callerNote } from './record-history';

const MAX_REASON = 2000;

export class RecordWritingService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    private readonly agencies: AgencyDirectory,
  ) {}

  /** Records one item for one subject; the same call again returns the record already made. */
  async record(ctx: Caller, input: RecordCreditInformationInput): Promise<Disclosed<RecordView>> {
    const agency = this.callerAgency(ctx);
    const item = recordableItem(this.catalog, input.itemCode, agency);
    const subject = await this.subjectOf(ctx, input);
    checkSubjectKind(item, subject.kind);
    const facts = subjectFacts(subject.kind, input.subjectIdNumber ?? undefined, ctx.now);
    const draft = draftRecord(input, item, draftContext(this.catalog.bundle, facts, this.agencies), ctx.now);
    // The row as written: read again after the commit it would be the same, at one more round trip.
    const row = await this.work.transaction(({ repos }) => this.write(repos, item, subject, agency, draft, ctx.principal.id));
    return this.viewOf(ctx, row);
  }

  /** ACTIVE → REVOKED (行政处罚法 第四十八条: a withdrawn decision stops being published). */
  async revoke(ctx: Caller, recordId: string, reason: string): Promise<Disclosed<RecordView>> {
    enforce(actingAgency(ctx.authority, ctx.principal, 'record.revoke'));
    const why = reason.trim();
    if (!why) throw appError('BAD_USER_INPUT', 'reason: say which decision withdrew or annulled the record\'s basis');
    if ([...why].length > MAX_REASON) throw appError('BAD_USER_INPUT', `reason: at most ${MAX_REASON} characters`);
    const id = await tryResolveRowId(this.work.repos.recordNumbers, 'CreditRecord', recordId);
    const repo = this.work.repos.recordWrites;
    const row = id === undefined ? undefined : await repo.findRow(id);
    const item = row && this.catalog.item(row.catalogItemId);
    if (!row || !item) throw appError('NOT_FOUND', `no credit record ${recordId}`);
    // The item's providing system, then jurisdiction: the recording agency or one above it.
    const { agency } = enforce(mayActOn(ctx.authority, ctx.principal, 'record.revoke', {
      kind: 'RECORD', id: recordId, recordedBy: row.agencyCode, above: superiorsOf(row.agencyCode, (c) => this.agencies.parent(c)), system: item.provider,
    }));
    const revoked = await this.work.transaction(async ({ repos }) => {
      await repos.changeNotes.note({ ...callerNote(ctx, 'REVOCATION', why), agency: agency.code });
      return repos.recordStatus.revoke(row.id, ctx.now, { reason: why, agencyCode: agency.code });
    });
    if (!revoked) {
      const now = await repo.findRow(row.id);
      throw appError('INVALID_TRANSITION', `record ${recordId} is ${now?.status ?? row.status}: only an ACTIVE record can be revoked`);
    }
    return this.view(ctx, row.id);
  }

  /** On the recording transaction: the document and the record resting on it are written together or not at all. */
  private async write(repos: Repositories, item: IndexedItem, subject: SubjectRow, agency: AgencyRow, d: RecordDraft, official: string): Promise<CreditRecordRow> {
    const repo = repos.recordWrites;
    const doc = d.document ? await this.documentFor(repos.legalDocuments, d.document, agency) : null;
    const key: RecordKey = {
      itemId: item.id, subjectId: subject.id, documentId: doc?.id ?? null, agencyCode: agency.code, decisionDate: d.decisionDate,
      ownDocumentNumber: ownDocumentNumber(d),
    };
    const existing = await repo.findExisting(key);
    if (existing !== undefined) return this.sameOrConflict(repo, existing, d, agency);
    const inserted = await repo.insertRecord(newRecordRow(item, subject.id, agency.code, d, doc, this.vault, official), subject);
    if (inserted !== undefined) return inserted;
    // A concurrent identical call inserted first: answer as if this call had come second.
    return this.sameOrConflict(repo, (await repo.findExisting(key))!, d, agency);
  }

  private async documentFor(repo: RepoOf<LegalDocumentRepo>, doc: NonNullable<RecordDraft['document']>, agency: AgencyRow) {
    const row = (await repo.find(doc.issuer, doc.number)) ?? (await repo.insertOrGet(documentRowOf(doc, agency)));
    const conflict = documentConflict(row, doc);
    if (conflict) throw conflict;
    return row;
  }

  /** Idempotency: the same record again is the existing one; a different one on the same key is a conflict. */
  private async sameOrConflict(repo: RepoOf<CreditRecordWriteRepo>, id: number, d: RecordDraft, agency: AgencyRow): Promise<CreditRecordRow> {
    const row = (await repo.findRow(id))!;
    const conflict = recordConflict(row, d, agency.code, this.vault);
    if (conflict) throw conflict;
    return row;
  }

  private async view(ctx: Caller, id: number): Promise<Disclosed<RecordView>> {
    return this.viewOf(ctx, (await this.work.repos.recordWrites.findRow(id))!);
  }

  private viewOf(ctx: Caller, row: CreditRecordRow): Disclosed<RecordView> {
    const item = this.catalog.item(row.catalogItemId)!;
    return buildRecordView(row, item, ctx.policy.decide(item, recordFacts(row)), this.vault);
  }

  private callerAgency(ctx: Caller): AgencyRow {
    const agency = ctx.principal.agencyCode ? this.agencies.get(ctx.principal.agencyCode) : undefined;
    if (!agency) throw appError('FORBIDDEN', 'the token names no known agency; records are made by an identifying department');
    return agency;
  }

  private async subjectOf(ctx: Caller, input: RecordCreditInformationInput): Promise<SubjectRow> {
    const key = subjectKeyOf(input, ctx.now);
    const row = key.uscc !== undefined
      ? await this.work.repos.subjects.findByUscc(key.uscc)
      : await this.work.repos.subjects.findByIdNumberHash(this.vault.lookupHash(key.idNumber).toString('hex'));
    if (!row) throw subjectNotFound(key);
    return row;
  }
}
