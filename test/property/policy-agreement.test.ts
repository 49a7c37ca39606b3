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
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import { agencies, consents, creditRecords, legalDocuments, subjects } from '../../src/db/schema';
import type { Agreement } from '../../src/catalog/agreements.schema';
import { resolveAuthority } from '../../src/policy/authority';
import { isWithin, regionPrefix, type AgencyFacts } from '../../src/policy/jurisdiction';
import { DisclosurePolicy } from '../../src/policy/disclosure';
import { AT_PLACEHOLDER, atValue, visibleRecordsWhere } from '../../src/policy/record-gate.sql';
import { gateShapeKey, type RecordFacts } from '../../src/policy/record-gate';
import { CreditRecordRepo } from '../../src/modules/credit-record/credit-record.repo';
import { addDays } from '../../src/time/legal-date';
import { openTestDatabase, type TestDatabase } from '../support/db';

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

const TODAY = '2026-11-29';
const KINDS = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'] as const;
// A small hierarchy: a province, a city and a county of one system, a peer city elsewhere, another system, partners.
const AGENCIES: readonly AgencyFacts[] = [
  { code: 'P_BANK', system: 'BANK', kind: 'PARTNER', level: 'PREFECTURE', regionCode: '320100' },
  { code: 'P_PRTC', system: 'PRTC', kind: 'PARTNER', level: 'PROVINCE', regionCode: '320000' },
  { code: 'D_SAMR_JS', system: 'SAMR', kind: 'DEPARTMENT', level: 'PROVINCE', regionCode: '320000' },
  { code: 'D_SAMR', system: 'SAMR', kind: 'DEPARTMENT', level: 'PREFECTURE', regionCode: '320100' },
  { code: 'D_SAMR_GL', system: 'SAMR', kind: 'DEPARTMENT', level: 'COUNTY', regionCode: '320106' },
  { code: 'D_SAMR_GZ', system: 'SAMR', kind: 'DEPARTMENT', level: 'PREFECTURE', regionCode: '440100' },
  { code: 'D_STA', system: 'STA', kind: 'DEPARTMENT', level: 'PREFECTURE', regionCode: '320100' },
];
const RECORDERS = AGENCIES.filter((a) => a.kind === 'DEPARTMENT').map((a) => a.code);
const PURPOSES = ['PUBLIC_RESOURCE_TRADING', 'FINANCIAL_SERVICE', 'CREDIT_SUPERVISION', 'EMPLOYMENT_SCREENING'] as const;
const CATEGORIES = ['REGISTRATION_BASICS', 'JUDICIAL', 'ADMINISTRATIVE_MANAGEMENT', 'SERIOUS_DISHONESTY_LIST', 'CREDIT_EVALUATION'] as const;

let database: TestDatabase;
let catalog: CatalogIndex;
let items: IndexedItem[];
const subjectIds: Record<(typeof KINDS)[number], number> = { LEGAL_PERSON: 0, INDIVIDUAL_BUSINESS: 0, NATURAL_PERSON: 0 };
/** Where each sample subject is registered (as inserted below). */
const REGION_OF: Record<(typeof KINDS)[number], string> = { LEGAL_PERSON: '320100', INDIVIDUAL_BUSINESS: '320106', NATURAL_PERSON: '440106' };
let documentSeq = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  catalog = await syncCatalog(database.db, loadCatalogBundle());
  items = catalog.allItems().filter((i) => i.recordKind !== 'REGISTRATION');
  await database.db.insert(agencies).values(
    AGENCIES.map((a) => ({ code: a.code, name: a.code, level: a.level, kind: a.kind as 'PARTNER', system: a.system, regionCode: a.regionCode })),
  );
  const rows = await database.db.insert(subjects).values([
    { kind: 'LEGAL_PERSON', uscc: '91320100748204660Q', name: '南京钢铁联合有限公司', regionCode: REGION_OF.LEGAL_PERSON },
    { kind: 'INDIVIDUAL_BUSINESS', uscc: '92320106MA1N7R2K8D', name: '李记小吃店', regionCode: REGION_OF.INDIVIDUAL_BUSINESS },
    { kind: 'NATURAL_PERSON', idNumberHash: 'a'.repeat(64), idNumberCipher: 'x', name: '王建军', regionCode: REGION_OF.NATURAL_PERSON },
  ]).returning({ id: subjects.id, kind: subjects.kind });
  for (const r of rows) subjectIds[r.kind] = r.id;
});
afterAll(() => database.destroy());

