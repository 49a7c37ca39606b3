/**
 * Catalog versions (national base catalog, local supplementary catalogs, punishment-measures
 * lists) and what they contain. Loaded from the versioned files in src/catalog/data; the
 * full parsed definition is kept beside the columns the database itself needs to enforce.
 */
import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, date, index, jsonb, pgTable, text, timestamp, unique,
} from 'drizzle-orm/pg-core';
import { catalogKind, catalogStatus, measureCategory } from './enums';
import { agencies } from './parties';

/** 批准: who approved the version, when, by which document (src/policy/catalog-governance.ts). */
export interface VersionApproval {
  body: string;
  /** YYYY-MM-DD. */
  date: string;
  documentNumber: string;
}

/** 公开征求意见: the public consultation on the draft, its dates (YYYY-MM-DD, inclusive) and where it was held. */
export interface VersionConsultation {
  from: string;
  to: string;
  channel: string;
}

export const catalogVersions = pgTable(
  'catalog_versions',
  {
    id: text('id').primaryKey(),
    kind: catalogKind('kind').notNull(),
    title: text('title').notNull(),
    edition: text('edition').notNull(),
    documentNumber: text('document_number'),
    /** GB/T 2260 division code of a local supplementary catalog; null for national ones. */
    regionCode: text('region_code'),
    baseVersionId: text('base_version_id'),
    status: catalogStatus('status').notNull().default('DRAFT'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    /** sha256 of the source file: a published version must never change underneath. */
    sourceHash: text('source_hash').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The agency that published the version through the API (49号 二(一), 五(九)); null for the
     * versions synced from the shipped files, published by the documents they cite.
     */
    publishedBy: text('published_by').references(() => agencies.code),
    /** The official (token subject) who published it; null for shipped versions and those published before officials were recorded. */
    publishedByOfficial: text('published_by_official'),
    /** 批准 record given when publishing; null for shipped versions. */
    approval: jsonb('approval').$type<VersionApproval>(),
    /** 公开征求意见 record given when publishing; null for shipped versions. */
    consultation: jsonb('consultation').$type<VersionConsultation>(),
  },
  (t) => [
    check('catalog_published_has_date', sql`${t.status} = 'DRAFT' OR ${t.publishedAt} IS NOT NULL`),
    check('catalog_retired_has_date', sql`${t.status} <> 'RETIRED' OR ${t.retiredAt} IS NOT NULL`),
    // A version published through the API carries its approval (批准) record with its publisher.
    check('catalog_publisher_has_approval', sql`${t.publishedBy} IS NULL OR ${t.approval} IS NOT NULL`),
    check(
      'catalog_local_has_region',
      sql`${t.kind} <> 'SUPPLEMENTARY_CATALOG' OR (${t.regionCode} IS NOT NULL AND ${t.baseVersionId} IS NOT NULL)`,
    ),
  ],
);

export const catalogItems = pgTable(
  'catalog_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    versionId: text('version_id').notNull().references(() => catalogVersions.id),
    code: text('code').notNull(),
    category: text('category').notNull(),
    name: text('name').notNull(),
    recordKind: text('record_kind').notNull(),
    /** Agency system of the one collecting department (一口采集). */
    providerSystem: text('provider_system').notNull(),
    /** A dishonesty finding: its records must rest on a legally effective document (49号 二(二)). */
    dishonesty: boolean('dishonesty').notNull(),
    repairable: boolean('repairable').notNull(),
    definition: jsonb('definition').notNull(),
  },
  (t) => [
    unique('catalog_items_version_code').on(t.versionId, t.code),
    // Target of credit_records' composite key, so the record carries the item's dishonesty flag.
    unique('catalog_items_id_dishonesty').on(t.id, t.dishonesty),
  ],
);

export const purposes = pgTable('purposes', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  personalDataBasis: text('personal_data_basis').notNull(),
  definition: jsonb('definition').notNull(),
});

export const punishmentMeasures = pgTable(
  'punishment_measures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    listVersionId: text('list_version_id').notNull().references(() => catalogVersions.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: measureCategory('category').notNull(),
    legalBasis: text('legal_basis').array().notNull(),
    implementer: text('implementer').notNull(),
    definition: jsonb('definition').notNull(),
  },
  (t) => [
    unique('punishment_measures_version_code').on(t.listVersionId, t.code),
    unique('punishment_measures_id_category').on(t.id, t.category),
    check('measure_has_legal_basis', sql`cardinality(${t.legalBasis}) > 0`),
  ],
);

export const seriousListTypes = pgTable(
  'serious_list_types',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    decidingSystem: text('deciding_system').notNull(),
    legalBasis: text('legal_basis').array().notNull(),
    standardDocument: text('standard_document').notNull(),
    /** LAW, ADMINISTRATIVE_REGULATION, CENTRAL_POLICY, DEPARTMENT_RULE, LOCAL_REGULATION, JUDICIAL_INTERPRETATION. */
    standardLevel: text('standard_level').notNull(),
    commentFrom: date('comment_from', { mode: 'string' }),
    commentTo: date('comment_to', { mode: 'string' }),
    standardPublishedOn: date('standard_published_on', { mode: 'string' }),
    catalogItemCode: text('catalog_item_code').notNull(),
    definition: jsonb('definition').notNull(),
  },
  (t) => [
    check('list_type_has_legal_basis', sql`cardinality(${t.legalBasis}) > 0`),
    // 49号 四(七): public consultation on a list standard lasts at least 30 days. comment_from
    // and comment_to are the first and last days comments are taken, both whole days of the
    // consultation: the period holds to − from + 1 days, so 30 days is to − from ≥ 29 (as
    // serious-list.rules.ts and the catalog checks count; migration 0011).
    // The court list's standard is a judicial interpretation, outside that procedure.
    // NULL dates must not slip through (a CHECK passes on NULL): only a statute or the court's
    // judicial interpretation may stand without a recorded consultation.
    check(
      'list_type_comment_30_days',
      sql`CASE WHEN ${t.commentFrom} IS NULL AND ${t.commentTo} IS NULL
        THEN ${t.standardLevel} IN ('LAW', 'JUDICIAL_INTERPRETATION')
        ELSE coalesce(${t.commentTo} - ${t.commentFrom} + 1 >= 30, false) END`,
    ),
    index('serious_list_types_item').on(t.catalogItemCode),
  ],
);
