/**
 * Comparison target (b): PostGraphile v4 serving the same tables. PostGraphile publishes a
 * database schema as it is, so the bench installs one for it in the bench database,
 * `bench_postgraphile`, that mirrors what the public may see:
 *   - `subjects`: the searchable kinds (legal persons, individual businesses), unique by uscc,
 *     without the address (not published);
 *   - `published_records`: credit records filtered by exactly the WHERE clause our server
 *     applies for the public (src/policy/record-gate.sql.ts, rendered from the same catalog),
 *     with today's date computed in the view (China time) rather than passed per request;
 *   - `subjects_published_records(kinds)`: a computed column, one connection per profile section;
 *   - `search_subjects(keyword)`: the same ILIKE + similarity ordering as our search.
 * What differs (reported with the results): no desensitisation (an individual business's
 * operator name comes in clear), no per-field rules, the record's own fields come as the whole
 * `payload` JSON rather than a field selection, and totalCount of a search is not capped.
 */
import postgres from 'postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PUBLIC_PRINCIPAL } from '../../src/auth/principal';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { loadCatalogIndex } from '../../src/modules/catalog/catalog.sync';
import { openDatabase } from '../../src/db/database';
import { DisclosurePolicy } from '../../src/policy/disclosure';
import { atValue, visibleRecordsWhere } from '../../src/policy/record-gate.sql';
import { NO_AUTHORITY } from '../../src/policy/authority';
import { legalDate } from '../../src/time/legal-date';
import { inlineParams } from './sql-text';

const CHINA_TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/** The public's record filter, as SQL text over "credit_records" joined to "subjects". */
async function publicRecordFilter(url: string): Promise<string> {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const catalog = await loadCatalogIndex(database.db, loadCatalogBundle());
    const today = legalDate(new Date());
    const policy = new DisclosurePolicy({ principal: PUBLIC_PRINCIPAL, authority: NO_AUTHORITY, purpose: undefined, today, consentFor: () => false });
    const { sql, params } = new PgDialect().sqlToQuery(visibleRecordsWhere(policy, catalog.allItems(), undefined, atValue(new Date())));
    return inlineParams(sql, params, (value) => (value === today ? CHINA_TODAY : undefined));
  } finally {
    await database.close();
  }
}

/** (Re)creates schema bench_postgraphile; run before every PostGraphile start (cheap). */
export async function installPostgraphileSchema(url: string): Promise<void> {
  const filter = await publicRecordFilter(url);
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await db.begin(async (tx) => {
      await tx.unsafe(`
        DROP SCHEMA IF EXISTS bench_postgraphile CASCADE;
        CREATE SCHEMA bench_postgraphile;
        CREATE VIEW bench_postgraphile.subjects AS
          SELECT id, uscc, name, kind::text AS kind, legal_representative, entity_type, status::text AS status,
                 established_on, registered_capital, registration_authority
          FROM public.subjects WHERE kind IN ('LEGAL_PERSON', 'INDIVIDUAL_BUSINESS');
        COMMENT ON VIEW bench_postgraphile.subjects IS E'@primaryKey id\\n@unique uscc';
        CREATE VIEW bench_postgraphile.published_records AS
          SELECT credit_records.id, credit_records.subject_id, catalog_items.code AS catalog_item_code,
                 catalog_items.name AS catalog_item_name, catalog_items.record_kind, credit_records.decision_date,
                 credit_records.severity::text AS severity, credit_records.publish_from, credit_records.publish_until,
                 credit_records.status::text AS status, credit_records.disputed, credit_records.payload
          FROM public.credit_records
          JOIN public.subjects ON subjects.id = credit_records.subject_id
          JOIN public.catalog_items ON catalog_items.id = credit_records.catalog_item_id
          WHERE ${filter};
        COMMENT ON VIEW bench_postgraphile.published_records IS E'@primaryKey id\\n@foreignKey (subject_id) references bench_postgraphile.subjects (id)\\n@omit all,many';
        CREATE FUNCTION bench_postgraphile.subjects_published_records(s bench_postgraphile.subjects, kinds text[])
          RETURNS SETOF bench_postgraphile.published_records LANGUAGE sql STABLE AS $$
            SELECT r.* FROM bench_postgraphile.published_records r
            WHERE r.subject_id = s.id AND r.record_kind = ANY(kinds)
            ORDER BY r.decision_date DESC, r.id DESC
          $$;
        CREATE FUNCTION bench_postgraphile.search_subjects(keyword text)
          RETURNS SETOF bench_postgraphile.subjects LANGUAGE sql STABLE AS $$
            SELECT s.* FROM bench_postgraphile.subjects s
            WHERE s.name ILIKE '%' || keyword || '%'
            ORDER BY similarity(s.name, keyword) DESC, s.id
          $$;
      `);
    });
  } finally {
    await db.end();
  }
}

const RECORD = 'id catalogItemCode catalogItemName decisionDate severity publishFrom publishUntil status disputed payload';
const section = (alias: string, kinds: string) =>
  `${alias}: publishedRecords(kinds: ${kinds}, first: 10) { totalCount nodes { ${RECORD} } }`;

/** W1's equivalent: the subject by code with its five profile sections. */
export const PG_W1_QUERY = `query PublicProfile($code: String!) {
  subjectByUscc(uscc: $code) {
    uscc name kind legalRepresentative entityType status establishedOn registeredCapital registrationAuthority
    ${section('licences', '["LICENCE"]')}
    ${section('penalties', '["PENALTY"]')}
    ${section('honesty', '["HONOUR", "COMMITMENT", "EVALUATION"]')}
    ${section('anomalies', '["BUSINESS_ANOMALY"]')}
    ${section('seriousLists', '["SERIOUS_LIST", "COURT_ENFORCEMENT"]')}
  }
}`;

/** W3's equivalent: name search, first 10 with the total. */
export const PG_W3_QUERY = `query PublicSearch($keyword: String!) {
  searchSubjects(keyword: $keyword, first: 10) { totalCount nodes { uscc name kind legalRepresentative establishedOn registrationAuthority } }
}`;