const dayOffset = fc.integer({ min: -2000, max: 400 });
const recordArb = fc.record({
  item: fc.integer({ min: 0, max: 1000 }),
  kind: fc.constantFrom('LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON', 'NATURAL_PERSON'),
  status: fc.constantFrom('ACTIVE', 'ACTIVE', 'REPAIRED', 'REVOKED'),
  treatment: fc.constantFrom('MARKED', 'SHIELDED', 'DELETED'),
  decision: dayOffset,
  from: fc.option(dayOffset, { nil: null }),
  length: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
  recorder: fc.constantFrom(...RECORDERS),
});

/** A data-sharing agreement held by the viewer's agency: some purposes, all items or some categories, in force or not. */
const agreementArb = fc.record({
  purposes: fc.subarray([...PURPOSES], { minLength: 1 }),
  all: fc.boolean(),
  categories: fc.subarray([...CATEGORIES], { minLength: 1 }),
  expired: fc.boolean(),
  /** Limited to subjects registered in the grantee's area (e.g. credit supervision). */
  areaOnly: fc.boolean(),
});

const viewerArb = fc.record({
  // Agency roles weigh more: their gates (sharing, consent, jurisdiction) have the most branches.
  role: fc.constantFrom<Role>('PUBLIC', 'SUBJECT', 'PARTNER', 'PARTNER', 'DEPARTMENT', 'DEPARTMENT', 'AUDITOR', 'CATALOG_ADMIN'),
  agency: fc.constantFrom(...AGENCIES),
  ownKind: fc.constantFrom(...KINDS),
  purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: undefined }),
  consents: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 6 }),
  agreements: fc.array(agreementArb, { minLength: 1, maxLength: 3 }),
});

function agreementsOf(v: Of<typeof viewerArb>): Agreement[] {
  return v.agreements.map((a, i) => ({
    // Codes name the content, as a bundle's codes do (the gate shape key reads codes).
    code: `A${i}_${a.all ? 'ALL' : a.categories.join('_')}_${a.expired ? 'OLD' : 'NOW'}_${a.areaOnly ? 'AREA' : 'ANY'}`, name: 'a', grantee: { agencies: [v.agency.code] }, purposes: a.purposes,
    covers: a.all ? { all: true } : { categories: a.categories },
    subjects: a.areaOnly ? 'GRANTEE_AREA' : 'ANY',
    legalBasis: [{ level: 'LAW', title: 't' }],
    validFrom: a.expired ? '2020-01-01' : TODAY, validUntil: a.expired ? '2021-12-31' : null,
  }));
}

function policyFor(v: Of<typeof viewerArb>): { policy: DisclosurePolicy; own?: number } {
  const principal: Principal =
    v.role === 'PUBLIC' ? { role: 'PUBLIC', id: 'public' }
      : v.role === 'SUBJECT' ? { role: 'SUBJECT', id: 's', subjectId: subjectIds[v.ownKind] }
        : { role: v.role, id: 'x', agencyCode: v.agency.code };
  const consented = consentedItems(v);
  const agencyRole = v.role === 'PARTNER' || v.role === 'DEPARTMENT';
  const authority = resolveAuthority({
    agency: v.role === 'PUBLIC' || v.role === 'SUBJECT' ? undefined : v.agency,
    agreements: agreementsOf(v),
    jurisdiction: AGENCIES.filter((o) => isWithin(v.agency, o)).map((o) => o.code),
    today: TODAY,
  });
  const policy = new DisclosurePolicy({
    principal,
    authority,
    purpose: agencyRole && v.purpose ? catalog.purpose(v.purpose) : undefined,
    today: TODAY,
    // The natural person's consents, as loadConsents put them in the table.
    consentFor: (subject, itemCode) => subject === subjectIds.NATURAL_PERSON && consented.has(itemCode),
  });
  return { policy, own: principal.subjectId };
}

function consentedItems(v: Of<typeof viewerArb>): Set<string> {
  return new Set(v.consents.map((i) => items[i % items.length]!.code));
}

/** The viewer's consents, in force now, from the natural person to the viewer's agency for its purpose. */
async function loadConsents(v: Of<typeof viewerArb>): Promise<void> {
  await database.db.execute(sql`DELETE FROM consents`);
  const codes = [...consentedItems(v)];
  if (codes.length === 0 || !v.purpose) return;
  await database.db.insert(consents).values({
    subjectId: subjectIds.NATURAL_PERSON, granteeAgencyCode: v.agency.code, purposes: [v.purpose], itemCodes: codes,
    grantedAt: new Date(Date.now() - 86_400_000), expiresAt: new Date(Date.now() + 86_400_000), channel: 'test', evidence: 'test',
  });
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
      agencyCode: r.recorder, decisionDate, severity: item.dishonesty ? 'GENERAL' : null,
      publishFrom, publishMinUntil: publishFrom, publishUntil, status, repairTreatment, payload: {},
    }).returning({ id: creditRecords.id });
    out.push({
      id: row!.id, item,
      facts: { subjectId: subjectIds[kind], agencyCode: r.recorder, subjectRegion: REGION_OF[kind], subjectKind: kind, status, repairTreatment, decisionDate, publishFrom, publishUntil },
    });
  }
  return out;
}

