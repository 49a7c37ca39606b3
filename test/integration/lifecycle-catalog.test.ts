/**
 * Catalog publishing (DESIGN §3) through the real server: a catalog administrator drafts a
 * version from its text, publishes it and retires it; the catalog in force follows on the
 * next request; every illegal transition is refused with its code; a bad draft is rejected
 * with a message naming file, line, item and field; records made under a retired version
 * stay with their subject.
 */
import { and, eq, sql } from 'drizzle-orm';
import { catalogItems, creditRecords } from '../../src/db/schema';
import pino from 'pino';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import { createServer } from '../../src/server';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, TEST_KEYS, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf, ok } from '../support/responses';

let STEEL = '';
/** The Nanjing company honoured under the supplementary catalog. */
let steel: BuiltSubject;
let server: TestServer;
/** The national social-credit lead: the base catalog and the measures list. */
let admin: Record<string, string>;
/** Regional leads: supplementary catalogs of regions inside theirs (Nanjing is in Jiangsu). */
let jiangsu: Record<string, string>;
let shenzhen: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => new Date('2026-12-01T10:00:00+08:00') });
  const build = builder(server);
  await build.agencies('NDRC', 'NDRC_320000', 'NDRC_320100', 'NDRC_440300', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  steel = await build.legalPerson({ region: '320100' });
  STEEL = steel.uscc!;
  admin = await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC' });
  jiangsu = await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC_320000' });
  shenzhen = await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC_440300' });
}, 120_000);
afterAll(() => server.close());

const INFO = 'id kind title status edition regionCode baseVersionId publishedAt retiredAt sourceHash entries';
const VERSIONS = `{ catalogVersions { ${INFO} } }`;
const CREATE = `mutation($input: CatalogDraftInput!) { createCatalogDraft(input: $input) { ${INFO} } }`;
const UPDATE = `mutation($id: String!, $input: CatalogDraftInput!) { updateCatalogDraft(id: $id, input: $input) { ${INFO} } }`;
const PUBLISH = `mutation($id: String!, $input: PublishCatalogVersionInput) { publishCatalogVersion(id: $id, input: $input) { ${INFO} } }`;
/** The approval and consultation a publication rests on (src/policy/catalog-governance.ts). */
const RECORDS = {
  approval: { body: '南京市社会信用体系建设领导小组', date: '2026-11-20', documentNumber: '宁信用办〔2026〕10号' },
  consultation: { from: '2026-09-01', to: '2026-10-10', channel: 'https://credit.nanjing.gov.cn/' },
};
const RETIRE = `mutation($id: String!) { retireCatalogVersion(id: $id) { ${INFO} } }`;
const ITEMS = '{ catalogItems(category: HONOURS) { code version } }';
const HONESTY = `query($code: String!) { subject(code: $code) { profile { honesty(first: 50) { totalCount edges { node { catalogItem { code version } ... on Honour { honourName } } } } } } }`;

/** The database's own refusal (drizzle wraps it; the trigger's message is the cause). */
async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (e) {
    const err = e as { message?: string; cause?: { message?: string } };
    return `${err.message ?? ''} ${err.cause?.message ?? ''}`;
  }
  return 'accepted';
}

/** A local supplementary catalog with one honour item, in the shipped file format. */
function nanjing(opts: { id?: string; title?: string; purpose?: string; withYearRule?: boolean } = {}) {
  const yearRule = opts.withYearRule === false ? '' : '\n      - { key: evaluationYear, share: true, publish: true }';
  return `kind: SUPPLEMENTARY_CATALOG
id: ${opts.id ?? 'nanjing-2026'}
title: ${opts.title ?? '南京市公共信用信息补充目录（2026年版）'}
region: { code: "320100", name: 南京市 }
legalBasis: [{ level: LOCAL_REGULATION, title: 《南京市社会信用条例》 }]
baseCatalog: national-2024
items:
  - code: "NJ-11-001"
    category: HONOURS
    name: 南京市守信激励企业信息
    recordKind: HONOUR
    provider: NDRC
    subjectKinds: [LEGAL_PERSON]
    dishonesty: false
    legalBasis: ["《南京市社会信用条例》"]
    share: { scope: UNCONDITIONAL, purposes: [${opts.purpose ?? 'CREDIT_SUPERVISION'}] }
    publish:
      scope: PUBLIC
      period: { basis: WHILE_VALID }
      naturalPersons: NOT_PUBLISHED
      naturalPersonsBasis: null
    personalData: false
    repairable: false
    retentionYears: 5
    updateFrequency: 每年
    fields:
      - { key: honourName, share: true, publish: true }
      - { key: awardingAuthority, share: true, publish: true }
      - { key: awardedOn, share: true, publish: true }
      - { key: validUntil, share: true, publish: true }
      - { key: documentName, share: true, publish: true }${yearRule}
`;
}

