/**
 * Legal documents and the credit records that rest on them. The database itself refuses a
 * dishonesty record without its document (composite key to the item's dishonesty flag +
 * CHECK) and a record of an item that is not in a published catalog (trigger, see the
 * custom migration in drizzle/).
 */
import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, date, foreignKey, index, jsonb, pgTable, text, timestamp, unique,
} from 'drizzle-orm/pg-core';
import {
  documentKind, leniencyGround, publicationEndSource, recordStatus, repairTreatment, severity,
} from './enums';
import { catalogItems } from './catalog';
import { agencies, subjects } from './parties';
import { recordNumberColumn } from './record-number';

export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: documentKind('kind').notNull(),
    /** 文号 — with the issuer, the natural key used to make imports idempotent. */
    number: text('number').notNull(),
    title: text('title'),
    issuerName: text('issuer_name').notNull(),
    issuerAgencyCode: text('issuer_agency_code').references(() => agencies.code),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    /** For OTHER_STATUTORY: the law, regulation or central policy that names this instrument. */
    statutoryBasis: text('statutory_basis'),
    /** For OTHER_STATUTORY recorded since issue 13: the structured citation { level, title, article }. */
    statutoryReference: jsonb('statutory_reference'),
  },
  (t) => [
    unique('legal_documents_issuer_number').on(t.issuerName, t.number),
    check('document_other_has_basis', sql`${t.kind} <> 'OTHER_STATUTORY' OR ${t.statutoryBasis} IS NOT NULL`),
    check('document_number_not_blank', sql`length(trim(${t.number})) > 0`),
  ],
);

export const creditRecords = pgTable(
  'credit_records',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** 记录编号, assigned by a trigger at insert (./record-number.ts). */
    recordNumber: recordNumberColumn(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull().references(() => subjects.id),
    catalogItemId: bigint('catalog_item_id', { mode: 'number' }).notNull(),
    /** Copied from the item through the composite foreign key; cannot disagree with it. */
    dishonesty: boolean('dishonesty').notNull(),
    legalDocumentId: bigint('legal_document_id', { mode: 'number' }).references(() => legalDocuments.id),
    agencyCode: text('agency_code').notNull().references(() => agencies.code),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    /** The official (token subject) who recorded it; null for rows written before officials were recorded, or around the API. */
    recordedByOfficial: text('recorded_by_official'),
    severity: severity('severity'),
    /** Publicity regime in force on the decision date (src/catalog/data/publication-regimes.yaml). */
    regime: text('regime'),
    publishFrom: date('publish_from', { mode: 'string' }),
    /** End of the minimum publication period: repair may be applied for after it. */
    publishMinUntil: date('publish_min_until', { mode: 'string' }),
    /** 公示截止期: publication stops by itself after this date; null = while valid. */
    publishUntil: date('publish_until', { mode: 'string' }),
    /** STATED: publishUntil is the 公示截止期 the decision stated, within the regime's bounds; COMPUTED: the computed end. */
    publishUntilSource: publicationEndSource('publish_until_source').notNull().default('COMPUTED'),
    leniencyGround: leniencyGround('leniency_ground'),
    leniencyNote: text('leniency_note'),
    /** The document establishing the leniency ground { title, number, issuer, issuedOn } (all grounds but MINOR_SUBJECT). */
    leniencyDocument: jsonb('leniency_document'),
    /** Date of the act, when the department stated it (MINOR_SUBJECT is judged on the age that day). */
    actDate: date('act_date', { mode: 'string' }),
    /**
     * 特定严重失信 (发改办财金〔2019〕527号): the field or conduct that makes it one. Such a record is
     * published for its full period (minimum = maximum) and never repaired; null for every other record.
     */
    specificSerious: text('specific_serious'),
    status: recordStatus('status').notNull().default('ACTIVE'),
    repairTreatment: repairTreatment('repair_treatment'),
    disputed: boolean('disputed').notNull().default(false),
    /** The item's own fields (双公示 columns etc.), keyed as in src/catalog/record-kinds.ts. */
    payload: jsonb('payload').notNull(),
    /** When the purge erased the record's personal data (after a repair deleting it, or past retention). */
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'credit_records_item_dishonesty_fk',
      columns: [t.catalogItemId, t.dishonesty],
      foreignColumns: [catalogItems.id, catalogItems.dishonesty],
    }),
    check('record_dishonesty_has_document', sql`NOT ${t.dishonesty} OR ${t.legalDocumentId} IS NOT NULL`),
    check('record_dishonesty_has_severity', sql`NOT ${t.dishonesty} OR ${t.severity} IS NOT NULL`),
    check(
      'record_window_ordered',
      sql`(${t.publishFrom} IS NULL OR ${t.publishMinUntil} IS NULL OR ${t.publishFrom} <= ${t.publishMinUntil})
      AND (${t.publishMinUntil} IS NULL OR ${t.publishUntil} IS NULL OR ${t.publishMinUntil} <= ${t.publishUntil})`,
    ),
    check('record_stated_end_has_date', sql`${t.publishUntilSource} <> 'STATED' OR ${t.publishUntil} IS NOT NULL`),
    check('record_specific_serious_fixed', sql`${t.specificSerious} IS NULL OR (${t.severity} = 'SERIOUS' AND ${t.publishMinUntil} = ${t.publishUntil})`),
    check('record_repaired_has_treatment', sql`(${t.status} = 'REPAIRED') = (${t.repairTreatment} IS NOT NULL)`),
    unique('credit_records_item_document_subject').on(t.catalogItemId, t.legalDocumentId, t.subjectId),
    index('credit_records_subject').on(t.subjectId, t.catalogItemId),
    index('credit_records_agency').on(t.agencyCode, t.decisionDate),
    // The records of a document: what its change notifies (drizzle/0016) and the foreign key's check
    // when a document is removed. Without it, each new document scanned every record (drizzle/0029).
    index('credit_records_legal_document').on(t.legalDocumentId).where(sql`${t.legalDocumentId} IS NOT NULL`),
  ],
);

/**
 * Every change to a credit record, as an immutable version (49号 七(十三), 个人信息保护法 第四十七条):
 * the columns that changed, before and after, who changed them, why and on what ground. Written
 * by a trigger on credit_records (drizzle/0012), so no code path can change a record without a
 * version; a change made outside the application (no change note) is recorded as UNATTRIBUTED.
 * Append-only; the purge alone erases personal data in it, leaving the version itself.
 */
export const creditRecordVersions = pgTable(
  'credit_record_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    recordId: bigint('record_id', { mode: 'number' }).notNull().references(() => creditRecords.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    /** CORRECTION, REPAIR, REVOCATION, PUBLICATION_ENDED, DISPUTED, DISPUTE_CLEARED, PERSONAL_DATA_ERASED, UNATTRIBUTED. */
    change: text('change').notNull(),
    /** The token subject who acted (or the database user, for an unattributed change). */
    actor: text('actor').notNull(),
    actorAgency: text('actor_agency'),
    /** The ground: an objection, a repair application, a list removal, a revocation reason. */
    ground: text('ground'),
    /** Old and new values of the columns that changed (payload as a whole when it changed). */
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
  },
  (t) => [index('credit_record_versions_record').on(t.recordId, t.id)],
);
