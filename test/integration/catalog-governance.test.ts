/**
 * Catalog and measures-list governance (issue 11 item 6) through the real server: a version
 * drafted through the API gives its legal bases with their level, of the level the guideline
 * requires (measures 49号 五(九), natural persons' data 三(四), supplementary catalogs 二(一));
 * it is published on its approval and a public consultation of at least 30 days closed before
 * it, both kept with the version beside the publishing agency; and the accountability report
 * finds versions that went into force without them, judged by the same function.
 */
import { eq, sql } from 'drizzle-orm';
import { catalogVersions } from '../../src/db/schema';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { codeOf, messageOf, ok } from '../support/responses';

const clock = new Date('2026-12-01T10:00:00+08:00');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  // The national and Jiangsu social-credit leads, and a county office (no power over catalogs).
  await builder(server).agencies('NDRC', 'NDRC_320000', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
}, 120_000);
afterAll(() => server.close());

const INFO = 'id kind status publishedAt publishedBy approval { body date documentNumber } consultation { from to channel }';
const CREATE = `mutation($input: CatalogDraftInput!) { createCatalogDraft(input: $input) { id status } }`;
const PUBLISH = `mutation($id: String!, $input: PublishCatalogVersionInput) { publishCatalogVersion(id: $id, input: $input) { ${INFO} } }`;
const VERSIONS = `{ catalogVersions { ${INFO} } }`;
const admin = (agency: string) => authHeaders({ role: 'CATALOG_ADMIN', agency });
const create = async (agency: string, source: string, fileName = 'draft.json') => server.gql(CREATE, { input: { source, fileName } }, await admin(agency));
const publish = async (agency: string, id: string, input?: unknown) => server.gql(PUBLISH, { id, input }, await admin(agency));

const APPROVAL = { body: '社会信用体系建设部际联席会议', date: '2026-11-20', documentNumber: '发改财金规〔2026〕10号' };
const CONSULTATION = { from: '2026-09-01', to: '2026-10-10', channel: 'https://www.creditchina.gov.cn/' };
const RECORDS = { approval: APPROVAL, consultation: CONSULTATION };

const LAW = { level: 'LAW', title: '《中华人民共和国行政处罚法》', article: '第四十八条' };
const STATE_COUNCIL = { level: 'STATE_COUNCIL_DOCUMENT', title: '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）' };
const DEPARTMENT_RULE = { level: 'DEPARTMENT_RULE', title: '《市场监督管理行政处罚信息公示规定》' };
const LOCAL_REGULATION = { level: 'LOCAL_REGULATION', title: '《南京市社会信用条例》' };

/** A national measures list restating KEY_SUPERVISION (its implementers are in agency-powers.yaml) on `basis`. */
const measuresList = (id: string, basis: unknown[]) => JSON.stringify({
  kind: 'MEASURE_LIST', id, title: '全国失信惩戒措施基础清单（2027年版）', documentNumber: '发改财金规〔2026〕10号', issuedBy: ['国家发展和改革委员会'],
  categories: [{ code: 'MANAGEMENT', name: '管理措施' }],
  measures: [{
    code: 'KEY_SUPERVISION', name: '列为重点监管对象', category: 'MANAGEMENT', legalBasis: basis,
    implementer: '各级市场监管部门', targets: '严重失信主体', appliesTo: { severities: ['SERIOUS'], listTypes: ['SAMR_SERIOUS_VIOLATION'] },
  }],
});

/** An honour item whose subjects include natural persons, published masked on `basis`. */
function personItem(code: string, basis: unknown) {
  const field = (key: string) => ({ key, share: true, publish: true });
  return {
    code, category: 'HONOURS', name: '守信激励个人信息', recordKind: 'HONOUR', provider: 'NDRC', subjectKinds: ['LEGAL_PERSON', 'NATURAL_PERSON'], dishonesty: false,
    legalBasis: ['《社会信用条例》'], share: { scope: 'UNCONDITIONAL', purposes: ['CREDIT_SUPERVISION'] },
    publish: { scope: 'PUBLIC', period: { basis: 'WHILE_VALID' }, naturalPersons: 'PUBLISHED_MASKED', naturalPersonsBasis: basis },
    personalData: true, repairable: false, retentionYears: 5, updateFrequency: '每年',
    fields: ['honourName', 'awardingAuthority', 'awardedOn', 'validUntil', 'documentName', 'evaluationYear'].map(field),
  };
}

