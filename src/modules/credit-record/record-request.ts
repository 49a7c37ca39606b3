/**
 * The domain checks of a recording request that need no database: the item's rules (一口采集,
 * subject kinds, record kind), the document and severity a dishonesty item requires, dates,
 * the leniency ground and the publication window it leads to.
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import type { LeniencyGround, Severity } from '../../catalog/catalog.schema';
import type { Regime } from '../../catalog/vocabulary.schema';
import { appError } from '../../errors';
import { legalDate } from '../../time/legal-date';
import type { LegalDocumentInput, RecordCreditInformationInput } from './credit-record.input';
import { fieldGroupsOf } from './credit-record.input';
import { publicationWindow, type PublicationWindow } from './publication-window';
import { FIELDS_INPUT_NAMES, WRITABLE_KINDS, type WritableRecordKind } from './record-fields.input';
import { checkRecordFields } from './record-fields.validate';

export interface RecordDraft {
  readonly kind: WritableRecordKind;
  readonly decisionDate: string;
  readonly severity: Severity | null;
  readonly leniency: LeniencyGround | null;
  readonly leniencyNote: string | null;
  readonly document: LegalDocumentInput | null;
  readonly fields: Record<string, unknown>;
  readonly window: PublicationWindow;
}

const trimmed = (s: string | null | undefined) => (s ?? '').trim();

/** 一口采集: only the item's one collecting system records it (49号 三(三)). */
export function checkProvider(item: IndexedItem, agencyCode: string, agencySystem: string | undefined): void {
  if (agencySystem !== item.provider) {
    throw appError(
      'FORBIDDEN',
      `item ${item.code} (${item.name}) is collected by the ${item.provider} system only (一口采集, 49号 三(三)); ` +
        `agency ${agencyCode} belongs to ${agencySystem ?? 'no known system'}`,
    );
  }
}

function recordKindOf(item: IndexedItem): WritableRecordKind {
  const kind = item.recordKind as WritableRecordKind;
  if (item.recordKind === 'SERIOUS_LIST') {
    throw appError('BAD_USER_INPUT', `item ${item.code} is a serious-dishonesty list: its record is made by the listing procedure (notice, objection period, decision; 49号 四(八)), not recorded directly`);
  }
  if (!WRITABLE_KINDS.includes(kind)) {
    throw appError('BAD_USER_INPUT', `item ${item.code} (${item.recordKind}) describes the subject itself and is not recorded as a credit record`);
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
    throw appError('BAD_USER_INPUT', `item ${item.code} records ${kind}: give its fields as \`${expected}\` and no other field group (${got})`);
  }
  return checkRecordFields(kind, given[1], now);
}

function checkDocument(doc: LegalDocumentInput | null | undefined, item: IndexedItem, today: string): LegalDocumentInput | null {
  if (!doc) {
    if (item.dishonesty) {
      throw appError('BAD_USER_INPUT', `item ${item.code} is dishonesty information: give the legally effective document it rests on (document: kind, number, issuer, effectiveOn; 49号 二(二))`);
    }
    return null;
  }
  const number = trimmed(doc.number);
  const issuer = trimmed(doc.issuer);
  if (!number) throw appError('BAD_USER_INPUT', 'document.number: give the document\'s 文号');
  if (!issuer) throw appError('BAD_USER_INPUT', 'document.issuer: give the issuing body as named on the document');
  if (doc.effectiveOn > today) {
    throw appError('BAD_USER_INPUT', `document.effectiveOn ${doc.effectiveOn} is after today (${today}): record a document only once it is legally effective`);
  }
  const basis = trimmed(doc.statutoryBasis);
  if (doc.kind === 'OTHER_STATUTORY' && !basis) {
    throw appError('BAD_USER_INPUT', 'document.statutoryBasis: an OTHER_STATUTORY document needs the law, regulation or central policy that names it');
  }
  return { ...doc, number, issuer, title: trimmed(doc.title) || null, statutoryBasis: basis || null };
}

function checkSeverity(input: RecordCreditInformationInput, item: IndexedItem): Severity | null {
  if (item.dishonesty && !input.severity) {
    throw appError('BAD_USER_INPUT', `item ${item.code} is dishonesty information: give its severity (MINOR, GENERAL or SERIOUS)`);
  }
  if (!item.dishonesty && input.severity) {
    throw appError('BAD_USER_INPUT', `item ${item.code} is not dishonesty information: leave severity out`);
  }
  return input.severity ?? null;
}

function checkLeniency(input: RecordCreditInformationInput, item: IndexedItem): [LeniencyGround | null, string | null] {
  const ground = input.leniencyGround ?? null;
  const note = trimmed(input.leniencyNote) || null;
  if (!ground) {
    if (note) throw appError('BAD_USER_INPUT', 'leniencyNote without leniencyGround: name the 49号 八(十六) ground the note explains');
    return [null, null];
  }
  if (!item.definition.leniency) {
    throw appError('BAD_USER_INPUT', `item ${item.code} is not dishonesty information, so no 49号 八(十六) leniency ground applies; leave leniencyGround out`);
  }
  if (item.definition.leniency[ground] === 'NOT_RECORDED') {
    throw appError('NOT_ELIGIBLE', `item ${item.code} is not recorded at all on ground ${ground} (49号 八(十六): 宽容审慎认定、记录); nothing was written`);
  }
  if (!note) throw appError('BAD_USER_INPUT', `leniencyNote: explain why ground ${ground} applies (it is kept with the record)`);
  return [ground, note];
}

function windowFor(item: IndexedItem, regimes: readonly Regime[], d: Omit<RecordDraft, 'window' | 'document' | 'leniencyNote' | 'kind'>, sector: RecordCreditInformationInput['sector']) {
  const validUntil = typeof d.fields.validUntil === 'string' ? d.fields.validUntil : null;
  try {
    return publicationWindow({
      item: item.definition, regimes, decisionDate: d.decisionDate, severity: d.severity, leniency: d.leniency, sector: sector ?? null,
      // Read only for items published while valid (a licence until it expires, an honour…).
      validUntil,
    });
  } catch (err) {
    throw appError('BAD_USER_INPUT', (err as Error).message);
  }
}

/** Checks everything about the request that the catalog and the clock decide. */
export function draftRecord(input: RecordCreditInformationInput, item: IndexedItem, regimes: readonly Regime[], now: Date): RecordDraft {
  const kind = recordKindOf(item);
  const today = legalDate(now);
  if (input.decisionDate > today) {
    throw appError('BAD_USER_INPUT', `decisionDate ${input.decisionDate} is in the future (today is ${today})`);
  }
  const document = checkDocument(input.document, item, today);
  const severity = checkSeverity(input, item);
  const [leniency, leniencyNote] = checkLeniency(input, item);
  const fields = fieldsFor(input, item, kind, now);
  const base = { decisionDate: input.decisionDate, severity, leniency, fields };
  const window = windowFor(item, regimes, base, input.sector);
  if (!window.recorded) throw appError('NOT_ELIGIBLE', window.note ?? `item ${item.code}: not recorded on this ground`);
  return { ...base, kind, document, leniencyNote, window };
}
