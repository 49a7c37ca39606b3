/**
 * Authority, not role (issue 11, items 5 and 6) through the real server: a measure is applied
 * and lifted only by its implementers (49号 五(九)), and catalog and measures-list versions are
 * drafted, published and retired only by the social-credit lead whose scope covers them
 * (49号 二(一), 五(九), 九). Each case the issue reports is reproduced and refused; each lawful
 * counterpart goes through.
 */
import { eq } from 'drizzle-orm';
import { measureApplications, punishmentMeasures } from '../../src/db/schema';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';

let clock = new Date('2026-12-01T10:00:00+08:00');
let server: TestServer;
/** A LISTED entry of the court's list of dishonest judgment debtors (失信被执行人). */
let courtEntry: string;
const courtEntryNotifiedBy = 'SPC_320106';

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies(
    'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320102', 'SPC_320106', 'SPC_440000', 'SPC_440100',
    'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'MOF', 'MOF_320000', 'MOF_320100', 'STA', 'STA_320000', 'STA_320100',
    'NDRC', 'NDRC_320000', 'NDRC_440300', 'MEE', 'MEE_440300',
  );
  // A judgment debtor of 南京市鼓楼区, listed by the district court.
  const debtor = await build.naturalPerson({ region: '320106' });
  courtEntry = (await build.listing(debtor, { listType: 'COURT_DEFAULTER', by: courtEntryNotifiedBy, notifiedOn: '2026-11-02' })).id;
}, 120_000);
afterAll(() => server.close());

const APPLICATION = 'id measureCode mode agencyCode active listEntryId';
const APPLY = `mutation($input: ApplyPunishmentMeasureInput!) { applyPunishmentMeasure(input: $input) { ${APPLICATION} } }`;
const LIFT = `mutation($input: LiftPunishmentMeasureInput!) { liftPunishmentMeasure(input: $input) { ${APPLICATION} liftReason } }`;
const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'JOINT_PUNISHMENT');
const apply = async (agency: string, measureCode: string) => server.gql(APPLY, { input: { measureCode, listEntryId: courtEntry } }, await dept(agency));
const lift = async (agency: string, id: string) => server.gql(LIFT, { input: { id, reason: '被执行人已履行生效法律文书确定的义务。' } }, await dept(agency));

describe('a measure is applied by its implementers only (49号 五(九))', () => {
  it.each([
    // The issue: a county market regulator imposed the court's and the tax authority's measures.
    ['SAMR_320106', 'RESTRICT_EXIT', 'RESTRICT_EXIT is implemented by SPC, STA, MPS; SAMR_320106 belongs to SAMR'],
    ['SAMR_320106', 'RESTRICT_HIGH_CONSUMPTION', 'RESTRICT_HIGH_CONSUMPTION is implemented by SPC; SAMR_320106 belongs to SAMR'],
    ['MOF_320100', 'RESTRICT_HIGH_CONSUMPTION', 'RESTRICT_HIGH_CONSUMPTION is implemented by SPC; MOF_320100 belongs to MOF'],
    ['SPC_320106', 'RESTRICT_GOVERNMENT_PROCUREMENT', 'RESTRICT_GOVERNMENT_PROCUREMENT is implemented by MOF, GOV_PROCUREMENT; SPC_320106 belongs to SPC'],
  ])('%s applying %s to a court-list entry: FORBIDDEN, naming the implementers', async (agency, measure, reason) => {
    const res = await apply(agency, measure);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toContain(reason);
    expect(res.body.data).toBeNull();
  });

  it.each([
    ['a county court', 'SPC_320106', 'RESTRICT_HIGH_CONSUMPTION'],
    // Joint punishment is nationwide: the implementer need not be the body that listed the debtor, nor of its region.
    ['a court of another province', 'SPC_440100', 'RESTRICT_EXIT'],
    ['a city finance bureau', 'MOF_320100', 'RESTRICT_GOVERNMENT_PROCUREMENT'],
    ['a city tax bureau', 'STA_320100', 'NO_NOTIFICATION_COMMITMENT'],
  ])('%s (%s) applying %s, which it implements: allowed', async (_who, agency, measure) => {
    const applied = ok(await apply(agency, measure), 'applyPunishmentMeasure');
    expect(applied).toMatchObject({ measureCode: measure, mode: 'IMPOSED', agencyCode: agency, active: true, listEntryId: courtEntry });
  });

  it('allowed the other province\'s court although neither it nor an agency under it listed the debtor', () => {
    expect(server.app.services.agencies.isWithin('SPC_440100', courtEntryNotifiedBy)).toBe(false);
  });

  it('only ever recommends a measure a third party decides itself, whoever recommends it', async () => {
    const res = await apply('SAMR_320106', 'RISK_BASED_PRICING');
    expect(ok(res, 'applyPunishmentMeasure')).toMatchObject({ measureCode: 'RISK_BASED_PRICING', mode: 'RECOMMENDED', agencyCode: 'SAMR_320106' });
  });
});

