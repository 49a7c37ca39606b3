/**
 * ListingDecider: the listing decision's writes, all in one transaction — the decision
 * document (reused when its issuer already has it), the list item's credit record with the
 * decision's elements as payload and a window that ends with the listing period, and the
 * entry's move to LISTED. The caller has checked state, deadline and agency.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { ListType } from '../../catalog/measures.schema';
import type { UnitOfWork } from '../unit-of-work';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import type { IdNumberVault } from '../../identifiers';
import { addMonths } from '../../time/legal-date';
import type { AgencyRow } from '../agency/agency.repo';
import { publicationWindow } from '../credit-record/publication-window';
import { listRecordPayload, type DecisionTexts } from './list-record.payload';
import type { DecideSeriousListingInput, ListingDocumentInput } from './serious-list.input';
import type { EntryRow } from './serious-list.repo';
import { defaultMeasuresNotice } from './serious-list.rules';
import { listingMonths } from './listing-period';
import { basisDocumentProblem, issuerKindOf, statutoryReferenceProblem, type StatutoryReference } from '../credit-record/legal-document.rules';

export interface DecideFacts {
  readonly ctx: Caller;
  readonly agency: AgencyRow;
  readonly type: ListType;
  readonly entry: EntryRow;
  readonly entryId: string;
  readonly input: DecideSeriousListingInput;
  readonly today: string;
}

const text = (value: string | null | undefined, fallback: string) => value?.trim() || fallback;

export class ListingDecider {
  constructor(
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
  ) {}

  async decide(work: UnitOfWork, f: DecideFacts): Promise<EntryRow> {
    const { type, entry, input, today, agency, ctx } = f;
    const item = this.catalog.itemByCode(type.catalogItem.code);
    if (!item) throw appError('NOT_IN_CATALOG', `item ${type.catalogItem.code} of list ${type.code} is not in a published catalog`);
    const doc = checkedDocument(input.document, agency, entry.objectionDeadline, today);
    const docProblem = basisDocumentProblem(item.definition, doc, doc.issuer === agency.name ? issuerKindOf(doc.issuer, agency.kind) : issuerKindOf(doc.issuer, undefined));
    if (docProblem) throw appError('DOCUMENT_NOT_ACCEPTED', `document: ${docProblem}`, { field: 'document.kind' });
    if (!input.reasons.trim()) throw appError('BAD_USER_INPUT', 'reasons: the decision must state its reasons (49号 四(八))');
    const period = listingMonths(type, input.listingPeriodMonths);
    if ('problem' in period) throw appError('LISTING_PERIOD_OUT_OF_BOUNDS', period.problem, { field: 'listingPeriodMonths' });
    const [subject] = await work.repos.subjects.findByIds([entry.subjectId]);
    const texts: DecisionTexts = {
      reasons: input.reasons.trim(),
      basis: text(input.basis, entry.noticeBasis),
      measuresNotice: text(input.measuresNotice, await this.measuresNotice(work, type)),
      removalConditions: text(input.removalConditions, type.removalConditions),
      removalProcedure: text(input.removalProcedure, type.removalProcedure),
      remedies: text(input.remedies, type.remedies),
    };
    const listedUntil = addMonths(today, period.months);
    // The list type's minimum before early removal or repair is checked on the entry's listing date
    // (listing-period.ts, by removal and repair), not written into the record's window.
    const window = publicationWindow({
      item: item.definition, regimes: this.catalog.bundle.regimes, decisionDate: doc.effectiveOn, severity: 'SERIOUS', validUntil: listedUntil,
    });
    const payload = listRecordPayload({
      type, recordKind: item.recordKind, subject: subject!, agencyName: agency.name, documentNumber: doc.number, listedOn: today, texts, court: input.courtCase,
    }, this.vault);
    return work.transaction(async ({ repos }) => {
      const records = repos.listRecords;
      const documents = repos.legalDocuments;
      let document = await documents.find(doc.issuer, doc.number);
      if (document && (document.kind !== doc.kind || document.effectiveOn !== doc.effectiveOn)) {
        throw appError('BAD_USER_INPUT', `document ${doc.number} of ${doc.issuer} is already recorded as ${document.kind} effective ${document.effectiveOn}; give the same kind and date, or the number of the listing decision itself`);
      }
      if (document && (await records.recordExists(item.id, document.id, entry.subjectId))) {
        throw appError('BAD_USER_INPUT', `document ${doc.number} already carries a ${type.code} record about this subject; a new listing needs its own decision document`);
      }
      document ??= await documents.insertOrGet({
        kind: doc.kind, number: doc.number, title: doc.title, issuerName: doc.issuer, issuerAgencyCode: agency.code,
        effectiveOn: doc.effectiveOn, statutoryBasis: doc.statutoryBasis, statutoryReference: doc.statutoryReference,
      });
      const creditRecordId = await records.insertRecord({
        subjectId: entry.subjectId, catalogItemId: item.id, dishonesty: item.dishonesty, legalDocumentId: document.id,
        agencyCode: agency.code, decisionDate: doc.effectiveOn, severity: 'SERIOUS', regime: window.regime,
        publishFrom: window.publishFrom, publishMinUntil: window.publishMinUntil, publishUntil: window.publishUntil,
        payload, createdAt: ctx.now, updatedAt: ctx.now, recordedByOfficial: ctx.principal.id,
      });
      const listed = await repos.seriousLists.markListed(entry.id, {
        decisionDocumentId: document.id, decisionReasons: texts.reasons, decisionBasis: texts.basis, measuresNotice: texts.measuresNotice,
        removalConditions: texts.removalConditions, removalProcedure: texts.removalProcedure, remedies: texts.remedies,
        listedAt: ctx.now, listedUntil, creditRecordId, decidedByOfficial: ctx.principal.id,
      });
      // Nothing above is kept unless the entry moved: the throw rolls the document and record back.
      if (!listed) throw appError('CONFLICT', `entry ${f.entryId} changed (an objection was filed, or another decision took effect) while it was being listed; read it again`);
      return listed;
    });
  }

  private async measuresNotice(work: UnitOfWork, type: ListType): Promise<string> {
    const measures = await work.repos.measures.published();
    const names = measures
      .filter((m) => (m.definition as { appliesTo?: { listTypes?: string[] } }).appliesTo?.listTypes?.includes(type.code))
      .map((m) => m.name);
    return defaultMeasuresNotice(type, [...new Set(names)]);
  }
}

interface CheckedDocument {
  kind: ListingDocumentInput['kind'];
  number: string;
  issuer: string;
  effectiveOn: string;
  title: string | null;
  statutoryBasis: string | null;
  statutoryReference: StatutoryReference | null;
}

/** The document as it will be stored, or BAD_USER_INPUT naming what is wrong with it. */
function checkedDocument(d: ListingDocumentInput, agency: AgencyRow, objectionDeadline: string, today: string): CheckedDocument {
  const number = d.number.trim();
  if (!number) throw appError('BAD_USER_INPUT', 'document.number: the 文号 must not be blank');
  if (d.effectiveOn > today) throw appError('BAD_USER_INPUT', `document.effectiveOn ${d.effectiveOn} is in the future; a listing rests on a document already in effect`);
  if (d.effectiveOn <= objectionDeadline) {
    throw appError('BAD_USER_INPUT', `document.effectiveOn ${d.effectiveOn} is not after the objection deadline ${objectionDeadline}: the decision cannot predate the end of the objection window (49号 四(八))`);
  }
  const ref = d.kind === 'OTHER_STATUTORY' ? d.statutoryReference ?? null : null;
  const statutoryReference = ref && { level: ref.level, title: ref.title.trim(), article: ref.article?.trim() || null };
  if (d.kind === 'OTHER_STATUTORY') {
    const problem = statutoryReferenceProblem(statutoryReference);
    if (problem) throw appError('DOCUMENT_NOT_ACCEPTED', `document: ${problem}`, { field: 'document.statutoryReference' });
  }
  const statutoryBasis = statutoryReference ? `${statutoryReference.title}${statutoryReference.article ?? ''}` : null;
  return {
    kind: d.kind, number, issuer: d.issuer?.trim() || agency.name, effectiveOn: d.effectiveOn, title: d.title?.trim() || null, statutoryBasis, statutoryReference,
  };
}
