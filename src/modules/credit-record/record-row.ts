/**
 * What a checked recording request becomes in the database, and when an existing row is "the
 * same record": shared by recordCreditInformation (one record) and bulk ingestion (src/ingest),
 * so a record is built and compared the same way whichever path wrote it.
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import { recordKindFields } from '../../catalog/record-kinds';
import { appError } from '../../errors';
import type { IdNumberVault } from '../../identifiers';
import type { AgencyRow } from '../agency/agency.repo';
import type { NewCreditRecord } from './credit-record-write.repo';
import type { NewLegalDocument } from './legal-document.repo';
import { encodePayload } from './payload-codec';
import { FIELDS_INPUT_NAMES } from './record-fields.input';
import { derivedFields } from './record-fields.validate';
import type { RecordDraft } from './record-request';

type DraftDocument = NonNullable<RecordDraft['document']>;

/** The legal_documents row a draft's document is registered as. */
export function documentRowOf(doc: DraftDocument, agency: Pick<AgencyRow, 'code' | 'name'>): NewLegalDocument {
  return {
    kind: doc.kind,
    number: doc.number,
    title: doc.title ?? null,
    issuerName: doc.issuer,
    issuerAgencyCode: doc.issuer === agency.name ? agency.code : null,
    effectiveOn: doc.effectiveOn,
    statutoryBasis: doc.statutoryBasis ?? null,
    statutoryReference: doc.statutoryReference ?? null,
  };
}

/** A registered document with the same issuer and number must be the same document. */
export function documentConflict(row: { readonly kind: string; readonly effectiveOn: string }, doc: DraftDocument) {
  if (row.kind === doc.kind && row.effectiveOn === doc.effectiveOn) return undefined;
  return appError(
    'CONFLICT',
    `document ${doc.number} of ${doc.issuer} is already registered as ${row.kind}, effective ${row.effectiveOn}; give the same kind and date, or check the number`,
    { field: 'document.number' },
  );
}

/** The own 文书号 of a record without a legal document (a licence), part of its natural key. */
export function ownDocumentNumber(d: RecordDraft): string | null {
  return typeof d.fields.documentNumber === 'string' ? d.fields.documentNumber : null;
}

/** The credit_records row of a checked draft; `documentId` is its registered document. */
export function newRecordRow(
  item: IndexedItem, subjectId: number, agencyCode: string, d: RecordDraft, doc: { id: number; number: string } | null, vault: IdNumberVault,
  /** The token subject recording it (accountability names them). */
  official: string,
): NewCreditRecord {
  const derived = derivedFields(d.kind, { decisionDate: d.decisionDate, documentNumber: doc?.number ?? null, publishUntil: d.window.publishUntil });
  return {
    subjectId,
    catalogItemId: item.id,
    dishonesty: item.dishonesty,
    legalDocumentId: doc?.id ?? null,
    agencyCode,
    recordedByOfficial: official,
    decisionDate: d.decisionDate,
    severity: d.severity,
    regime: d.window.regime,
    publishFrom: d.window.publishFrom,
    publishMinUntil: d.window.publishMinUntil,
    publishUntil: d.window.publishUntil,
    publishUntilSource: d.publicationEndSource,
    leniencyGround: d.leniency,
    leniencyDocument: d.leniencyDocument,
    actDate: d.actDate,
    specificSerious: d.window.specificSerious ?? null,
    leniencyNote: d.leniencyNote && d.window.note ? `${d.leniencyNote} — ${d.window.note}` : d.leniencyNote,
    payload: encodePayload(d.kind, { ...d.fields, ...derived }, vault),
  };
}

/** What of a stored record an idempotent repeat must match. */
export interface StoredRecordFacts {
  readonly agencyCode: string;
  readonly decisionDate: string;
  readonly severity: string | null;
  readonly leniencyGround: string | null;
  readonly status: string;
  readonly payload: unknown;
}

const ENC = 'enc:';

/**
 * Idempotency: undefined when `row` is the record `d` would make (same agency, decision,
 * severity, leniency and own fields — encrypted ID numbers compared in clear); otherwise the
 * CONFLICT to report. A correction goes through an objection, not a silent overwrite.
 */
export function recordConflict(row: StoredRecordFacts, d: RecordDraft, agencyCode: string, vault: IdNumberVault) {
  const differs: string[] = [];
  if (row.agencyCode !== agencyCode) differs.push('agency');
  if (row.decisionDate !== d.decisionDate) differs.push('decisionDate');
  if (row.severity !== d.severity) differs.push('severity');
  if (row.leniencyGround !== d.leniency) differs.push('leniencyGround');
  const stored = (row.payload ?? {}) as Record<string, unknown>;
  for (const spec of recordKindFields(d.kind)) {
    if (!(spec.key in d.fields)) continue; // derived fields follow from the compared columns
    const given = d.fields[spec.key];
    let was = stored[spec.key];
    if (typeof was === 'string' && was.startsWith(ENC)) was = vault.decrypt(Buffer.from(was.slice(ENC.length), 'base64'));
    if (String(was ?? '') !== String(given ?? '')) differs.push(`${FIELDS_INPUT_NAMES[d.kind]}.${spec.key}`);
  }
  for (const key of Object.keys(stored)) {
    const spec = recordKindFields(d.kind).find((f) => f.key === key);
    if (spec && !(key in d.fields) && !isDerived(d, key)) differs.push(`${FIELDS_INPUT_NAMES[d.kind]}.${key}`);
  }
  if (differs.length === 0) return undefined;
  return appError(
    'CONFLICT',
    `a record of this item on this document already exists with different content (${differs.join(', ')}; recorded by ${row.agencyCode}, ` +
      `decided ${row.decisionDate}, severity ${row.severity ?? 'none'}, status ${row.status}); correct it through an objection, ` +
      'or revoke it if the decision was withdrawn',
    { field: differs[0], differs },
  );
}

function isDerived(d: RecordDraft, key: string): boolean {
  return key in derivedFields(d.kind, { decisionDate: d.decisionDate, documentNumber: 'x', publishUntil: 'x' });
}
