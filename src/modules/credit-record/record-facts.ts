/**
 * The checks of a recording request that rest on facts beyond the request's own fields: the
 * document against the item (kind, issuer, statutory reference), the severity label against the
 * regime's criteria, the leniency ground against the subject and a cited document, and a stated
 * 公示截止期 against the window. Each throws its own AppError code; the rules are pure functions
 * beside them (legal-document.rules.ts, severity.rules.ts, leniency.rules.ts, stated-publication-end.ts).
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import type { IssuerKind, LeniencyGround, Severity, SubjectKind } from '../../catalog/catalog.schema';
import type { LeniencyGroundRule } from '../../catalog/leniency.schema';
import type { Regime } from '../../catalog/vocabulary.schema';
import { appError } from '../../errors';
import { validateResidentId } from '../../identifiers';
import type { LegalDocumentInput, LeniencyDocumentInput, RecordCreditInformationInput } from './credit-record.input';
import { basisDocumentProblem, issuerKindOf, statutoryReferenceProblem, type RegisteredKind } from './legal-document.rules';
import { leniencyGroundProblem } from './leniency.rules';
import { regimeOn, type PublicationWindow } from './publication-window';
import { severityProblem } from './severity.rules';
import { specificSeriousOf } from './specific-serious.rules';
import type { Sector } from '../../catalog/vocabulary.schema';
import { withStatedEnd, type PublicationEndSource } from './stated-publication-end';

/** What the catalog and the registries say beyond the request (both recording paths build it). */
export interface DraftContext {
  readonly regimes: readonly Regime[];
  readonly leniencyGrounds: readonly LeniencyGroundRule[];
  /** The registered subject: its kind, and a natural person's birth date from its resident ID number. */
  readonly subject: SubjectFacts;
  /** The kind of a document's issuer: the agency registry's when it names a registered agency. */
  readonly issuerKind: (issuer: string) => IssuerKind | undefined;
}

export interface SubjectFacts {
  readonly kind: SubjectKind;
  readonly birthDate: string | null;
}

/** The context both recording paths build: the bundle's rules, the subject, the agency registry. */
export function draftContext(
  bundle: Pick<DraftContext, 'regimes' | 'leniencyGrounds'>, subject: SubjectFacts, agencies: { all(): readonly { name: string; kind: string }[] },
): DraftContext {
  return {
    regimes: bundle.regimes,
    leniencyGrounds: bundle.leniencyGrounds,
    subject,
    issuerKind: (issuer) => issuerKindOf(issuer, agencies.all().find((a) => a.name === issuer)?.kind as RegisteredKind | undefined),
  };
}

/** The subject's facts, from its kind and the resident ID number the request named it by. */
export function subjectFacts(kind: string, idNumber: string | undefined, now: Date): SubjectFacts {
  const check = idNumber === undefined ? undefined : validateResidentId(idNumber, now);
  return { kind: kind as SubjectKind, birthDate: check?.ok ? check.birthDate : null };
}

/** The document fits the item: a kind it names, issued by the kind of body it names (49号 二(二)). */
export function checkBasisDocument(item: IndexedItem, doc: LegalDocumentInput & { statutoryBasis: string | null }, ctx: DraftContext): void {
  if (doc.kind === 'OTHER_STATUTORY') {
    const problem = statutoryReferenceProblem(doc.statutoryReference ?? null);
    if (problem) throw appError('DOCUMENT_NOT_ACCEPTED', `document: ${problem}`, { field: 'document.statutoryReference' });
  }
  const problem = basisDocumentProblem(item.definition, doc, ctx.issuerKind(doc.issuer));
  if (problem) throw appError('DOCUMENT_NOT_ACCEPTED', `document: ${problem}`, { field: 'document.kind' });
}

/** A penalty's label is not lighter than the regime's criteria allow (Order 36 / 22号 二). */
export function checkSeverityCriteria(item: IndexedItem, severity: Severity | null, decisionDate: string, fields: Record<string, unknown>, ctx: DraftContext): void {
  if (!severity || item.recordKind !== 'PENALTY') return;
  const regime = regimeOn(ctx.regimes, decisionDate);
  if (!regime) return; // publicationWindow reports the missing regime
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const problem = severityProblem(regime.severityCriteria, regime.code, {
    severity, subjectKind: ctx.subject.kind, penaltyCategory: text(fields.penaltyCategory), fineAmount: text(fields.fineAmount),
  });
  if (problem) throw appError('SEVERITY_INCONSISTENT', problem, { field: 'severity' });
}

/**
 * 特定严重失信 (527号): a named field or conduct must fit the regime and the penalty, and a
 * penalty that is one (named, or by its sector) must be labelled SERIOUS. The window then
 * publishes it for the full period and repair refuses it.
 */
