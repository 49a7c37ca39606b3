/**
 * RecordWritingService: an identifying department records credit information on a legally
 * effective document, and revokes a record whose decision was withdrawn. Each is one
 * transaction; the record comes back as the department sees it through the policy (PROVIDER).
 */
import type { CatalogIndex, IndexedItem } from '../../catalog/catalog.index';
import type { Db } from '../../db/database';
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import { validateResidentId, validateUscc, type IdNumberVault } from '../../identifiers';
import type { Disclosed } from '../../policy/decision';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { AgencyRow } from '../agency/agency.repo';
import type { SubjectRepo, SubjectRow } from '../subject/subject.repo';
import type { RecordCreditInformationInput } from './credit-record.input';
import { CreditRecordWriteRepo, type RecordKey } from './credit-record-write.repo';
import { LegalDocumentRepo } from './legal-document.repo';
import { RecordStatusRepo } from './record-status.repo';
import { buildRecordView, decodeRecordId, recordFacts, type RecordView } from './credit-record.view';
import { encodePayload } from './payload-codec';
import { derivedFields } from './record-fields.validate';
import { checkProvider, draftRecord, type RecordDraft } from './record-request';

const MAX_REASON = 2000;

export class RecordWritingService {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    private readonly subjects: SubjectRepo,
    private readonly agencies: AgencyDirectory,
  ) {}

  /** Records one item for one subject; the same call again returns the record already made. */
  async record(ctx: RequestContext, input: RecordCreditInformationInput): Promise<Disclosed<RecordView>> {
    const agency = this.callerAgency(ctx);
    const code = input.itemCode.trim();
    const item = this.catalog.itemByCode(code);
    if (!item) {
      throw appError('NOT_IN_CATALOG', `item ${code} is not in a published catalog version; only items of the catalog in force can be recorded (49号 二(一))`);
    }
    checkProvider(item, agency.code, agency.system);
    const listType = this.catalog.listTypeHolding(item.code);
    if (listType) {
      throw appError(
        'BAD_USER_INPUT',
        `item ${item.code} holds the ${listType.name} (${listType.code}): its records are made by the listing procedure ` +
          '(notifySeriousListing → objection period → decideSeriousListing; 49号 四(八)), not recorded directly',
      );
    }
    const subject = await this.subjectOf(ctx, input);
    if (!item.subjectKinds.includes(subject.kind)) {
      throw appError('BAD_USER_INPUT', `item ${item.code} covers ${item.subjectKinds.join(', ')} subjects; this subject is ${subject.kind}`);
    }
    const draft = draftRecord(input, item, this.catalog.bundle.regimes, ctx.now);
    const id = await this.db.transaction((tx) => this.write(new CreditRecordWriteRepo(tx), item, subject, agency, draft));
    return this.view(ctx, id);
  }

  /** ACTIVE → REVOKED (行政处罚法 第四十八条: a withdrawn decision stops being published). */
  async revoke(ctx: RequestContext, recordId: string, reason: string): Promise<Disclosed<RecordView>> {
    const agency = this.callerAgency(ctx);
    const why = reason.trim();
    if (!why) throw appError('BAD_USER_INPUT', 'reason: say which decision withdrew or annulled the record\'s basis');
    if ([...why].length > MAX_REASON) throw appError('BAD_USER_INPUT', `reason: at most ${MAX_REASON} characters`);
    const id = decodeRecordId(recordId);
    const repo = new CreditRecordWriteRepo(this.db);
    const row = id === undefined ? undefined : await repo.findRow(id);
    const item = row && this.catalog.item(row.catalogItemId);
    if (!row || !item) throw appError('NOT_FOUND', `no credit record ${recordId}`);
    checkProvider(item, agency.code, agency.system);
    if (!(await new RecordStatusRepo(this.db).revoke(row.id, ctx.now, { reason: why, agencyCode: agency.code }))) {
      const now = await repo.findRow(row.id);
      throw appError('INVALID_TRANSITION', `record ${recordId} is ${now?.status ?? row.status}: only an ACTIVE record can be revoked`);
    }
    return this.view(ctx, row.id);
  }

  private async write(repo: CreditRecordWriteRepo, item: IndexedItem, subject: SubjectRow, agency: AgencyRow, d: RecordDraft): Promise<number> {
    const doc = d.document ? await this.documentFor(new LegalDocumentRepo(repo.db), d.document, agency) : null;
    const key: RecordKey = {
      itemId: item.id, subjectId: subject.id, documentId: doc?.id ?? null, agencyCode: agency.code, decisionDate: d.decisionDate,
      ownDocumentNumber: typeof d.fields.documentNumber === 'string' ? d.fields.documentNumber : null,
    };
    const existing = await repo.findExisting(key);
    if (existing !== undefined) return this.sameOrConflict(repo, existing, d, agency);
    const derived = derivedFields(d.kind, { decisionDate: d.decisionDate, documentNumber: doc?.number ?? null, publishUntil: d.window.publishUntil });
    const id = await repo.insertRecord({
      subjectId: subject.id,
      catalogItemId: item.id,
      dishonesty: item.dishonesty,
      legalDocumentId: doc?.id ?? null,
      agencyCode: agency.code,
      decisionDate: d.decisionDate,
      severity: d.severity,
      regime: d.window.regime,
      publishFrom: d.window.publishFrom,
      publishMinUntil: d.window.publishMinUntil,
      publishUntil: d.window.publishUntil,
      leniencyGround: d.leniency,
      leniencyNote: d.leniencyNote && d.window.note ? `${d.leniencyNote} — ${d.window.note}` : d.leniencyNote,
      payload: encodePayload(d.kind, { ...d.fields, ...derived }, this.vault),
    });
    if (id !== undefined) return id;
    // A concurrent identical call inserted first: answer as if this call had come second.
    return this.sameOrConflict(repo, (await repo.findExisting(key))!, d, agency);
  }

  private async documentFor(repo: LegalDocumentRepo, doc: NonNullable<RecordDraft['document']>, agency: AgencyRow) {
    const found = await repo.find(doc.issuer, doc.number);
    const row = found ?? (await repo.insertOrGet({
      kind: doc.kind,
      number: doc.number,
      title: doc.title ?? null,
      issuerName: doc.issuer,
      issuerAgencyCode: doc.issuer === agency.name ? agency.code : null,
      effectiveOn: doc.effectiveOn,
      statutoryBasis: doc.statutoryBasis ?? null,
    }));
    if (row.kind !== doc.kind || row.effectiveOn !== doc.effectiveOn) {
      throw appError('CONFLICT', `document ${doc.number} of ${doc.issuer} is already registered as ${row.kind}, effective ${row.effectiveOn}; give the same kind and date, or check the number`);
    }
    return row;
  }

  /** Idempotency: the same record again is the existing one; a different one on the same key is a conflict. */
  private async sameOrConflict(repo: CreditRecordWriteRepo, id: number, d: RecordDraft, agency: AgencyRow): Promise<number> {
    const row = (await repo.findRow(id))!;
    const same = row.agencyCode === agency.code && row.decisionDate === d.decisionDate
      && row.severity === d.severity && row.leniencyGround === d.leniency;
    if (same) return id;
    throw appError(
      'CONFLICT',
      `this subject already has a record of the item on this document (recorded by ${row.agencyCode}, decided ${row.decisionDate}, ` +
        `severity ${row.severity ?? 'none'}, status ${row.status}); correct it through an objection, or revoke it if the decision was withdrawn`,
    );
  }

  private async view(ctx: RequestContext, id: number): Promise<Disclosed<RecordView>> {
    const row = (await new CreditRecordWriteRepo(this.db).findRow(id))!;
    const item = this.catalog.item(row.catalogItemId)!;
    return buildRecordView(row, item, ctx.policy.decide(item, recordFacts(row)), this.vault);
  }

  private callerAgency(ctx: RequestContext): AgencyRow {
    const agency = ctx.principal.agencyCode ? this.agencies.get(ctx.principal.agencyCode) : undefined;
    if (!agency) throw appError('FORBIDDEN', 'the token names no known agency; records are made by an identifying department');
    return agency;
  }

  private async subjectOf(ctx: RequestContext, input: RecordCreditInformationInput): Promise<SubjectRow> {
    const hasCode = Boolean(input.subjectCode?.trim());
    if (hasCode === Boolean(input.subjectIdNumber?.trim())) {
      throw appError('BAD_USER_INPUT', 'give the subject by exactly one of subjectCode (USCC) or subjectIdNumber (natural persons)');
    }
    if (hasCode) {
      const check = validateUscc(input.subjectCode!);
      if (!check.ok) throw appError('INVALID_USCC', `subjectCode: ${check.message}`, { reason: check.reason });
      const row = await this.subjects.findByUscc(check.code);
      if (!row) throw appError('NOT_FOUND', `no subject with unified social credit code ${check.code} is registered`);
      return row;
    }
    const check = validateResidentId(input.subjectIdNumber!, ctx.now);
    if (!check.ok) throw appError('INVALID_ID_NUMBER', `subjectIdNumber: ${check.message}`, { reason: check.reason });
    const row = await this.subjects.findByIdNumberHash(this.vault.lookupHash(check.number).toString('hex'));
    if (!row) throw appError('NOT_FOUND', 'no natural person with this resident ID number is registered');
    return row;
  }
}
