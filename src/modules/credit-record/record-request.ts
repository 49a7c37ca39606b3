/**
 * The domain checks of a recording request that need no database: the item's rules (一口采集,
 * subject kinds, record kind), the document and severity a dishonesty item requires, dates,
 * the leniency ground and the publication window it leads to.
 */
import type { CatalogIndex, IndexedItem } from '../../catalog/catalog.index';
import type { LeniencyGround, Severity } from '../../catalog/catalog.schema';
import { appError } from '../../errors';
import { validateResidentId, validateUscc } from '../../identifiers';
import { legalDate } from '../../time/legal-date';
import type { LegalDocumentInput, LeniencyDocumentInput, RecordCreditInformationInput } from './credit-record.input';
import { fieldGroupsOf } from './credit-record.input';
import { publicationWindow, type PublicationWindow } from './publication-window';
import {
  applyStatedEnd, checkDocument, checkLeniencyDocument, checkLeniencyFacts, checkSeverityCriteria, checkSpecificSerious, type DraftContext,
} from './record-facts';
import type { PublicationEndSource } from './stated-publication-end';
import { FIELDS_INPUT_NAMES, WRITABLE_KINDS, type WritableRecordKind } from './record-fields.input';
import { checkDateText, checkRecordFields } from './record-fields.validate';

export interface RecordDraft {
  readonly kind: WritableRecordKind;
  readonly decisionDate: string;
  readonly severity: Severity | null;
  readonly leniency: LeniencyGround | null;
  readonly leniencyNote: string | null;
  /** The document establishing the leniency ground (all grounds but MINOR_SUBJECT). */
  readonly leniencyDocument: LeniencyDocumentInput | null;
  /** Date of the act; null when not stated (the decision date stands in for it). */
  readonly actDate: string | null;
  readonly document: LegalDocumentInput | null;
  readonly fields: Record<string, unknown>;
  readonly window: PublicationWindow;
  /** Whether window.publishUntil is the 公示截止期 the decision stated or the computed one. */
  readonly publicationEndSource: PublicationEndSource;
}

const trimmed = (s: string | null | undefined) => (s ?? '').trim();

/** 一口采集: only the item's one collecting system records it (49号 三(三)). */
export function checkProvider(item: IndexedItem, agencyCode: string, agencySystem: string | undefined): void {
  if (agencySystem !== item.provider) {
    throw appError(
      'FORBIDDEN',
      `item ${item.code} (${item.name}) is collected by the ${item.provider} system only (一口采集, 49号 三(三)); ` +
        `agency ${agencyCode} belongs to ${agencySystem ?? 'no known system'}`,
      { field: 'agency' },
    );
  }
}

/**
 * The item in force that `agency` may record directly: known, collected by the agency's system
 * (一口采集), and not a serious-list item (those are made by the listing procedure).
 */
export function recordableItem(catalog: CatalogIndex, itemCode: string, agency: { code: string; system: string }): IndexedItem {
  const code = itemCode.trim();
  const item = catalog.itemByCode(code);
  if (!item) {
    throw appError('NOT_IN_CATALOG', `item ${code} is not in a published catalog version; only items of the catalog in force can be recorded (49号 二(一))`, { field: 'itemCode' });
  }
  checkProvider(item, agency.code, agency.system);
  const listType = catalog.listTypeHolding(item.code);
  if (listType) {
    throw appError(
      'BAD_USER_INPUT',
      `item ${item.code} holds the ${listType.name} (${listType.code}): its records are made by the listing procedure ` +
        '(notifySeriousListing → objection period → decideSeriousListing; 49号 四(八)), not recorded directly',
      { field: 'itemCode' },
    );
  }
  return item;
}

/** How a request names its subject: a checked USCC or a checked resident ID number, never both. */
export type SubjectKey = { readonly uscc: string; readonly idNumber?: undefined } | { readonly idNumber: string; readonly uscc?: undefined };