export function checkSpecificSerious(
  item: IndexedItem, f: { severity: Severity | null; decisionDate: string; fields: Record<string, unknown>; sector: Sector | null; named: string | null }, ctx: DraftContext,
): void {
  if (item.recordKind !== 'PENALTY') {
    if (f.named !== null) throw appError('BAD_USER_INPUT', `specificSeriousGround: only an administrative penalty can be 特定严重失信; item ${item.code} records ${item.recordKind}`, { field: 'specificSeriousGround' });
    return;
  }
  const regime = regimeOn(ctx.regimes, f.decisionDate);
  if (!regime) return; // publicationWindow reports the missing regime
  const category = typeof f.fields.penaltyCategory === 'string' ? f.fields.penaltyCategory : null;
  const finding = specificSeriousOf(regime, { severity: f.severity, penaltyCategory: category, sector: f.sector, named: f.named });
  if (finding && 'problem' in finding) {
    if (finding.kind === 'SEVERITY') throw appError('SEVERITY_INCONSISTENT', finding.problem, { field: 'severity' });
    throw appError('BAD_USER_INPUT', finding.problem, { field: 'specificSeriousGround' });
  }
}

/** The leniency ground rests on facts (宽容审慎进行认定): the subject's age on the act, or a cited document. */
export function checkLeniencyFacts(
  ground: LeniencyGround, input: Pick<RecordCreditInformationInput, 'actDate' | 'decisionDate'>, document: LeniencyDocumentInput | null, ctx: DraftContext,
): void {
  const rule = ctx.leniencyGrounds.find((g) => g.code === ground);
  if (!rule) throw appError('LENIENCY_GROUND_UNSUPPORTED', `ground ${ground} has no rule in the catalog (leniency-grounds.yaml), so it cannot be accepted`, { field: 'leniencyGround' });
  const actDate = input.actDate ?? input.decisionDate;
  if (actDate > input.decisionDate) {
    throw appError('BAD_USER_INPUT', `actDate ${actDate} is after the decision date ${input.decisionDate}: the act precedes its decision`, { field: 'actDate' });
  }
  const problem = leniencyGroundProblem(rule, { subjectKind: ctx.subject.kind, birthDate: ctx.subject.birthDate, actDate, citedDocument: document !== null });
  if (problem) throw appError('LENIENCY_GROUND_UNSUPPORTED', problem, { field: rule.requires.fact === 'CITED_DOCUMENT' ? 'leniencyDocument' : 'leniencyGround' });
}

/** The leniency document as stored, or BAD_USER_INPUT naming what is missing. */
export function checkLeniencyDocument(doc: LeniencyDocumentInput | null | undefined, today: string): LeniencyDocumentInput | null {
  if (!doc) return null;
  const title = doc.title.trim();
  const issuer = doc.issuer.trim();
  if (!title || !issuer) throw appError('BAD_USER_INPUT', 'leniencyDocument: give its title and issuer as written on it', { field: 'leniencyDocument' });
  if (doc.issuedOn > today) throw appError('BAD_USER_INPUT', `leniencyDocument.issuedOn ${doc.issuedOn} is after today (${today})`, { field: 'leniencyDocument.issuedOn' });
  return { title, issuer, number: doc.number?.trim() || null, issuedOn: doc.issuedOn };
}

/** The stated 公示截止期 kept within the bounds, or refused naming them (49号 三(五)). */
export function applyStatedEnd(window: PublicationWindow, stated: string | null | undefined, decisionDate: string): [PublicationWindow, PublicationEndSource] {
  const r = withStatedEnd(window, stated, decisionDate);
  if ('problem' in r) throw appError('PUBLICATION_END_OUT_OF_BOUNDS', r.problem, { field: 'statedPublicationEnd' });
  return [r.window, r.source];
}

const trim = (s: string | null | undefined) => (s ?? '').trim();

/** The record's legally effective document, trimmed and checked against the item; null for items needing none. */
export function checkDocument(doc: LegalDocumentInput | null | undefined, item: IndexedItem, today: string, ctx: DraftContext): LegalDocumentInput | null {
  if (!doc) {
    if (item.dishonesty) {
      throw appError('BAD_USER_INPUT', `item ${item.code} is dishonesty information: give the legally effective document it rests on (document: kind, number, issuer, effectiveOn; 49号 二(二))`, { field: 'document.number' });
    }
    return null;
  }
  const number = trim(doc.number);
  const issuer = trim(doc.issuer);
  if (!number) throw appError('BAD_USER_INPUT', 'document.number: give the document\'s 文号', { field: 'document.number' });
  if (!issuer) throw appError('BAD_USER_INPUT', 'document.issuer: give the issuing body as named on the document', { field: 'document.issuer' });
  if (doc.effectiveOn > today) {
    throw appError('BAD_USER_INPUT', `document.effectiveOn ${doc.effectiveOn} is after today (${today}): record a document only once it is legally effective`, { field: 'document.effectiveOn' });
  }
  const ref = doc.kind === 'OTHER_STATUTORY' ? doc.statutoryReference ?? null : null;
  const reference = ref && { level: ref.level, title: ref.title.trim(), article: trim(ref.article) || null };
  const checked = {
    ...doc, number, issuer, title: trim(doc.title) || null, statutoryReference: reference,
    // The citation as text, kept in legal_documents.statutory_basis beside its structure.
    statutoryBasis: reference ? `${reference.title}${reference.article ?? ''}` : null,
  };
  checkBasisDocument(item, checked, ctx);
  return checked;
}
