/**
 * In-process probe of what the privacy layer costs during GraphQL execution, apart from
 * HTTP and the network: the same resolvers and the same data, executed against the guarded
 * schema and against the bare one (no middleware at all), for one subject with N records.
 * CPU time per execution is reported (less sensitive than wall time to other load).
 *
 *   node -r @swc-node/register scripts/execution-overhead.ts [--records 50,500] [--runs 200] [--cpu-prof]
 */
import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { sql } from 'drizzle-orm';
import { loadCatalogBundle } from '../src/catalog/catalog.loader';
import { syncCatalog } from '../src/modules/catalog/catalog.sync';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { seedDatabase } from '../src/seed';
import { createIdNumberVault } from '../src/identifiers';
import { createRequestContext } from '../src/graphql/context';
import { buildBareSchema, buildGuardedSchema } from '../src/graphql/schema';
import { buildMaskers } from '../src/policy/masking';
import { PUBLIC_PRINCIPAL } from '../src/auth/principal';
import { createServices } from '../src/services';
import { generateAccessLogKeys } from '../src/audit/log-keys';
import { legalDate } from '../src/time/legal-date';
import { loadWorkingCalendar } from '../src/time/working-calendar.loader';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

const QUERY = parse(`query Profile($code: String!, $first: Int!) {
  subject(code: $code) { code name kind legalRepresentative entityType establishedOn
    profile { penalties(first: $first) { totalCount edges { cursor node { id decisionDate publicationStart publicationEnd recordStatus severity disputed
      catalogItem { code name }
      ... on AdministrativePenalty { documentNumber fineAmount confiscatedAmount decidedOn decidingAuthority decidingAuthorityUscc dataSource dataSourceUscc violationType penaltyBasis penaltyCategory penaltyContent } } } } } } }`);

async function main() {
  const sizes = arg('records', '50,500').split(',').map(Number);
  const runs = Number(arg('runs', '200'));
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await migrate(database);
  const bundle = loadCatalogBundle();
  const catalog = await syncCatalog(database.db, bundle);
  const keys = { idHmac: Buffer.alloc(32, 1), idEncryption: Buffer.alloc(32, 2), jwtSecret: Buffer.alloc(32, 3) };
  const vault = createIdNumberVault({ hmacKey: keys.idHmac, encryptionKey: keys.idEncryption });
  const today = legalDate(new Date());
  await seedDatabase(database, { catalog, bundle, vault, subjects: 20, random: 49, today });
  const services = createServices({ database, catalog, keys, accessLogKeys: generateAccessLogKeys(), calendar: loadWorkingCalendar() });
  await services.agencies.reload();
  const guarded = await buildGuardedSchema(buildMaskers(catalog.bundle.disclosureFormats));
  const bare = await buildBareSchema();

  // One publishable penalty of subject #1, copied until the subject has the wanted count.
  const [{ id: subjectId, code }] = (await database.db.execute(sql`SELECT id, uscc AS code FROM subjects WHERE id = 1`)).rows as any[] ?? [];
  const penaltyItem = sql`(SELECT r.id FROM credit_records r JOIN catalog_items i ON i.id = r.catalog_item_id
    WHERE i.code = '03-02-001' AND r.status = 'ACTIVE' AND r.publish_until >= ${today} ORDER BY r.id LIMIT 1)`;
  let added = 0;
  for (const n of sizes.sort((a, b) => a - b)) {
    await database.db.execute(sql`WITH src AS (SELECT * FROM credit_records WHERE id = ${penaltyItem}),
      docs AS (INSERT INTO legal_documents (kind, number, issuer_name, issuer_agency_code, effective_on)
        SELECT d.kind, d.number || '-probe-' || g, d.issuer_name, d.issuer_agency_code, d.effective_on
        FROM legal_documents d, src, generate_series(${added + 1}::int, ${n}::int) g WHERE d.id = src.legal_document_id RETURNING id)
      INSERT INTO credit_records (subject_id, catalog_item_id, dishonesty, legal_document_id, agency_code, decision_date, severity, regime, publish_from, publish_min_until, publish_until, payload)
      SELECT ${subjectId}, catalog_item_id, dishonesty, docs.id, agency_code, decision_date, severity, regime, publish_from, publish_min_until, publish_until, payload
      FROM src, docs`);
    added = n;
    const variables = { code, first: Math.min(n, 100) };
    const once = async (schema: typeof bare) => {
      const ctx = createRequestContext({ requestId: 'probe', principal: PUBLIC_PRINCIPAL, purpose: undefined, now: new Date(), services });
      const r = (await execute({ schema, document: QUERY, variableValues: variables, contextValue: ctx })) as any;
      if (r.errors) throw new Error(JSON.stringify(r.errors[0]));
      return r.data.subject.profile.penalties.edges.length as number;
    };
    const seen = await once(guarded);
    const measure = async (schema: typeof bare) => {
      const cpu = process.cpuUsage();
      const t = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) await once(schema);
      const c = process.cpuUsage(cpu);
      return { cpuMs: (c.user + c.system) / 1000 / runs, wallMs: Number(process.hrtime.bigint() - t) / 1e6 / runs };
    };
    for (let i = 0; i < 20; i++) { await once(guarded); await once(bare); }
    const g1 = await measure(guarded), b1 = await measure(bare), g2 = await measure(guarded), b2 = await measure(bare);
    const g = Math.min(g1.cpuMs, g2.cpuMs), b = Math.min(b1.cpuMs, b2.cpuMs);
    console.log(`${seen} records in the page (subject has ${n}+ penalties): guarded ${g.toFixed(2)} ms CPU, bare ${b.toFixed(2)} ms CPU, ratio ${(g / b).toFixed(2)}x`);
  }
  await database.close();
}

main().catch((err) => { console.error(err); process.exit(1); });