const draft = (source: string, fileName = 'nanjing-2026.yaml') => ({ input: { source, fileName } });
const publicVersions = async () => ok<Array<{ id: string; status: string }>>(await server.gql(VERSIONS), 'catalogVersions');
const honourCodes = async () => ok<Array<{ code: string }>>(await server.gql(ITEMS), 'catalogItems').map((i) => i.code);

describe('the catalog versions everyone may read', () => {
  it('lists the shipped national, local and measures versions as PUBLISHED', async () => {
    const versions = await publicVersions();
    expect(versions).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'national-2024', kind: 'BASE_CATALOG', status: 'PUBLISHED' }),
      expect.objectContaining({ id: 'shenzhen-2023', kind: 'SUPPLEMENTARY_CATALOG', status: 'PUBLISHED', baseVersionId: 'national-2024' }),
      expect.objectContaining({ id: 'measures-2024', kind: 'MEASURE_LIST', status: 'PUBLISHED' }),
    ]));
    expect(versions.find((v) => v.id === 'national-2024')).toMatchObject({ entries: expect.any(Number) });
  });

  it('are managed only by catalog administrators', async () => {
    const res = await server.gql(CREATE, draft(nanjing()), await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'));
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(PUBLISH, { id: 'national-2024' }))).toBe('FORBIDDEN');
  });
});

