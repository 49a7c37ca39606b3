/**
 * Turns the facts of one finding into a credit record: publication window from the catalog
 * and the regime in force, its legal document when the item is dishonesty information, and
 * the later life of the record (repaired, revoked, disputed) with the rows that explain it.
 */
import type { IndexedItem } from '../catalog/catalog.index';
import type { LeniencyGround, Severity } from '../catalog/catalog.schema';
import type { Sector } from '../catalog/vocabulary.schema';
import { type PublicationWindow, publicationWindow, type WindowInput } from '../modules/credit-record/publication-window';
import { addDays, officeTime } from './days';
import type { DemoAgency } from './agencies';
import type { ChunkRows, CreditRecordRow, SeedContext } from './context';
import { documentRow, type DocumentSpec } from './documents';
import { planLife, type RecordLife } from './lifecycle';
import type { Payload } from './payload';
import { between, type Rng } from './random';
import type { SubjectDraft } from './subjects';

/** The facts the publication window is computed from (the service's own WindowInput), and the seed's. */
export interface RecordFacts extends Pick<WindowInput, 'decisionDate' | 'severity' | 'leniency' | 'sector' | 'validUntil' | 'penaltyCategory'> {
  readonly item: IndexedItem;
  readonly agency: DemoAgency;
  /** The document the finding rests on; written only if the record is. */
  readonly document?: () => DocumentSpec;
  /** Decided by the caller (list entries); otherwise drawn at random. */
  readonly life?: RecordLife;
}

export interface Emitted {
  readonly recordId: number;
  readonly documentId: number | null;
  readonly window: PublicationWindow;
}

export type PayloadBuilder = (window: PublicationWindow, documentNumber: string | null) => Payload;

/** Adds the record (and its document) to the chunk; null when leniency says not to record it. */
export function emitRecord(ctx: SeedContext, out: ChunkRows, subject: SubjectDraft, rng: Rng, facts: RecordFacts, payload: PayloadBuilder): Emitted | null {
  const { item } = facts;
  const window = publicationWindow({
    item: item.definition,
    regimes: ctx.bundle.regimes,
    decisionDate: facts.decisionDate,
    severity: facts.severity ?? null,
    leniency: facts.leniency ?? null,
    sector: facts.sector ?? null,
    validUntil: facts.validUntil ?? null,
    penaltyCategory: facts.penaltyCategory ?? null,
  });
  if (!window.recorded) return null;
  if (item.dishonesty && !facts.document) throw new Error(`dishonesty item ${item.code} needs a legal document`);
  const doc = facts.document?.();
  const documentId = doc ? ++ctx.ids.document : null;
  if (doc) out.legalDocuments.push(documentRow(documentId!, doc));
  const recordId = ++ctx.ids.record;
  const life = facts.life ?? planLife(ctx, rng, item, window, facts.decisionDate);
  // Collected within a week of the decision (双公示: 7 working days), never after today.
  const createdOn = minDate(addDays(facts.decisionDate, between(rng, 0, 7)), ctx.today);
  const created = officeTime(rng, createdOn);
  const row: CreditRecordRow = {
    id: recordId, subjectId: subject.id, catalogItemId: item.id, dishonesty: item.dishonesty, legalDocumentId: documentId,
    agencyCode: facts.agency.code, decisionDate: facts.decisionDate, severity: facts.severity ?? null,
    regime: window.regime, specificSerious: window.specificSerious ?? null, publishFrom: window.publishFrom, publishMinUntil: window.publishMinUntil, publishUntil: window.publishUntil,
    leniencyGround: facts.leniency ?? null, leniencyNote: facts.leniency ? window.note ?? null : null,
    // Every ground but a minor subject rests on a cited document (leniency-grounds.yaml): the decision's own finding.
    leniencyDocument: facts.leniency && facts.leniency !== 'MINOR_SUBJECT'
      ? { title: '行政处罚决定书（宽容审慎情形认定部分）', number: doc?.number ?? null, issuer: facts.agency.name, issuedOn: facts.decisionDate }
      : null,
    status: life.status, repairTreatment: life.treatment ?? null, disputed: life.disputed ?? false,
    payload: payload(window, doc?.number ?? null), createdAt: created,
    updatedAt: life.changedOn && life.changedOn > createdOn ? officeTime(rng, life.changedOn) : created,
  };
  out.creditRecords.push(row);
  life.attach?.(out, { recordId, subjectId: subject.id, agency: facts.agency, decisionDate: facts.decisionDate });
  return { recordId, documentId, window };
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