const baseCatalog = (id: string, basis: unknown) => JSON.stringify({
  kind: 'BASE_CATALOG', id, title: '全国公共信用信息基础目录（2027年版）', documentNumber: '发改财金规〔2026〕9号', issuedBy: ['国家发展和改革委员会'],
  categories: [{ code: 'HONOURS', name: '诚实守信相关荣誉信息' }],
  items: [personItem('11-09-001', basis)],
});

const nanjing = (id: string, catalogBasis: unknown[], personBasis: unknown) => JSON.stringify({
  kind: 'SUPPLEMENTARY_CATALOG', id, title: '南京市公共信用信息补充目录（2027年版）', region: { code: '320100', name: '南京市' },
  legalBasis: catalogBasis, baseCatalog: 'national-2024', items: [personItem('NJ-11-101', personBasis)],
});

describe('the legal basis of a version drafted through the API', () => {
  it('refuses the issue\'s county office outright: it has no power over the national list, whatever the basis', async () => {
    const res = await create('SAMR_320106', measuresList('measures-gulou-2027', ['区长办公会议纪要']));
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('refuses NDRC\'s measure resting on a meeting\'s minutes (free text), naming the level needed and why, at file and line', async () => {
    const res = await create('NDRC', measuresList('measures-2027', ['区长办公会议纪要']), 'measures-2027.json');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/measures-2027\.json:?\d* measure KEY_SUPERVISION at legalBasis\[0\]: "区长办公会议纪要" is free text/);
    expect(messageOf(res)).toContain('a measure needs a LAW, an ADMINISTRATIVE_REGULATION or a STATE_COUNCIL_DOCUMENT (49号 五(九)');
    expect(messageOf(res)).toContain('直接援引法律、法规或者党中央、国务院政策文件为依据');
  });

  it.each([
    ['a meeting\'s minutes given a level', { level: 'DEPARTMENT_RULE', title: '区长办公会议纪要' }],
    ['a department rule', DEPARTMENT_RULE],
    ['a local regulation (the list is national)', LOCAL_REGULATION],
    ['a judicial interpretation', { level: 'JUDICIAL_INTERPRETATION', title: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》' }],
  ])('refuses NDRC\'s measure resting on %s', async (_case, basis) => {
    const res = await create('NDRC', measuresList('measures-2027', [STATE_COUNCIL, basis]));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toContain(`measure KEY_SUPERVISION at legalBasis[1]: ${basis.level} ${basis.title} is not enough: a measure needs a LAW`);
    expect(messageOf(res)).not.toContain('legalBasis[0]');
  });

  it('accepts a measure resting on a law and a State Council document', async () => {
    expect(ok(await create('NDRC', measuresList('measures-2027', [LAW, STATE_COUNCIL])), 'createCatalogDraft')).toMatchObject({ id: 'measures-2027', status: 'DRAFT' });
  });

  it('refuses an item publishing natural persons\' data on a department rule (49号 三(四))', async () => {
    const res = await create('NDRC', baseCatalog('national-2027', DEPARTMENT_RULE));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toContain('item 11-09-001 at publish.naturalPersonsBasis: DEPARTMENT_RULE 《市场监督管理行政处罚信息公示规定》 is not enough');
    expect(messageOf(res)).toContain('publishing natural persons\' data needs a LAW or an ADMINISTRATIVE_REGULATION (49号 三(四): 公开个人相关信息的，必须有明确的法律、法规');
  });

  it.each([
    ['free text', '某部门会议纪要', 'is free text'],
    ['a local regulation, in the national catalog', LOCAL_REGULATION, 'LOCAL_REGULATION 《南京市社会信用条例》 is not enough'],
    ['a State Council policy document', STATE_COUNCIL, 'STATE_COUNCIL_DOCUMENT'],
  ])('refuses a national item publishing natural persons\' data on %s', async (_case, basis, reason) => {
    const res = await create('NDRC', baseCatalog('national-2027', basis));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toContain(reason);
    expect(messageOf(res)).toContain('49号 三(四)');
  });

  it('accepts a national item publishing natural persons\' data on a law', async () => {
    expect(ok(await create('NDRC', baseCatalog('national-2027', LAW)), 'createCatalogDraft')).toMatchObject({ id: 'national-2027', status: 'DRAFT' });
  });

  it.each([
    ['free text', ['《南京市社会信用条例》'], 'legalBasis[0]: "《南京市社会信用条例》" is free text'],
    ['only a department rule', [DEPARTMENT_RULE], 'no basis of the catalog reaches the level needed (DEPARTMENT_RULE 《市场监督管理行政处罚信息公示规定》)'],
  ])('refuses a supplementary catalog resting on %s (49号 二(一))', async (_case, basis, reason) => {
    const res = await create('NDRC_320000', nanjing('nanjing-2027', basis, LOCAL_REGULATION));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toContain(reason);
    expect(messageOf(res)).toContain('a supplementary catalog needs a basis of LOCAL_REGULATION level or higher (49号 二(一)');
  });

  it('refuses a local item publishing natural persons\' data on a department rule, and accepts it on the local regulation', async () => {
    const refused = await create('NDRC_320000', nanjing('nanjing-2027', [LOCAL_REGULATION], DEPARTMENT_RULE));
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(messageOf(refused)).toContain('item NJ-11-101 at publish.naturalPersonsBasis: DEPARTMENT_RULE');
    expect(messageOf(refused)).toContain('or a LOCAL_REGULATION in a local catalog');
    expect(ok(await create('NDRC_320000', nanjing('nanjing-2027', [LOCAL_REGULATION, DEPARTMENT_RULE], LOCAL_REGULATION)), 'createCatalogDraft'))
      .toMatchObject({ id: 'nanjing-2027', status: 'DRAFT' });
  });
});

describe('publishing on the approval and consultation records', () => {
  const status = async (id: string) => (await server.database.db.select({ status: catalogVersions.status }).from(catalogVersions).where(eq(catalogVersions.id, id)))[0]?.status;

  it.each([
    ['without any record', undefined, 'BAD_USER_INPUT', 'the approval record (批准: approving body, date, document number) is missing'],
    ['without the approval', { consultation: CONSULTATION }, 'BAD_USER_INPUT', 'MEASURE_LIST measures-2027: the approval record (批准: approving body, date, document number) is missing'],
    ['without the consultation', { approval: APPROVAL }, 'BAD_USER_INPUT', 'the public consultation record (公开征求意见: from, to, channel) is missing'],
    ['with an approval lacking its document number', { approval: { ...APPROVAL, documentNumber: ' ' }, consultation: CONSULTATION }, 'BAD_USER_INPUT', 'the approval record lacks documentNumber'],
    ['after a consultation of 20 days', { approval: APPROVAL, consultation: { ...CONSULTATION, from: '2026-09-21', to: '2026-10-10' } }, 'NOT_ELIGIBLE',
      'the public consultation 2026-09-21..2026-10-10 lasted 20 days; it lasts at least 30 (49号 四(七)'],
    ['with a consultation still open at the approval', { approval: APPROVAL, consultation: { ...CONSULTATION, to: '2026-11-20' } }, 'NOT_ELIGIBLE',
      'the consultation closed on 2026-11-20, not before the approval of 2026-11-20'],
    ['on an approval dated after today', { approval: { ...APPROVAL, date: '2026-12-02' }, consultation: CONSULTATION }, 'NOT_ELIGIBLE',
      'approved on 2026-12-02, after its publication on 2026-12-01'],
  ])('is refused %s, and the version stays a draft', async (_case, input, code, reason) => {
    const res = await publish('NDRC', 'measures-2027', input);
    expect(codeOf(res)).toBe(code);
    expect(messageOf(res)).toContain(reason);
    expect(await status('measures-2027')).toBe('DRAFT');
  });

  it('a consultation of exactly 30 days goes through; the version shows its publisher, approval and consultation', async () => {
    const consultation = { ...CONSULTATION, from: '2026-09-11', to: '2026-10-10' };
    const published = ok(await publish('NDRC', 'measures-2027', { approval: APPROVAL, consultation }), 'publishCatalogVersion');
    expect(published).toMatchObject({ id: 'measures-2027', status: 'PUBLISHED', publishedBy: 'NDRC', approval: APPROVAL, consultation });
    const listed = ok<Array<Record<string, unknown>>>(await server.gql(VERSIONS), 'catalogVersions');
    expect(listed.find((v) => v.id === 'measures-2027')).toMatchObject({ publishedBy: 'NDRC', approval: APPROVAL, consultation });
    // The shipped versions were published by the documents they cite, not through the API.
    expect(listed.find((v) => v.id === 'measures-2024')).toMatchObject({ status: 'PUBLISHED', publishedBy: null, approval: null, consultation: null });
  });

  it('a supplementary catalog is published by its lead on its records', async () => {
    const published = ok(await publish('NDRC_320000', 'nanjing-2027', RECORDS), 'publishCatalogVersion');
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedBy: 'NDRC_320000', approval: APPROVAL, consultation: CONSULTATION });
  });

  it('keeps the records with the version: the database refuses to change them once published', async () => {
    let refusal = 'accepted';
    await server.database.db.execute(sql`UPDATE catalog_versions SET approval = '{"body":"x","date":"2026-11-01","documentNumber":"x"}'::jsonb WHERE id = 'measures-2027'`)
      .catch((e: { message?: string; cause?: { message?: string } }) => { refusal = `${e.message ?? ''} ${e.cause?.message ?? ''}`; });
    expect(refusal).toMatch(/CATALOG_IMMUTABLE/);
  });
});

describe('the accountability finding', () => {
  const REPORT = '{ accountabilityReport(sampleSize: 100) { versionsPublishedWithoutGovernance { rule table count sampleIds } } }';
  const finding = async () => ok(await server.gql(REPORT, {}, await authHeaders({ role: 'AUDITOR', agency: 'NDRC' })), 'accountabilityReport').versionsPublishedWithoutGovernance;

  it('does not count the shipped versions nor the versions published through the API on their records', async () => {
    expect(await finding()).toMatchObject({ table: 'catalog_versions', count: 0, sampleIds: [], rule: expect.stringContaining('49号 二(一)') });
  });

  it('finds versions that came into force around the API: without records, by an agency without the power, on a basis below the level', async () => {
    const definition = (id: string, basis: unknown[]) => JSON.parse(measuresList(id, basis));
    await server.database.db.insert(catalogVersions).values([
      // The case, as written before this rule: no publisher, no approval, no consultation, minutes as basis.
      { id: 'measures-minutes-2026', kind: 'MEASURE_LIST', title: '补充清单', edition: '2026', status: 'PUBLISHED', publishedAt: new Date('2026-11-01T02:00:00Z'), sourceHash: 'a', definition: definition('measures-minutes-2026', ['区长办公会议纪要']) },
      // Records and a proper basis, but published by a county office.
      { id: 'measures-county-2026', kind: 'MEASURE_LIST', title: '补充清单', edition: '2026', status: 'PUBLISHED', publishedAt: new Date('2026-11-22T02:00:00Z'), sourceHash: 'b', definition: definition('measures-county-2026', [LAW]), publishedBy: 'SAMR_320106', approval: APPROVAL, consultation: CONSULTATION },
      // By NDRC with its records, but the consultation lasted 20 days.
      { id: 'measures-short-2026', kind: 'MEASURE_LIST', title: '补充清单', edition: '2026', status: 'PUBLISHED', publishedAt: new Date('2026-11-25T02:00:00Z'), sourceHash: 'c', definition: definition('measures-short-2026', [LAW]), publishedBy: 'NDRC', approval: APPROVAL, consultation: { ...CONSULTATION, from: '2026-09-21' } },
      // Correct in every respect: not counted.
      { id: 'measures-proper-2026', kind: 'MEASURE_LIST', title: '补充清单', edition: '2026', status: 'PUBLISHED', publishedAt: new Date('2026-11-26T02:00:00Z'), sourceHash: 'd', definition: definition('measures-proper-2026', [LAW]), publishedBy: 'NDRC', approval: APPROVAL, consultation: CONSULTATION },
    ]);
    expect(await finding()).toMatchObject({ count: 3, sampleIds: ['measures-short-2026', 'measures-county-2026', 'measures-minutes-2026'] });
  });
});