describe('a version from draft to retirement', () => {
  it('is created as a DRAFT that only administrators see and that is not yet in force', async () => {
    const created = ok(await server.gql(CREATE, draft(nanjing()), jiangsu), 'createCatalogDraft');
    expect(created).toMatchObject({ id: 'nanjing-2026', kind: 'SUPPLEMENTARY_CATALOG', status: 'DRAFT', edition: '2026', regionCode: '320100', entries: 1 });
    expect((await publicVersions()).map((v) => v.id)).not.toContain('nanjing-2026');
    expect(ok<Array<{ id: string }>>(await server.gql(VERSIONS, {}, admin), 'catalogVersions').map((v) => v.id)).toContain('nanjing-2026');
    expect(await honourCodes()).not.toContain('NJ-11-001');
  });

  it('can be edited while it is a draft', async () => {
    const updated = ok(await server.gql(UPDATE, { id: 'nanjing-2026', ...draft(nanjing({ title: '南京市公共信用信息补充目录（2026年修订稿）' })) }, jiangsu), 'updateCatalogDraft');
    expect(updated).toMatchObject({ title: '南京市公共信用信息补充目录（2026年修订稿）', status: 'DRAFT', entries: 1 });
  });

  it('cannot be created twice under the same id', async () => {
    const res = await server.gql(CREATE, draft(nanjing()), jiangsu);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/already exists; change it with updateCatalogDraft/);
  });

  it('cannot be retired while it is a draft', async () => {
    const res = await server.gql(RETIRE, { id: 'nanjing-2026' }, jiangsu);
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toMatch(/DRAFT: it was never in force/);
  });

  it('comes into force for the very next request when published', async () => {
    const published = ok(await server.gql(PUBLISH, { id: 'nanjing-2026', input: RECORDS }, jiangsu), 'publishCatalogVersion');
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedAt: '2026-12-01T02:00:00.000Z' });
    expect(await honourCodes()).toContain('NJ-11-001');
    expect(server.app.services.catalog.itemByCode('NJ-11-001')).toMatchObject({ versionId: 'nanjing-2026', provider: 'NDRC' });
  });

  it('cannot be published twice', async () => {
    const res = await server.gql(PUBLISH, { id: 'nanjing-2026' }, jiangsu);
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toMatch(/already PUBLISHED/);
  });

  it('cannot be edited once published, neither by update nor by re-creating it', async () => {
    const edit = await server.gql(UPDATE, { id: 'nanjing-2026', ...draft(nanjing({ title: '改' })) }, jiangsu);
    expect(codeOf(edit)).toBe('INVALID_TRANSITION');
    expect(messageOf(edit)).toMatch(/nanjing-2026 is PUBLISHED: a published catalog never changes/);
    expect(codeOf(await server.gql(CREATE, draft(nanjing()), jiangsu))).toBe('INVALID_TRANSITION');
    // The database holds the same line on its own (drizzle/0001_integrity_guards.sql).
    expect(await refusal(server.database.db.execute(sql`UPDATE catalog_versions SET title = 'x' WHERE id = 'nanjing-2026'`))).toMatch(/CATALOG_IMMUTABLE/);
  });

  it('takes records under its items, which stay with their subject after it is retired', async () => {
    const [item] = await server.database.db.select().from(catalogItems).where(and(eq(catalogItems.versionId, 'nanjing-2026'), eq(catalogItems.code, 'NJ-11-001')));
    // Recorded by the Nanjing development and reform commission, of the item's providing system.
    const input = {
      subjectCode: STEEL, itemCode: 'NJ-11-001', decisionDate: '2026-11-20',
      honour: { honourName: '南京市守信激励企业', awardingAuthority: '南京市发展和改革委员会' },
    };
    ok(await server.gql('mutation($input: RecordCreditInformationInput!) { recordCreditInformation(input: $input) { id } }', { input },
      await authHeaders({ role: 'DEPARTMENT', agency: 'NDRC_320100' }, 'CREDIT_SUPERVISION')), 'recordCreditInformation');
    const own = await authHeaders({ role: 'SUBJECT', subject: steel.id });
    const codes = async (headers?: Record<string, string>) =>
      ok(await server.gql(HONESTY, { code: STEEL }, headers), 'subject').profile.honesty.edges.map((e: any) => e.node.catalogItem.code);
    expect(await codes(own)).toContain('NJ-11-001');

    const retired = ok(await server.gql(RETIRE, { id: 'nanjing-2026' }, jiangsu), 'retireCatalogVersion');
    expect(retired).toMatchObject({ status: 'RETIRED', retiredAt: '2026-12-01T02:00:00.000Z' });
    expect(await honourCodes()).not.toContain('NJ-11-001');
    expect(await codes(own)).toContain('NJ-11-001');
    // Nothing new can be recorded under a retired version: the database itself refuses it, whatever code writes it.
    expect(await refusal(server.database.db.insert(creditRecords).values({
      subjectId: steel.id, catalogItemId: item!.id, dishonesty: false, agencyCode: 'NDRC', decisionDate: '2026-11-21', payload: {},
    }))).toMatch(/NOT_IN_CATALOG/);
  });

  it('cannot be retired twice, and a retired version never returns to force', async () => {
    const again = await server.gql(RETIRE, { id: 'nanjing-2026' }, jiangsu);
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
    expect(messageOf(again)).toMatch(/already RETIRED/);
    expect(codeOf(await server.gql(PUBLISH, { id: 'nanjing-2026' }, jiangsu))).toBe('INVALID_TRANSITION');
  });

  it('is still retired, with its items kept for old records, when the server starts again on the same database', async () => {
    const restarted = await createServer({
      config: { env: 'test', keys: TEST_KEYS },
      database: server.database,
      catalog: await syncCatalog(server.database.db, loadCatalogBundle()),
      logger: pino({ level: 'silent' }),
    });
    try {
      expect(restarted.services.catalog.itemByCode('NJ-11-001')).toBeUndefined();
      expect(restarted.services.catalog.allItems().map((i) => `${i.versionId}/${i.code}`)).toContain('nanjing-2026/NJ-11-001');
    } finally {
      await restarted.close();
    }
  });

  it('does not stop a new version from taking over a retired version\'s item codes', async () => {
    ok(await server.gql(CREATE, draft(nanjing({ id: 'nanjing-2027' }), 'nanjing-2027.yaml'), jiangsu), 'createCatalogDraft');
    ok(await server.gql(PUBLISH, { id: 'nanjing-2027', input: RECORDS }, jiangsu), 'publishCatalogVersion');
    expect(await honourCodes()).toContain('NJ-11-001');
  });
});