export function subjectKeyOf(input: Pick<RecordCreditInformationInput, 'subjectCode' | 'subjectIdNumber'>, now: Date): SubjectKey {
  const hasCode = Boolean(input.subjectCode?.trim());
  if (hasCode === Boolean(input.subjectIdNumber?.trim())) {
    throw appError('BAD_USER_INPUT', 'give the subject by exactly one of subjectCode (USCC) or subjectIdNumber (natural persons)', { field: 'subjectCode' });
  }
  if (hasCode) {
    const check = validateUscc(input.subjectCode!);
    if (!check.ok) throw appError('INVALID_USCC', `subjectCode: ${check.message}`, { reason: check.reason, field: 'subjectCode' });
    return { uscc: check.code };
  }
  const check = validateResidentId(input.subjectIdNumber!, now);
  if (!check.ok) throw appError('INVALID_ID_NUMBER', `subjectIdNumber: ${check.message}`, { reason: check.reason, field: 'subjectIdNumber' });
  return { idNumber: check.number };
}

/** The subject named was not found: the same words for one request and for an import row. */
export function subjectNotFound(key: SubjectKey) {
  return key.uscc !== undefined
    ? appError('NOT_FOUND', `no subject with unified social credit code ${key.uscc} is registered`, { field: 'subjectCode' })
    : appError('NOT_FOUND', 'no natural person with this resident ID number is registered', { field: 'subjectIdNumber' });
}

/** The item covers the subject's kind (an item for organisations records no natural person). */
export function checkSubjectKind(item: IndexedItem, subjectKind: string): void {
  if (!(item.subjectKinds as readonly string[]).includes(subjectKind)) {
    throw appError('BAD_USER_INPUT', `item ${item.code} covers ${item.subjectKinds.join(', ')} subjects; this subject is ${subjectKind}`, { field: 'subjectCode' });
  }
}

function recordKindOf(item: IndexedItem): WritableRecordKind {
  const kind = item.recordKind as WritableRecordKind;
  if (item.recordKind === 'SERIOUS_LIST') {
    throw appError('BAD_USER_INPUT', `item ${item.code} is a serious-dishonesty list: its record is made by the listing procedure (notice, objection period, decision; 49号 四(八)), not recorded directly`, { field: 'itemCode' });
  }
  if (!WRITABLE_KINDS.includes(kind)) {
    throw appError('BAD_USER_INPUT', `item ${item.code} (${item.recordKind}) describes the subject itself and is not recorded as a credit record`, { field: 'itemCode' });
  }
  return kind;
}

function fieldsFor(input: RecordCreditInformationInput, item: IndexedItem, kind: WritableRecordKind, now: Date) {
  const expected = FIELDS_INPUT_NAMES[kind];
  const groups = fieldGroupsOf(input);
  const wrong = groups.filter(([k]) => k !== kind).map(([k]) => FIELDS_INPUT_NAMES[k]);
  const given = groups.find(([k]) => k === kind);
  if (wrong.length || !given) {
    const got = wrong.length ? `got ${wrong.join(', ')}` : 'got none';
    throw appError('BAD_USER_INPUT', `item ${item.code} records ${kind}: give its fields as \`${expected}\` and no other field group (${got})`, { field: expected });
  }
  return checkRecordFields(kind, given[1], now);
}

function checkSeverity(input: RecordCreditInformationInput, item: IndexedItem): Severity | null {
  if (item.dishonesty && !input.severity) {
    throw appError('BAD_USER_INPUT', `item ${item.code} is dishonesty information: give its severity (MINOR, GENERAL or SERIOUS)`, { field: 'severity' });
  }
  if (!item.dishonesty && input.severity) {
    throw appError('BAD_USER_INPUT', `item ${item.code} is not dishonesty information: leave severity out`, { field: 'severity' });
  }
  return input.severity ?? null;
}

