/**
 * ImportRepo: the set-based statements of bulk ingestion. Each takes a whole batch as one
 * JSON parameter unpacked by jsonb_to_recordset, so a batch of a thousand rows costs a handful
 * of statements whatever its size, on PGlite and PostgreSQL alike (no array binding needed).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/database';
import type { NewCreditRecord } from '../modules/credit-record/credit-record-write.repo';
import type { NewLegalDocument } from '../modules/credit-record/legal-document.repo';
import type { StoredRecordFacts } from '../modules/credit-record/record-row';

export interface SubjectHit { readonly id: number; readonly kind: string; readonly uscc: string | null; readonly idNumberHash: string | null; readonly regionCode: string }
export interface DocumentHit { readonly id: number; readonly issuerName: string; readonly number: string; readonly kind: string; readonly effectiveOn: string }
/** A stored record as the import reads it: what a repeat must match, and its key. */
export interface StoredRecord extends StoredRecordFacts {
  readonly id: number;
  readonly catalogItemId: number;
  readonly subjectId: number;
  readonly legalDocumentId: number | null;
  readonly ownNumber: string | null;
}

/** The natural key of a record with a document: item + document + subject (unique in the table). */
export interface DocumentKey { readonly itemId: number; readonly documentId: number; readonly subjectId: number }
/** Of a record without one (a licence): item + subject + agency + decision date + its own 文书号. */
export interface OwnNumberKey {
  readonly itemId: number; readonly subjectId: number; readonly agencyCode: string; readonly decisionDate: string; readonly ownNumber: string | null;
}

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;

/** Rows of a raw statement; bigint columns (ids) come back as strings from postgres.js. */
async function rowsOf<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  const rows = (Array.isArray(result) ? result : result.rows ?? []) as Array<Record<string, unknown>>;
  for (const row of rows) {
    for (const key of ['id', 'catalogItemId', 'subjectId', 'legalDocumentId']) {
      if (typeof row[key] === 'string' || typeof row[key] === 'bigint') row[key] = Number(row[key]);
    }
  }
  return rows as T[];
}

const RECORD_COLUMNS = sql`r.id, r.catalog_item_id AS "catalogItemId", r.subject_id AS "subjectId", r.legal_document_id AS "legalDocumentId",
  r.agency_code AS "agencyCode", r.decision_date::text AS "decisionDate", r.severity::text AS severity,
  r.leniency_ground::text AS "leniencyGround", r.status::text AS status, r.payload, r.payload->>'documentNumber' AS "ownNumber"`;

export class ImportRepo {
  constructor(private readonly db: Queryable) {}

  async subjectsByUscc(usccs: readonly string[]): Promise<SubjectHit[]> {
    if (usccs.length === 0) return [];
    return rowsOf<SubjectHit>(this.db, sql`SELECT s.id, s.kind::text AS kind, s.uscc, NULL AS "idNumberHash", s.region_code AS "regionCode"
      FROM subjects s WHERE s.uscc IN (SELECT k FROM jsonb_array_elements_text(${json([...usccs])}) AS k)`);
  }

  async subjectsByIdHash(hashes: readonly string[]): Promise<SubjectHit[]> {
    if (hashes.length === 0) return [];
    return rowsOf<SubjectHit>(this.db, sql`SELECT s.id, s.kind::text AS kind, NULL AS uscc, s.id_number_hash AS "idNumberHash", s.region_code AS "regionCode"
      FROM subjects s WHERE s.id_number_hash IN (SELECT k FROM jsonb_array_elements_text(${json([...hashes])}) AS k)`);
  }