describe('retiring a version others rest on', () => {
  it('is refused while a supplementary catalog in force applies on it', async () => {
    const res = await server.gql(RETIRE, { id: 'national-2024' }, admin);
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toMatch(/supplementary catalog\(s\) [^;]*shenzhen-2023[^;]* in force apply on national-2024/);
  });

  it('is refused while a serious list records its listings under its items', async () => {
    ok(await server.gql(RETIRE, { id: 'nanjing-2027' }, jiangsu), 'retireCatalogVersion');
    ok(await server.gql(RETIRE, { id: 'shenzhen-2023' }, shenzhen), 'retireCatalogVersion');
    const res = await server.gql(RETIRE, { id: 'national-2024' }, admin);
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toMatch(/serious list\(s\) COURT_DEFAULTER \(item 02-01-001\).*record their listings under items of national-2024/);
    expect(server.app.services.catalog.itemByCode('03-02-001')).toMatchObject({ versionId: 'national-2024' });
  });
});

describe('a bad draft', () => {
  it('is rejected with a message naming file, line, item and field, and nothing is written', async () => {
    const res = await server.gql(CREATE, draft(nanjing({ id: 'nanjing-bad-2026', withYearRule: false }), 'nanjing-bad.yaml'), jiangsu);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/^catalog draft has 1 problem\(s\):\nnanjing-bad\.yaml:\d+ item NJ-11-001 field evaluationYear/);
    expect(res.body.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ file: 'nanjing-bad.yaml', entity: 'item NJ-11-001', field: 'evaluationYear' })]);
    expect(ok<Array<{ id: string }>>(await server.gql(VERSIONS, {}, admin), 'catalogVersions').map((v) => v.id)).not.toContain('nanjing-bad-2026');
  });

  it('is checked against the other files: an unknown purpose is named with its line', async () => {
    const res = await server.gql(CREATE, draft(nanjing({ id: 'nanjing-bad-2026', purpose: 'GOSSIP' }), 'nanjing-bad.yaml'), jiangsu);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/nanjing-bad\.yaml:16 item NJ-11-001 at share\.purposes\[0\]: unknown purpose GOSSIP; expected one of/);
  });

  it('with broken YAML is rejected at the line of the error', async () => {
    const res = await server.gql(CREATE, draft('kind: MEASURE_LIST\nid: [unclosed\n', 'broken.yaml'), admin);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/broken\.yaml:\d+: YAML syntax error/);
  });

  it('of a vocabulary kind is refused: purposes and regimes ship with the code', async () => {
    const res = await server.gql(CREATE, draft('kind: PURPOSES\npurposes: []\n', 'purposes.yaml'), admin);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });

  /** A measures list restating a measure the agencies' powers already name (agency-powers.yaml). */
  const measures2026 = (code: string) => JSON.stringify({
    kind: 'MEASURE_LIST', id: 'measures-2026', title: '测试清单', documentNumber: '发改财金规〔2026〕1号', issuedBy: ['国家发展和改革委员会'],
    categories: [{ code: 'MANAGEMENT', name: '管理措施' }],
    measures: [{
      code, name: '列为重点监管对象', category: 'MANAGEMENT', legalBasis: [{ level: 'STATE_COUNCIL_DOCUMENT', title: '《国务院关于建立完善守信联合激励和失信联合惩戒制度的指导意见》' }],
      implementer: '各级市场监管部门', targets: '严重失信主体', appliesTo: { severities: ['SERIOUS'], listTypes: ['SAMR_SERIOUS_VIOLATION'] },
    }],
  });

  it('of a measures list is refused when it brings a measure nobody has the power to implement', async () => {
    const res = await server.gql(CREATE, draft(measures2026('KEY_SUPERVISION_2026'), 'measures-2026.json'), admin);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/measures-2026\.json:?\d* measure KEY_SUPERVISION_2026 at code: no implementers for measure KEY_SUPERVISION_2026 in agency-powers\.yaml; name the department systems that implement it \(49号 五\(九\)\)/);
  });

  it('may be written as JSON', async () => {
    const res = await server.gql(CREATE, draft(measures2026('KEY_SUPERVISION'), 'measures-2026.json'), admin);
    expect(ok(res, 'createCatalogDraft')).toMatchObject({ id: 'measures-2026', kind: 'MEASURE_LIST', status: 'DRAFT', entries: 1 });
  });
});