describe('a measure is lifted by the agency that applied it or one above it', () => {
  let applied: string;

  beforeAll(async () => {
    const res = await server.gql(`query($e: ID) { measureApplications(listEntryId: $e) { id measureCode agencyCode } }`, { e: courtEntry }, await dept('SPC_320106'));
    applied = ok<Array<{ id: string; measureCode: string; agencyCode: string }>>(res, 'measureApplications')
      .find((a) => a.measureCode === 'RESTRICT_HIGH_CONSUMPTION' && a.agencyCode === 'SPC_320106')!.id;
  });

  it.each([
    ['a market regulator of the same district', 'SAMR_320106', 'was applied by SPC_320106; only that agency or one above it'],
    ['a court of another region', 'SPC_440100', 'was applied by SPC_320106; only that agency or one above it'],
    ['a sibling court of the same city', 'SPC_320102', 'was applied by SPC_320106; only that agency or one above it'],
  ])('refuses %s (%s)', async (_who, agency, reason) => {
    const res = await lift(agency, applied);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toContain(reason);
  });

  it('lets the intermediate court above the applying court lift it', async () => {
    const lifted = ok(await lift('SPC_320100', applied), 'liftPunishmentMeasure');
    expect(lifted).toMatchObject({ measureCode: 'RESTRICT_HIGH_CONSUMPTION', agencyCode: 'SPC_320106', active: false });
  });

  it('lets the agency that applied a measure it does not implement (before this rule) undo it, and only that agency', async () => {
    // The record, as it stands in a database written before the rule: SAMR_320106 imposed RESTRICT_EXIT.
    const [measure] = await server.database.db.select().from(punishmentMeasures).where(eq(punishmentMeasures.code, 'RESTRICT_EXIT'));
    const [unlawful] = await server.database.db.insert(measureApplications).values({
      measureId: measure!.id, measureCategory: 'RIGHTS_REDUCTION', mode: 'IMPOSED', listEntryId: rowId(courtEntry),
      agencyCode: 'SAMR_320106', citedBasis: measure!.legalBasis[0]!, appliedAt: clock,
    }).returning({ id: measureApplications.id });
    const id = opaque('MeasureApplication', unlawful!.id);
    expect(codeOf(await lift('SPC_320106', id))).toBe('FORBIDDEN');
    expect(ok(await lift('SAMR_320106', id), 'liftPunishmentMeasure')).toMatchObject({ measureCode: 'RESTRICT_EXIT', agencyCode: 'SAMR_320106', active: false });
  });
});