function checkLeniency(input: RecordCreditInformationInput, item: IndexedItem, ctx: DraftContext, today: string) {
  const ground = input.leniencyGround ?? null;
  const note = trimmed(input.leniencyNote) || null;
  const document = checkLeniencyDocument(input.leniencyDocument, today);
  if (!ground) {
    if (note || document) throw appError('BAD_USER_INPUT', 'leniencyNote or leniencyDocument without leniencyGround: name the 49号 八(十六) ground they support', { field: 'leniencyNote' });
    return { ground: null, note: null, document: null };
  }
  if (!item.definition.leniency) {
    throw appError('BAD_USER_INPUT', `item ${item.code} is not dishonesty information, so no 49号 八(十六) leniency ground applies; leave leniencyGround out`, { field: 'leniencyGround' });
  }
  if (!note) throw appError('BAD_USER_INPUT', `leniencyNote: explain why ground ${ground} applies (it is kept with the record)`, { field: 'leniencyNote' });
  // The ground is found on facts first (认定); only an established ground changes what is recorded (记录).
  checkLeniencyFacts(ground, input, document, ctx);
  if (item.definition.leniency[ground] === 'NOT_RECORDED') {
    throw appError('NOT_ELIGIBLE', `item ${item.code} is not recorded at all on ground ${ground} (49号 八(十六): 宽容审慎认定、记录); nothing was written`, { field: 'leniencyGround' });
  }
  return { ground, note, document };
}

type WindowFacts = Pick<RecordDraft, 'decisionDate' | 'severity' | 'leniency' | 'fields'>;

function windowFor(item: IndexedItem, regimes: DraftContext['regimes'], d: WindowFacts, input: RecordCreditInformationInput) {
  const validUntil = typeof d.fields.validUntil === 'string' ? d.fields.validUntil : null;
  try {
    return publicationWindow({
      item: item.definition, regimes, decisionDate: d.decisionDate, severity: d.severity, leniency: d.leniency, sector: input.sector ?? null,
      // Read only for items published while valid (a licence until it expires, an honour…).
      validUntil,
      penaltyCategory: typeof d.fields.penaltyCategory === 'string' ? d.fields.penaltyCategory : null,
      specificSeriousGround: specificSeriousGroundOf(input),
    });
  } catch (err) {
    throw appError('BAD_USER_INPUT', (err as Error).message, { field: 'decisionDate' });
  }
}

const specificSeriousGroundOf = (input: RecordCreditInformationInput) => trimmed(input.specificSeriousGround) || null;

/** Checks everything about the request that the catalog, the registries and the clock decide. */
export function draftRecord(input: RecordCreditInformationInput, item: IndexedItem, ctx: DraftContext, now: Date): RecordDraft {
  const kind = recordKindOf(item);
  const today = legalDate(now);
  for (const [path, date] of [['decisionDate', input.decisionDate], ['document.effectiveOn', input.document?.effectiveOn], ['actDate', input.actDate], ['statedPublicationEnd', input.statedPublicationEnd]] as const) {
    if (date) checkDateText(path, date);
  }
  if (input.decisionDate > today) {
    throw appError('BAD_USER_INPUT', `decisionDate ${input.decisionDate} is in the future (today is ${today})`, { field: 'decisionDate' });
  }
  const document = checkDocument(input.document, item, today, ctx);
  const severity = checkSeverity(input, item);
  const lenient = checkLeniency(input, item, ctx, today);
  const fields = fieldsFor(input, item, kind, now);
  checkSeverityCriteria(item, severity, input.decisionDate, fields, ctx);
  checkSpecificSerious(item, { severity, decisionDate: input.decisionDate, fields, sector: input.sector ?? null, named: specificSeriousGroundOf(input) }, ctx);
  const base = { decisionDate: input.decisionDate, severity, leniency: lenient.ground, fields };
  const computed = windowFor(item, ctx.regimes, base, input);
  if (!computed.recorded) throw appError('NOT_ELIGIBLE', computed.note ?? `item ${item.code}: not recorded on this ground`, { field: 'leniencyGround' });
  const [window, publicationEndSource] = applyStatedEnd(computed, input.statedPublicationEnd, input.decisionDate);
  return {
    ...base, kind, document, leniencyNote: lenient.note, leniencyDocument: lenient.document, actDate: input.actDate ?? null, window, publicationEndSource,
  };
}