  /**
   * Serialises imports by the same agencies until the transaction ends: a record without a
   * document (a licence) has no unique constraint to fall back on, so two runs of one file
   * at once must not both find it missing.
   */
  async lockAgencies(codes: readonly string[]): Promise<void> {
    for (const code of [...new Set(codes)].sort()) {
      await this.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`credit-import:${code}`}))`);
    }
  }

  /**
   * Registers the documents not yet known. Returns every document of the keys, those inserted
   * now marked `fresh`: no record can rest on a document this transaction just created, so
   * their records need no look-up (a concurrent import of the same document waits on the
   * unique key until this one commits, then finds it).
   */
  async upsertDocuments(docs: readonly NewLegalDocument[]): Promise<Array<DocumentHit & { fresh: boolean }>> {
    if (docs.length === 0) return [];
    const rows = docs.map((d) => ({
      kind: d.kind, number: d.number, title: d.title ?? null, issuer_name: d.issuerName, issuer_agency_code: d.issuerAgencyCode ?? null,
      effective_on: d.effectiveOn, statutory_basis: d.statutoryBasis ?? null,
    }));
    const inserted = await rowsOf<DocumentHit>(this.db, sql`INSERT INTO legal_documents (kind, number, title, issuer_name, issuer_agency_code, effective_on, statutory_basis)
      SELECT x.kind::document_kind, x.number, x.title, x.issuer_name, x.issuer_agency_code, x.effective_on, x.statutory_basis
      FROM jsonb_to_recordset(${json(rows)}) AS x(kind text, number text, title text, issuer_name text, issuer_agency_code text, effective_on date, statutory_basis text)
      ON CONFLICT (issuer_name, number) DO NOTHING
      RETURNING id, issuer_name AS "issuerName", number, kind::text AS kind, effective_on::text AS "effectiveOn"`);
    const isNew = new Set(inserted.map((d) => `${d.issuerName}\u0000${d.number}`));
    const known = rows.filter((r) => !isNew.has(`${r.issuer_name}\u0000${r.number}`));
    const existing = known.length === 0 ? [] : await rowsOf<DocumentHit>(this.db, sql`SELECT d.id, d.issuer_name AS "issuerName", d.number, d.kind::text AS kind, d.effective_on::text AS "effectiveOn"
      FROM legal_documents d JOIN jsonb_to_recordset(${json(known.map((r) => ({ i: r.issuer_name, n: r.number })))}) AS k(i text, n text)
        ON d.issuer_name = k.i AND d.number = k.n`);
    return [...inserted.map((d) => ({ ...d, fresh: true })), ...existing.map((d) => ({ ...d, fresh: false }))];
  }

  async recordsByDocument(keys: readonly DocumentKey[]): Promise<StoredRecord[]> {
    if (keys.length === 0) return [];
    return rowsOf<StoredRecord>(this.db, sql`SELECT ${RECORD_COLUMNS}
      FROM credit_records r JOIN jsonb_to_recordset(${json([...keys])}) AS k("itemId" bigint, "documentId" bigint, "subjectId" bigint)
        ON r.catalog_item_id = k."itemId" AND r.legal_document_id = k."documentId" AND r.subject_id = k."subjectId"`);
  }

  async recordsByOwnNumber(keys: readonly OwnNumberKey[]): Promise<StoredRecord[]> {
    if (keys.length === 0) return [];
    return rowsOf<StoredRecord>(this.db, sql`SELECT ${RECORD_COLUMNS}
      FROM credit_records r JOIN jsonb_to_recordset(${json([...keys])})
          AS k("itemId" bigint, "subjectId" bigint, "agencyCode" text, "decisionDate" date, "ownNumber" text)
        ON r.subject_id = k."subjectId" AND r.catalog_item_id = k."itemId" AND r.legal_document_id IS NULL
       AND r.agency_code = k."agencyCode" AND r.decision_date = k."decisionDate"
       AND r.payload->>'documentNumber' IS NOT DISTINCT FROM k."ownNumber"`);
  }

  /**
   * Inserts the records in one statement. A record made meanwhile by someone else on the same
   * document is skipped (not returned): the caller compares it like any existing one.
   */
  async insertRecords(records: readonly NewCreditRecord[]): Promise<StoredRecord[]> {
    if (records.length === 0) return [];
    const rows = records.map((r) => ({
      subject_id: r.subjectId, catalog_item_id: r.catalogItemId, dishonesty: r.dishonesty, legal_document_id: r.legalDocumentId ?? null,
      agency_code: r.agencyCode, decision_date: r.decisionDate, severity: r.severity ?? null, regime: r.regime ?? null,
      publish_from: r.publishFrom ?? null, publish_min_until: r.publishMinUntil ?? null, publish_until: r.publishUntil ?? null,
      leniency_ground: r.leniencyGround ?? null, leniency_note: r.leniencyNote ?? null, payload: r.payload,
      publish_until_source: r.publishUntilSource ?? 'COMPUTED', leniency_document: r.leniencyDocument ?? null, act_date: r.actDate ?? null,
    }));
    return rowsOf<StoredRecord>(this.db, sql`WITH inserted AS (
      INSERT INTO credit_records (subject_id, catalog_item_id, dishonesty, legal_document_id, agency_code, decision_date, severity, regime,
        publish_from, publish_min_until, publish_until, leniency_ground, leniency_note, payload, publish_until_source, leniency_document, act_date)
      SELECT x.subject_id, x.catalog_item_id, x.dishonesty, x.legal_document_id, x.agency_code, x.decision_date, x.severity::severity, x.regime,
        x.publish_from, x.publish_min_until, x.publish_until, x.leniency_ground::leniency_ground, x.leniency_note, x.payload,
        x.publish_until_source::publication_end_source, x.leniency_document, x.act_date
      FROM jsonb_to_recordset(${json(rows)}) AS x(subject_id bigint, catalog_item_id bigint, dishonesty boolean, legal_document_id bigint,
        agency_code text, decision_date date, severity text, regime text, publish_from date, publish_min_until date, publish_until date,
        leniency_ground text, leniency_note text, payload jsonb, publish_until_source text, leniency_document jsonb, act_date date)
      ON CONFLICT (catalog_item_id, legal_document_id, subject_id) DO NOTHING
      RETURNING *)
      SELECT ${RECORD_COLUMNS} FROM inserted r`);
  }
}