async function sqlVisible(policy: DisclosurePolicy, own: number | undefined): Promise<Set<number>> {
  const where = visibleRecordsWhere(policy, catalog.allItems(), own, atValue(new Date()));
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
          await loadConsents(v);
          const fromSql = await sqlVisible(policy, own);
          const fromDecision = new Set(inserted.filter((r) => policy.decide(r.item, r.facts).visible).map((r) => r.id));
          expect([...fromSql].sort()).toEqual([...fromDecision].sort());
        }
      }),
      { numRuns: 60 },
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
          await loadConsents(v);
          const filter = { key: gateShapeKey(policy.viewer, own), build: () => visibleRecordsWhere(policy, catalog.allItems(), own, AT_PLACEHOLDER), perSubject: own !== undefined };
          const listed = await repo.visibleForSubjects(Object.values(subjectIds), filter, new Date());
          const visible = await sqlVisible(policy, own);
          expect(listed.map((r) => r.id).sort()).toEqual([...visible].sort());
          // One subject is asked for by its own statement (`=`, not `= ANY`): the same rows of it.
          const [first] = Object.values(subjectIds);
          const one = await repo.visibleForSubjects([first!], filter, new Date());
          expect(one.map((r) => r.id).sort()).toEqual(listed.filter((r) => r.subjectId === first).map((r) => r.id).sort());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never gives the public an ID number in clear or a natural person\'s name in clear', () => {
    fc.assert(
      fc.property(recordArb, (r) => {
        const { policy } = policyFor({ role: 'PUBLIC', agency: AGENCIES[0]!, ownKind: 'LEGAL_PERSON', purpose: undefined, consents: [], agreements: [] });
        for (const item of catalog.allItems()) {
          const kind = item.subjectKinds.includes(r.kind) ? r.kind : item.subjectKinds[0]!;
          const d = policy.decide(item, { subjectId: 999, agencyCode: 'D_SAMR', subjectRegion: REGION_OF[kind], subjectKind: kind, status: 'ACTIVE', repairTreatment: null, decisionDate: TODAY, publishFrom: TODAY, publishUntil: null });
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
          const d = policy.decide(item, { subjectId, agencyCode: 'D_SAMR', subjectRegion: REGION_OF[kind], subjectKind: kind, status: 'ACTIVE', repairTreatment: null, decisionDate: TODAY, publishFrom: TODAY, publishUntil: null });
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

  it('shares nothing without an agreement in force covering the item, nothing of a person without consent, and provides only within jurisdiction', () => {
    fc.assert(
      fc.property(viewerArb, fc.constantFrom(...KINDS), fc.constantFrom(...RECORDERS), (v, kind, recorder) => {
        const { policy, own } = policyFor(v);
        const consented = consentedItems(v);
        const viewerAgency = v.agency;
        for (const item of catalog.allItems()) {
          if (!item.subjectKinds.includes(kind)) continue;
          const subjectId = kind === 'NATURAL_PERSON' ? subjectIds.NATURAL_PERSON : (own ?? 999);
          const d = policy.decide(item, { subjectId, agencyCode: recorder, subjectRegion: REGION_OF[kind], subjectKind: kind, status: 'ACTIVE', repairTreatment: null, decisionDate: TODAY, publishFrom: TODAY, publishUntil: null });
          if (!d.visible) continue;
          if (d.basis === 'SHARE') {
            const covering = agreementsOf(v).filter((a) => a.validUntil === null && a.purposes.includes(v.purpose!)
              && (a.covers.all === true || (a.covers.categories ?? []).includes(item.category as never)));
            expect(covering.map((a) => a.code)).toContain(d.grant);
            // An area-limited agreement shares nothing about subjects registered outside the grantee's area.
            if (covering.find((a) => a.code === d.grant)!.subjects === 'GRANTEE_AREA') {
              expect(REGION_OF[kind].startsWith(regionPrefix(viewerAgency.level, viewerAgency.regionCode))).toBe(true);
            }
            const purpose = catalog.purpose(v.purpose!)!;
            if (kind === 'NATURAL_PERSON' && purpose.personalDataBasis === 'CONSENT') expect(consented.has(item.code)).toBe(true);
          }
          if (d.basis === 'PROVIDER') {
            expect(isWithin(viewerAgency, AGENCIES.find((a) => a.code === recorder)!)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