describe('catalog and measures-list versions are governed by the social-credit lead whose scope covers them', () => {
  const INFO = 'id kind status regionCode';
  const CREATE = `mutation($input: CatalogDraftInput!) { createCatalogDraft(input: $input) { ${INFO} } }`;
  const UPDATE = `mutation($id: String!, $input: CatalogDraftInput!) { updateCatalogDraft(id: $id, input: $input) { ${INFO} } }`;
  const PUBLISH = `mutation($id: String!, $input: PublishCatalogVersionInput) { publishCatalogVersion(id: $id, input: $input) { ${INFO} } }`;
  /** The approval and consultation a publication rests on (src/policy/catalog-governance.ts). */
  const RECORDS = {
    approval: { body: '社会信用体系建设部际联席会议', date: '2026-11-20', documentNumber: '发改财金规〔2026〕10号' },
    consultation: { from: '2026-09-01', to: '2026-10-10', channel: 'https://www.creditchina.gov.cn/' },
  };
  const RETIRE = `mutation($id: String!) { retireCatalogVersion(id: $id) { ${INFO} } }`;
  const admin = (agency: string) => authHeaders({ role: 'CATALOG_ADMIN', agency });
  const create = async (agency: string, source: string) => server.gql(CREATE, { input: { source } }, await admin(agency));
  const publish = async (agency: string, id: string) => server.gql(PUBLISH, { id, input: RECORDS }, await admin(agency));

  /** The measure: a county office's nationwide measure on a meeting's minutes, for minors. */
  const measuresList = (id: string) => JSON.stringify({
    kind: 'MEASURE_LIST', id, title: '失信惩戒措施补充清单', documentNumber: '会议纪要〔2026〕3号', issuedBy: ['南京市鼓楼区市场监督管理局'],
    categories: [{ code: 'MANAGEMENT', name: '管理措施' }],
    measures: [{
      code: 'RESTRICT_SCHOOL_CHOICE', name: '限制其子女就读本区重点学校', category: 'MANAGEMENT', legalBasis: ['区长办公会议纪要'],
      implementer: '区教育局', targets: '严重失信主体', appliesTo: { severities: ['SERIOUS'], listTypes: ['SAMR_SERIOUS_VIOLATION'] },
    }],
  });
  /** A base catalog with one honour item (the smallest complete base catalog). */
  const baseCatalog = (id: string) => JSON.stringify({
    kind: 'BASE_CATALOG', id, title: '全国公共信用信息基础目录（2027年版，试行）', documentNumber: '发改财金规〔2026〕9号', issuedBy: ['国家发展和改革委员会'],
    categories: [{ code: 'HONOURS', name: '诚实守信相关荣誉信息' }],
    items: [honourItem('11-09-001', 'NDRC')],
  });
  const supplementary = (id: string, region: { code: string; name: string }, itemCode: string) => JSON.stringify({
    kind: 'SUPPLEMENTARY_CATALOG', id, title: `${region.name}公共信用信息补充目录（2026年版）`, region,
    legalBasis: [{ level: 'LOCAL_REGULATION', title: `《${region.name}社会信用条例》` }], baseCatalog: 'national-2024', items: [honourItem(itemCode, 'NDRC')],
  });

  it.each([
    ['a county office\'s CATALOG_ADMIN token drafting a nationwide measures list', 'SAMR_320106', () => measuresList('measures-gulou-2026'), 'MEASURE_LIST measures-gulou-2026 is published only by the national social-credit lead'],
    ['a county office\'s CATALOG_ADMIN token drafting a base catalog', 'SAMR_320106', () => baseCatalog('national-gulou-2026'), 'BASE_CATALOG national-gulou-2026 is published only by the national social-credit lead'],
    ['a city\'s social-credit lead drafting a base catalog', 'NDRC_440300', () => baseCatalog('national-sz-2026'), 'BASE_CATALOG national-sz-2026 is published only by the national social-credit lead'],
    ['a province\'s social-credit lead drafting another region\'s catalog', 'NDRC_320000', () => supplementary('shenzhen-js-2026', { code: '440300', name: '深圳市' }, 'SZ-11-901'), 'of a region containing 440300'],
  ])('refuses %s (FORBIDDEN naming who may)', async (_case, agency, source, reason) => {
    const res = await create(agency, source());
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toContain(reason);
    expect(messageOf(res)).toContain(`; ${agency} is a`);
  });

  describe('the national measures list', () => {
    it("brings no measure whose implementers the agencies' powers do not name, even from NDRC", async () => {
      const res = await create('NDRC', measuresList('measures-2028'));
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(messageOf(res)).toContain('measure RESTRICT_SCHOOL_CHOICE at code: no implementers for measure RESTRICT_SCHOOL_CHOICE in agency-powers.yaml');
    });

    it('is drafted and published by NDRC, and by no one else', async () => {
      // A new edition restating a measure the agencies' powers name (agency-powers.yaml).
      const source = measuresList('measures-2027').replace('RESTRICT_SCHOOL_CHOICE', 'KEY_SUPERVISION').replace('会议纪要〔2026〕3号', '发改财金规〔2026〕10号')
        // A measure drafted through the API rests on a structured basis of the level 五(九) requires (catalog-governance.test.ts refuses the minutes).
        .replace('["区长办公会议纪要"]', JSON.stringify([{ level: 'STATE_COUNCIL_DOCUMENT', title: '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）' }]));
      expect(ok(await create('NDRC', source), 'createCatalogDraft')).toMatchObject({ id: 'measures-2027', status: 'DRAFT' });
      for (const agency of ['SAMR_320106', 'NDRC_320000', 'NDRC_440300']) {
        const res = await publish(agency, 'measures-2027');
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(messageOf(res)).toMatch(/MEASURE_LIST measures-2027 is published only by the national social-credit lead .*: NDRC;/);
      }
      expect(ok(await publish('NDRC', 'measures-2027'), 'publishCatalogVersion')).toMatchObject({ id: 'measures-2027', status: 'PUBLISHED' });
    });
  });

  describe('the national base catalog', () => {
    it('is drafted, published and retired by NDRC, and by no one else', async () => {
      expect(ok(await create('NDRC', baseCatalog('national-2027')), 'createCatalogDraft')).toMatchObject({ id: 'national-2027', status: 'DRAFT' });
      const county = await publish('SAMR_320106', 'national-2027');
      expect(codeOf(county)).toBe('FORBIDDEN');
      expect(messageOf(county)).toContain('SAMR_320106 is a COUNTY DEPARTMENT agency');
      expect(ok(await publish('NDRC', 'national-2027'), 'publishCatalogVersion')).toMatchObject({ status: 'PUBLISHED' });
      expect(codeOf(await server.gql(RETIRE, { id: 'national-2027' }, await admin('NDRC_320000')))).toBe('FORBIDDEN');
      expect(ok(await server.gql(RETIRE, { id: 'national-2027' }, await admin('NDRC')), 'retireCatalogVersion')).toMatchObject({ status: 'RETIRED' });
    });
  });

  describe('a supplementary catalog', () => {
    const SHENZHEN = { code: '440300', name: '深圳市' };

    it('is drafted and published by its region\'s lead (NDRC_440300 for Shenzhen)', async () => {
      expect(ok(await create('NDRC_440300', supplementary('shenzhen-2026', SHENZHEN, 'SZ-11-001')), 'createCatalogDraft'))
        .toMatchObject({ id: 'shenzhen-2026', kind: 'SUPPLEMENTARY_CATALOG', status: 'DRAFT', regionCode: '440300' });
    });

    it.each([
      ['another region\'s lead', 'NDRC_320000'],
      ['the national lead, whose catalog is the base one', 'NDRC'],
      ['a department of the region', 'MEE_440300'],
    ])('is not published by %s (%s)', async (_who, agency) => {
      const res = await publish(agency, 'shenzhen-2026');
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(messageOf(res)).toMatch(/SUPPLEMENTARY_CATALOG shenzhen-2026 is published only by the social-credit lead .* of a region containing 440300 .*: NDRC_440300;/);
    });

    it('cannot be moved into another lead\'s region, nor taken over, by editing the draft', async () => {
      ok(await create('NDRC_320000', supplementary('nanjing-2026', { code: '320100', name: '南京市' }, 'NJ-11-001')), 'createCatalogDraft');
      const res = await server.gql(UPDATE, { id: 'nanjing-2026', input: { source: supplementary('nanjing-2026', SHENZHEN, 'NJ-11-001') } }, await admin('NDRC_320000'));
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(messageOf(res)).toContain('of a region containing 440300');
      // Nor taken over by another lead rewriting it into its own region.
      const taken = await server.gql(UPDATE, { id: 'nanjing-2026', input: { source: supplementary('nanjing-2026', SHENZHEN, 'NJ-11-001') } }, await admin('NDRC_440300'));
      expect(codeOf(taken)).toBe('FORBIDDEN');
      expect(messageOf(taken)).toContain('SUPPLEMENTARY_CATALOG nanjing-2026 is published only by the social-credit lead (a PLATFORM agency below national level) of a region containing 320100');
    });

    it('comes into force when its lead publishes it', async () => {
      expect(ok(await publish('NDRC_440300', 'shenzhen-2026'), 'publishCatalogVersion')).toMatchObject({ status: 'PUBLISHED' });
      expect(server.app.services.catalog.itemByCode('SZ-11-001')).toMatchObject({ versionId: 'shenzhen-2026' });
    });
  });
});

/** One honour item in the catalog's column format, every HONOUR field ruled. */
function honourItem(code: string, provider: string) {
  const field = (key: string) => ({ key, share: true, publish: true });
  return {
    code, category: 'HONOURS', name: '守信激励企业信息', recordKind: 'HONOUR', provider, subjectKinds: ['LEGAL_PERSON'], dishonesty: false,
    legalBasis: ['《社会信用条例》'], share: { scope: 'UNCONDITIONAL', purposes: ['CREDIT_SUPERVISION'] },
    publish: { scope: 'PUBLIC', period: { basis: 'WHILE_VALID' }, naturalPersons: 'NOT_PUBLISHED', naturalPersonsBasis: null },
    personalData: false, repairable: false, retentionYears: 5, updateFrequency: '每年',
    fields: ['honourName', 'awardingAuthority', 'awardedOn', 'validUntil', 'documentName', 'evaluationYear'].map(field),
  };
}
