/**
 * The catalog snapshot's name (CatalogIndex.identity), under which the public cache's shared
 * tier keeps answers, through the real server and database: the versions made through the API
 * enter the snapshot in the order they were made, not in the order the database returns their
 * rows (publishing rewrites a version's row, which moves it), because that order is part of what
 * the snapshot answers; and a second instance started on the same database names it alike.
 */
import { builder } from '../support/builders';
import { ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const clock = { at: new Date('2026-12-01T10:00:00+08:00'), now() { return this.at; } };
let one: TestServer;
let two: TestServer | undefined;

beforeAll(async () => {
  one = await startTestServer({ seed: false, now: () => clock.now() });
  await builder(one).agencies('NDRC');
}, 120_000);
afterAll(async () => {
  await two?.app.close();
  await one.close();
});

const CREATE = 'mutation($input: CatalogDraftInput!) { createCatalogDraft(input: $input) { id } }';
const PUBLISH = 'mutation($id: String!, $input: PublishCatalogVersionInput) { publishCatalogVersion(id: $id, input: $input) { id status } }';
const MEASURES = '{ punishmentMeasures { version code } }';
const RECORDS = {
  approval: { body: '社会信用体系建设部际联席会议', date: '2026-11-20', documentNumber: '发改财金规〔2026〕10号' },
  consultation: { from: '2026-09-01', to: '2026-10-10', channel: 'https://www.creditchina.gov.cn/' },
};

/** A national measures list restating KEY_SUPERVISION on a law. */
const measuresList = (id: string) => JSON.stringify({
  kind: 'MEASURE_LIST', id, title: `全国失信惩戒措施基础清单（${id}）`, documentNumber: '发改财金规〔2026〕10号', issuedBy: ['国家发展和改革委员会'],
  categories: [{ code: 'MANAGEMENT', name: '管理措施' }],
  measures: [{
    code: 'KEY_SUPERVISION', name: '列为重点监管对象', category: 'MANAGEMENT',
    legalBasis: [{ level: 'LAW', title: '《中华人民共和国行政处罚法》', article: '第四十八条' }],
    implementer: '各级市场监管部门', targets: '严重失信主体', appliesTo: { severities: ['SERIOUS'], listTypes: ['SAMR_SERIOUS_VIOLATION'] },
  }],
});

const versionsListed = async (server: TestServer) =>
  [...new Set(ok<Array<{ version: string }>>(await server.gql(MEASURES), 'punishmentMeasures').map((m) => m.version))];

describe('the catalog snapshot', () => {
  it('holds the versions made through the API in the order they were made, whatever order their rows are in', async () => {
    const admin = await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC' });
    // Made first, but its id sorts last and it is published last: its row is rewritten after the other's.
    ok(await one.gql(CREATE, { input: { source: measuresList('measures-second-2027'), fileName: 'a.json' } }, admin), 'createCatalogDraft');
    clock.at = new Date(clock.at.getTime() + 60_000);
    ok(await one.gql(CREATE, { input: { source: measuresList('measures-first-2027'), fileName: 'b.json' } }, admin), 'createCatalogDraft');
    clock.at = new Date(clock.at.getTime() + 60_000);
    ok(await one.gql(PUBLISH, { id: 'measures-first-2027', input: RECORDS }, admin), 'publishCatalogVersion');
    ok(await one.gql(PUBLISH, { id: 'measures-second-2027', input: RECORDS }, admin), 'publishCatalogVersion');
    expect(await versionsListed(one)).toEqual(['measures-2024', 'measures-second-2027', 'measures-first-2027']);
  });

  it('is named alike by a second instance on the same database, which answers alike', async () => {
    two = await startTestServer({ database: one.database, seed: false, now: () => clock.now() });
    expect(two.app.services.catalog.identity).toMatch(/^[\w-]{43}$/);
    expect(two.app.services.catalog.identity).toBe(one.app.services.catalog.identity);
    expect(await versionsListed(two)).toEqual(await versionsListed(one));
  });
});
