/**
 * Property tests of THE disclosure policy over generated principals, purposes, consents and
 * records: its SQL form (what list queries return) and its per-record decision (what shield
 * enforces) agree; the public never receives an unmasked ID number or a natural person's
 * name in clear; no capacity discloses a field its catalog scope does not include.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { Principal, Role } from '../../src/auth/principal';
import type { CatalogIndex, IndexedItem } from '../../src/catalog/catalog.index';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/catalog/catalog.sync';
import { agencies, creditRecords, legalDocuments, subjects } from '../../src/db/schema';
import { DisclosurePolicy } from '../../src/policy/disclosure';
import { visibleRecordsWhere } from '../../src/policy/record-gate.sql';
import { gateShapeKey, type RecordFacts } from '../../src/policy/record-gate';
import { CreditRecordRepo } from '../../src/modules/credit-record/credit-record.repo';
import { addDays } from '../../src/time/legal-date';
import { openTestDatabase, type TestDatabase } from '../support/db';

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

const TODAY = '2026-11-29';
const KINDS = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'] as const;
const AGENCIES = [
  { code: 'P_BANK', system: 'BANK', kind: 'PARTNER' },
  { code: 'P_PRTC', system: 'PRTC', kind: 'PARTNER' },
  { code: 'D_SAMR', system: 'SAMR', kind: 'DEPARTMENT' },
  { code: 'D_STA', system: 'STA', kind: 'DEPARTMENT' },
] as const;

let database: TestDatabase;
let catalog: CatalogIndex;
let items: IndexedItem[];
const subjectIds: Record<(typeof KINDS)[number], number> = { LEGAL_PERSON: 0, INDIVIDUAL_BUSINESS: 0, NATURAL_PERSON: 0 };
let documentSeq = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  catalog = await syncCatalog(database.db, loadCatalogBundle());
  items = catalog.allItems().filter((i) => i.recordKind !== 'REGISTRATION');
  await database.db.insert(agencies).values(
    AGENCIES.map((a) => ({ code: a.code, name: a.code, level: 'PREFECTURE' as const, kind: a.kind, system: a.system, regionCode: '320100' })),
  );
  const rows = await database.db.insert(subjects).values([
    { kind: 'LEGAL_PERSON', uscc: '91320100748204660Q', name: '南京钢铁联合有限公司', regionCode: '320100' },
    { kind: 'INDIVIDUAL_BUSINESS', uscc: '92320106MA1N7R2K8D', name: '李记小吃店', regionCode: '320106' },
    { kind: 'NATURAL_PERSON', idNumberHash: 'a'.repeat(64), idNumberCipher: 'x', name: '王建军', regionCode: '320106' },
  ]).returning({ id: subjects.id, kind: subjects.kind });
  for (const r of rows) subjectIds[r.kind] = r.id;
});
afterAll(() => database.destroy());

const dayOffset = fc.integer({ min: -2000, max: 400 });
const recordArb = fc.record({
  item: fc.integer({ min: 0, max: 1000 }),
  kind: fc.constantFrom(...KINDS),
  status: fc.constantFrom('ACTIVE', 'ACTIVE', 'REPAIRED', 'REVOKED'),
  treatment: fc.constantFrom('MARKED', 'SHIELDED', 'DELETED'),
  decision: dayOffset,
  from: fc.option(dayOffset, { nil: null }),
  length: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
});

const viewerArb = fc.record({
  role: fc.constantFrom<Role>('PUBLIC', 'SUBJECT', 'PARTNER', 'DEPARTMENT', 'AUDITOR', 'CATALOG_ADMIN'),
  agency: fc.constantFrom(...AGENCIES),
  ownKind: fc.constantFrom(...KINDS),
  purpose: fc.option(fc.constantFrom('PUBLIC_RESOURCE_TRADING', 'FINANCIAL_SERVICE', 'CREDIT_SUPERVISION', 'EMPLOYMENT_SCREENING'), { nil: undefined }),
  consents: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 4 }),
});

function policyFor(v: Of<typeof viewerArb>): { policy: DisclosurePolicy; own?: number } {
  const principal: Principal =
    v.role === 'PUBLIC' ? { role: 'PUBLIC', id: 'public' }
      : v.role === 'SUBJECT' ? { role: 'SUBJECT', id: 's', subjectId: subjectIds[v.ownKind] }
        : { role: v.role, id: 'x', agencyCode: v.agency.code };
  const consented = new Set(v.consents.map((i) => items[i % items.length]!.code));
  const agencyRole = v.role === 'PARTNER' || v.role === 'DEPARTMENT';
  const policy = new DisclosurePolicy({
    principal,
    agencySystem: agencyRole || v.role === 'AUDITOR' || v.role === 'CATALOG_ADMIN' ? v.agency.system : undefined,
    purpose: agencyRole && v.purpose ? catalog.purpose(v.purpose) : undefined,
    today: TODAY,
    consentFor: (_subject, itemCode) => consented.has(itemCode),
  });
  return { policy, own: principal.subjectId };
}

async function insertRecords(records: Of<typeof recordArb>[]): Promise<Array<{ id: number; item: IndexedItem; facts: RecordFacts }>> {
  const out: Array<{ id: number; item: IndexedItem; facts: RecordFacts }> = [];
  for (const r of records) {
    const item = items[r.item % items.length]!;
    const kind = item.subjectKinds.includes(r.kind) ? r.kind : item.subjectKinds[0]!;
    let documentId: number | null = null;
    if (item.dishonesty) {
      const [doc] = await database.db.insert(legalDocuments).values({
        kind: 'ADMINISTRATIVE_PENALTY', number: `P${++documentSeq}`, issuerName: 'x', effectiveOn: TODAY,
      }).returning({ id: legalDocuments.id });
      documentId = doc!.id;
    }
    const publishFrom = r.from === null ? null : addDays(TODAY, r.from);
    const publishUntil = publishFrom === null || r.length === null ? null : addDays(publishFrom, r.length);
    const status = r.status as RecordFacts['status'];
    const repairTreatment = status === 'REPAIRED' ? (r.treatment as RecordFacts['repairTreatment']) : null;
    const decisionDate = addDays(TODAY, r.decision);
    const [row] = await database.db.insert(creditRecords).values({
      subjectId: subjectIds[kind], catalogItemId: item.id, dishonesty: item.dishonesty, legalDocumentId: documentId,
      agencyCode: 'D_SAMR', decisionDate, severity: item.dishonesty ? 'GENERAL' : null,
      publishFrom, publishMinUntil: publishFrom, publishUntil, status, repairTreatment, payload: {},
    }).returning({ id: creditRecords.id });
    out.push({
      id: row!.id, item,
      facts: { subjectId: subjectIds[kind], subjectKind: kind, status, repairTreatment, decisionDate, publishFrom, publishUntil },
    });
  }
  return out;
}

async function sqlVisible(policy: DisclosurePolicy, own: number | undefined): Promise<Set<number>> {
  const where = visibleRecordsWhere(policy, catalog.allItems(), own);
  const result = await database.db
    .select({ id: creditRecords.id })
    .from(creditRecords)
    .innerJoin(subjects, sql`${subjects.id} = ${creditRecords.subjectId}`)
    .where(where);
  return new Set(result.map((r) => r.id));
}

describe('the disclosure policy', () => {
  it('lists exactly the records its per-record decision shows, for any viewer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 12 }), fc.array(viewerArb, { minLength: 1, maxLength: 4 }), async (records, viewers) => {
        await database.db.execute(sql`DELETE FROM credit_records`);
        const inserted = await insertRecords(records);
        for (const v of viewers) {
          const { policy, own } = policyFor(v);
          const fromSql = await sqlVisible(policy, own);
          const fromDecision = new Set(inserted.filter((r) => policy.decide(r.item, r.facts).visible).map((r) => r.id));
          expect([...fromSql].sort()).toEqual([...fromDecision].sort());
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives viewers of one gate shape the same gates, so a filter cached by the shape is theirs too', () => {
    fc.assert(
      fc.property(viewerArb, viewerArb, (a, b) => {
        const [pa, pb] = [policyFor(a), policyFor(b)];
        if (gateShapeKey(pa.policy.viewer, pa.own) !== gateShapeKey(pb.policy.viewer, pb.own)) return;
        for (const item of catalog.allItems()) {
          for (const kind of KINDS) {
            for (const own of [false, true]) expect(pa.policy.gate(item, kind, own)).toEqual(pb.policy.gate(item, kind, own));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists through the repository (its query cached per shape) what the policy\'s filter lists, viewer after viewer', async () => {
    // One repository for every viewer, as the server has: a shape key that missed something
    // the filter depends on would hand one viewer another's cached query.
    const repo = new CreditRecordRepo(database.db);
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 12 }), fc.array(viewerArb, { minLength: 2, maxLength: 6 }), async (rs, viewers) => {
        await database.db.execute(sql`DELETE FROM credit_records`);
        await insertRecords(rs);
        for (const v of viewers) {
          const { policy, own } = policyFor(v);
          const filter = { key: gateShapeKey(policy.viewer, own), build: () => visibleRecordsWhere(policy, catalog.allItems(), own) };
          const listed = await repo.visibleForSubjects(Object.values(subjectIds), filter);
          expect(listed.map((r) => r.id).sort()).toEqual([...(await sqlVisible(policy, own))].sort());
        }
      }),
      { numRuns: 40 },
    );
  });

  it('never gives the public an ID number in clear or a natural person\'s name in clear', () => {
    fc.assert(
      fc.property(recordArb, (r) => {
        const { policy } = policyFor({ role: 'PUBLIC', agency: AGENCIES[0], ownKind: 'LEGAL_PERSON', purpose: undefined, consents: [] });
        for (const item of catalog.allItems()) {
          const kind = item.subjectKinds.includes(r.kind) ? r.kind : item.subjectKinds[0]!;
          const d = policy.decide(item, { subjectId: 999, subjectKind: kind, status: 'ACTIVE', repairTreatment: null, decisionDate: TODAY, publishFrom: TODAY, publishUntil: null });
          for (const [key, decision] of Object.entries(d.fields)) {
            const rule = item.fieldRules.get(key)!;
            if (rule.personal === 'ID_NUMBER') expect(decision.effect).not.toBe('ALLOW');
            if (rule.personal === 'NAME') expect(decision.effect).not.toBe('ALLOW');
            if (kind === 'NATURAL_PERSON' && key === 'name') expect(decision.effect).not.toBe('ALLOW');
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('discloses no field outside the catalog scope of the capacity it grants', () => {
    fc.assert(
      fc.property(viewerArb, fc.constantFrom(...KINDS), (v, kind) => {
        const { policy, own } = policyFor(v);
        for (const item of catalog.allItems()) {
          if (!item.subjectKinds.includes(kind)) continue;
          const subjectId = own ?? 999;
          const d = policy.decide(item, { subjectId, subjectKind: kind, status: 'ACTIVE', repairTreatment: null, decisionDate: TODAY, publishFrom: TODAY, publishUntil: null });
          if (!d.visible) continue;
          for (const [key, decision] of Object.entries(d.fields)) {
            if (decision.effect === 'DENY') continue;
            const rule = item.fieldRules.get(key)!;
            if (d.basis === 'PUBLISH') expect(rule.publish).toBe(true);
            if (d.basis === 'SHARE') expect(rule.share).toBe(true);
            expect(['PUBLISH', 'SHARE', 'OWN', 'PROVIDER']).toContain(d.basis);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
