import { loadCatalogBundle, loadCatalogFile, DEFAULT_CATALOG_DIR } from './catalog.loader';
import type { BaseCatalogVersion, CatalogBundle, CatalogItem } from './catalog.bundle';
import { CATEGORIES, CATEGORY_CODES } from './catalog.schema';
import { RECORD_KINDS } from './record-kinds';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { DOCUMENT_KINDS as DB_DOCUMENT_KINDS } from '../db/schema/enums';
import { LEGAL_DOCUMENT_KINDS } from './catalog.schema';

describe('the shipped catalog files', () => {
  let bundle: CatalogBundle;
  beforeAll(() => {
    bundle = loadCatalogBundle();
  });
  const national = () => bundle.catalogs.find((c): c is BaseCatalogVersion => c.kind === 'BASE_CATALOG' && c.id === 'national-2024')!;
  const item = (code: string): CatalogItem => {
    const found = bundle.catalogs.flatMap((c) => c.items).find((i) => i.code === code);
    if (!found) throw new Error(`no item ${code}`);
    return found;
  };

  it('load as one bundle without a single problem', () => {
    expect(bundle.catalogs.map((c) => c.id)).toEqual(['national-2024', 'shenzhen-2023']);
    expect(bundle.measureLists.map((m) => m.id)).toEqual(['measures-2024']);
  });

  it('give the national catalog the 13 categories of the 2024 edition', () => {
    expect(national().kind).toBe('BASE_CATALOG');
    expect(national().categories.map((c) => c.code)).toEqual([...CATEGORY_CODES]);
    // The GraphQL enum CatalogCategory describes each value with this name (src/graphql/enums.ts).
    expect(Object.fromEntries(national().categories.map((c) => [c.code, c.name]))).toEqual(CATEGORIES);
    expect(national().categories.find((c) => c.code === 'INTELLECTUAL_PROPERTY')?.name).toBe('知识产权信息');
  });

  it('hold the items the demo needs, each with its kind, provider and publish scope', () => {
    const summary = national().items.map((i) => [i.code, i.recordKind, i.provider, i.publish.scope]);
    expect(summary).toEqual([
      ['01-01-001', 'REGISTRATION', 'SAMR', 'PUBLIC'],
      ['01-02-001', 'REGISTRATION', 'MPS', 'NONE'],
      ['02-01-001', 'COURT_ENFORCEMENT', 'SPC', 'PUBLIC'],
      ['03-01-001', 'LICENCE', 'SAMR', 'PUBLIC'],
      ['03-01-002', 'LICENCE', 'MEE', 'PUBLIC'],
      ['03-02-001', 'PENALTY', 'SAMR', 'PUBLIC'],
      ['03-02-002', 'PENALTY', 'STA', 'PUBLIC'],
      ['03-02-003', 'PENALTY', 'MEE', 'PUBLIC'],
      ['05-01-001', 'BUSINESS_ANOMALY', 'SAMR', 'PUBLIC'],
      ['06-01-001', 'SERIOUS_LIST', 'STA', 'PUBLIC'],
      ['06-02-001', 'SERIOUS_LIST', 'MOF', 'PUBLIC'],
      ['06-03-001', 'SERIOUS_LIST', 'SAMR', 'PUBLIC'],
      ['08-01-001', 'COMMITMENT', 'NDRC', 'PUBLIC'],
      ['08-02-001', 'COMMITMENT_FULFILMENT', 'NDRC', 'PUBLIC'],
      ['09-01-001', 'EVALUATION', 'STA', 'NONE'],
      ['11-01-001', 'HONOUR', 'STA', 'PUBLIC'],
      ['12-01-001', 'LICENCE', 'CNIPA', 'PUBLIC'],
    ]);
  });

  it('give every item a rule for every field of its record kind, in the order of the record kind', () => {
    for (const i of bundle.catalogs.flatMap((c) => c.items)) {
      expect(i.fields.map((f) => f.key)).toEqual(RECORD_KINDS[i.recordKind].map((f) => f.key));
    }
  });

  it('publish natural persons only on the court list, masked and with its statutory basis', () => {
    const masked = bundle.catalogs.flatMap((c) => c.items).filter((i) => i.publish.scope !== 'NONE' && i.publish.naturalPersons === 'PUBLISHED_MASKED');
    expect(masked.map((i) => i.code)).toEqual(['02-01-001']);
    const court = item('02-01-001');
    expect(court.publish.scope !== 'NONE' && court.publish.naturalPersonsBasis).toContain('民事诉讼法');
    expect(item('03-02-001').publish).toMatchObject({ naturalPersons: 'NOT_PUBLISHED', period: { basis: 'REGIME' } });
  });

  it('never publish an address, a bank account or health data', () => {
    const published = bundle.catalogs.flatMap((c) => c.items).flatMap((i) => i.fields).filter((f) => f.publish);
    expect(published.filter((f) => f.personal && ['ADDRESS', 'BANK_ACCOUNT', 'HEALTH'].includes(f.personal))).toEqual([]);
  });

  it('resolve unconditional sharing to every agency purpose and keep conditional lists as written', () => {
    const agencyPurposes = bundle.purposes.filter((p) => p.declaredBy.includes('AGENCY')).map((p) => p.code);
    expect(item('01-01-001').share).toEqual({ scope: 'UNCONDITIONAL', agencies: ['*'], purposes: agencyPurposes });
    expect(item('09-01-001').share).toEqual({
      scope: 'CONDITIONAL',
      agencies: ['NDRC', 'MOF', 'SAMR', 'PBOC'],
      purposes: ['CREDIT_SUPERVISION', 'GOVERNMENT_PROCUREMENT_REVIEW', 'FINANCIAL_SERVICE'],
    });
    expect(item('01-02-001').share.purposes).not.toContain('FINANCIAL_SERVICE');
    expect(agencyPurposes).not.toContain('SELF_ACCESS');
  });

  it('add Shenzhen items on top of the national catalog without repeating its codes', () => {
    const shenzhen = bundle.catalogs.find((c) => c.id === 'shenzhen-2023')!;
    expect(shenzhen.kind === 'SUPPLEMENTARY_CATALOG' && shenzhen.region.code).toBe('440300');
    expect(shenzhen.items.map((i) => i.code)).toEqual(['SZ-03-001', 'SZ-09-001']);
  });

  it('list the three measure categories with at least 4, 4 and 2 measures', () => {
    const list = bundle.measureLists[0];
    const count = (c: string) => list.measures.filter((m) => m.category === c).length;
    expect(list.categories.map((c) => c.code)).toEqual(['RIGHTS_REDUCTION', 'MANAGEMENT', 'THIRD_PARTY_VOLUNTARY']);
    expect(count('RIGHTS_REDUCTION')).toBeGreaterThanOrEqual(4);
    expect(count('MANAGEMENT')).toBeGreaterThanOrEqual(4);
    expect(count('THIRD_PARTY_VOLUNTARY')).toBe(2);
    const procurement = list.measures.find((m) => m.code === 'RESTRICT_GOVERNMENT_PROCUREMENT')!;
    expect(procurement.legalBasis).toContain('《中华人民共和国政府采购法》第二十二条');
    expect(list.measures.find((m) => m.code === 'RESTRICT_HIGH_CONSUMPTION')!.appliesTo.listTypes).toEqual(['COURT_DEFAULTER']);
  });

  it('give every measure the department systems that implement it (agency-powers.yaml)', () => {
    const codes = bundle.measureLists.flatMap((l) => l.measures.map((m) => m.code));
    expect([...bundle.measureImplementers.keys()].sort()).toEqual([...codes].sort());
    expect(bundle.measureImplementers.get('RESTRICT_HIGH_CONSUMPTION')).toEqual(['SPC']);
    expect(bundle.measureImplementers.get('RESTRICT_EXIT')).toEqual(['SPC', 'STA', 'MPS']);
  });

  it('tie every list type to a national item collected by its deciding system', () => {
    expect(bundle.listTypes.map((t) => t.code)).toEqual(['COURT_DEFAULTER', 'MAJOR_TAX_VIOLATION', 'GOVERNMENT_PROCUREMENT_SERIOUS', 'SAMR_SERIOUS_VIOLATION']);
    for (const t of bundle.listTypes) expect(item(t.catalogItem.code).provider).toBe(t.decidingSystem);
  });

  it('give every list type its field of serious dishonesty under 国发〔2016〕33号', () => {
    expect(Object.fromEntries(bundle.listTypes.map((t) => [t.code, t.category33.fields]))).toEqual({
      COURT_DEFAULTER: ['DEFYING_LEGAL_OBLIGATIONS'],
      MAJOR_TAX_VIOLATION: ['MARKET_AND_SOCIAL_ORDER'],
      GOVERNMENT_PROCUREMENT_SERIOUS: ['MARKET_AND_SOCIAL_ORDER'],
      SAMR_SERIOUS_VIOLATION: ['HEALTH_AND_LIFE_SAFETY', 'MARKET_AND_SOCIAL_ORDER'],
    });
  });

  it('order the publication regimes by date, the last one open-ended', () => {
    expect(bundle.regimes.map((r) => [r.code, r.validFrom, r.validTo])).toEqual([
      ['NDRC_2017_NOTICE', '2017-07-31', '2019-06-30'],
      ['NDRC_2019_527', '2019-07-01', '2023-04-30'],
      ['NDRC_ORDER_58', '2023-05-01', '2026-03-31'],
      ['NDRC_ORDER_36', '2026-04-01', null],
    ]);
    expect(bundle.regimes[2].tiers.GENERAL.minMonthsBySector?.FOOD).toBe(12);
    expect(bundle.regimes[3].tiers.MINOR.published).toBe(false);
    // Every regime after the first states its transitional treatment; none re-bands (立法法 第一百零四条).
    expect(bundle.regimes.slice(1).map((r) => r.earlierRecords?.treatment)).toEqual(Array(3).fill('KEEP_DECISION_DATE_REGIME'));
    expect(bundle.regimes[1].specificSerious?.months).toBe(36);
  });

  it('carry the disclosure formats and a sha256 of every file', () => {
    expect(bundle.disclosureFormats.formats.ADDRESS.method).toBe('NEVER_PUBLISHED');
    expect(Object.keys(bundle.sourceHashes)).toHaveLength(readdirSync(DEFAULT_CATALOG_DIR).filter((n) => /\.ya?ml$/.test(n)).length);
    for (const hash of Object.values(bundle.sourceHashes)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('load one file on its own, typed by its kind', () => {
    const doc = loadCatalogFile(join(DEFAULT_CATALOG_DIR, 'local-shenzhen-2023.yaml'));
    expect(doc.kind).toBe('SUPPLEMENTARY_CATALOG');
    expect(doc.kind === 'SUPPLEMENTARY_CATALOG' && doc.doc.baseCatalog).toBe('national-2024');
  });
});

describe('the rules of issue 13 as catalog data', () => {
  const bundle = loadCatalogBundle();

  it('name a basis document for every dishonesty item, in the kinds the database knows', () => {
    expect([...LEGAL_DOCUMENT_KINDS]).toEqual([...DB_DOCUMENT_KINDS]);
    const items = bundle.catalogs.flatMap((c) => c.items).filter((i) => i.dishonesty);
    for (const i of items) expect(i.basisDocument?.kinds.length).toBeGreaterThan(0);
    const samrPenalty = items.find((i) => i.code === '03-02-001')!;
    expect(samrPenalty.basisDocument).toMatchObject({ kinds: ['ADMINISTRATIVE_PENALTY'], issuer: 'ADMINISTRATIVE_ORGAN' });
  });

  it('state every leniency ground with its requirement and sources', () => {
    expect(bundle.leniencyGrounds.map((g) => g.code).sort()).toEqual(['FORCE_MAJEURE', 'MINOR_BREACH', 'MINOR_SUBJECT', 'NOT_INTENTIONAL']);
    expect(bundle.leniencyGrounds.find((g) => g.code === 'MINOR_SUBJECT')!.requires).toMatchObject({ fact: 'AGE_UNDER', years: 18 });
  });

  it('give Order 36 severity criteria and the procurement list a case-by-case period', () => {
    expect(bundle.regimes.find((r) => r.code === 'NDRC_ORDER_36')!.severityCriteria?.floors[0]!.penaltyCategories).toContain('吊销许可证件');
    expect(bundle.listTypes.find((t) => t.code === 'GOVERNMENT_PROCUREMENT_SERIOUS')!.listingPeriod).toMatchObject({ minMonths: 12, maxMonths: 36 });
    expect(bundle.listTypes.find((t) => t.code === 'SAMR_SERIOUS_VIOLATION')!.earlyRemoval).toMatchObject({ afterMonths: 12 });
  });
});
