/**
 * Data-sharing agreements are versions, drafted, published and retired through the catalog's
 * flow by the platform that owns them (issue 11 item 1): the national platform for national
 * versions, a regional platform for its area, granting only agencies inside it. An agreement
 * grants a purpose from the moment its version is published until it is retired.
 */
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { codeOf, messageOf, ok } from '../support/responses';

const clock = new Date('2026-12-01T10:00:00+08:00');
let server: TestServer;
/** A Nanjing company built for this file: what the trading centre looks up. */
let company: string;
const COMPANY_NAME = '南京钢铁联合有限公司';
beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server);
  await build.agencies('NDRC', 'NDRC_320000', 'NDRC_440300', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.partners('JS_PRTC');
  company = (await build.legalPerson({ name: COMPANY_NAME, region: '320100' })).uscc!;
}, 120_000);
afterAll(() => server.close());

const CREATE = `mutation($input: CatalogDraftInput!) { createCatalogDraft(input: $input) { id status kind } }`;
const PUBLISH = `mutation($id: String!, $input: PublishCatalogVersionInput) { publishCatalogVersion(id: $id, input: $input) { id status publishedBy approval { documentNumber } consultation { from } } }`;
const RETIRE = `mutation($id: String!) { retireCatalogVersion(id: $id) { id status } }`;
const admin = (agency: string) => authHeaders({ role: 'CATALOG_ADMIN', agency });
const create = async (agency: string, doc: unknown) => server.gql(CREATE, { input: { source: JSON.stringify(doc), fileName: 'agreements.json' } }, await admin(agency));
const APPROVAL = { body: '江苏省社会信用体系建设领导小组办公室', date: '2026-11-25', documentNumber: '苏信用办〔2026〕12号' };

/** A version of agreements of `region` granting JS_PRTC procurement review (it holds only PUBLIC_RESOURCE_TRADING today). */
function procurementFor(id: string, region: string, grantee: Record<string, unknown> = { agencies: ['JS_PRTC'] }, code = `JS_PRTC_PROCUREMENT_${id.slice(-4)}`) {
  return {
    kind: 'SHARING_AGREEMENTS', id, title: '江苏省公共信用信息共享协议（2026年）', region,
    agreements: [{
      code, name: '江苏省公共资源交易中心政府采购供应商审查共享协议', grantee,
      purposes: ['GOVERNMENT_PROCUREMENT_REVIEW'], covers: { categories: ['REGISTRATION_BASICS', 'SERIOUS_DISHONESTY_LIST'] },
      legalBasis: [{ level: 'LAW', title: '《中华人民共和国政府采购法》', article: '第二十二条' }],
      validFrom: '2026-01-01', validUntil: '2028-12-31',
    }],
  };
}

async function prtcDeclares(requestId: string) {
  return server.gql(`{ subject(code: "${company}") { name legalRepIdNumber } }`, {},
    { ...(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'GOVERNMENT_PROCUREMENT_REVIEW')), 'x-request-id': requestId });
}

describe('an agreements version of the Jiangsu platform', () => {
  it('grants nothing as a draft, grants its purpose once published, and nothing again once retired', async () => {
    expect(ok(await create('NDRC_320000', procurementFor('js-agreements-2026', '320000')), 'createCatalogDraft'))
      .toMatchObject({ id: 'js-agreements-2026', status: 'DRAFT', kind: 'SHARING_AGREEMENTS' });
    const asDraft = await prtcDeclares('agreement-draft');
    expect(asDraft.status).toBe(403);
    expect(codeOf(asDraft)).toBe('PURPOSE_NOT_PERMITTED');

    // An agreement needs its approval; no public consultation (it binds the platform and the grantee).
    expect(codeOf(await server.gql(PUBLISH, { id: 'js-agreements-2026' }, await admin('NDRC_320000')))).toBe('BAD_USER_INPUT');
    const published = ok(await server.gql(PUBLISH, { id: 'js-agreements-2026', input: { approval: APPROVAL } }, await admin('NDRC_320000')), 'publishCatalogVersion');
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedBy: 'NDRC_320000', approval: { documentNumber: '苏信用办〔2026〕12号' }, consultation: null });

    const granted = await prtcDeclares('agreement-published');
    expect(granted.status).toBe(200);
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data!.subject.name).toBe(COMPANY_NAME);

    expect(ok(await server.gql(RETIRE, { id: 'js-agreements-2026' }, await admin('NDRC_320000')), 'retireCatalogVersion')).toMatchObject({ status: 'RETIRED' });
    expect((await prtcDeclares('agreement-retired')).status).toBe(403);
  });
});

describe('who may issue agreements', () => {
  it.each([
    ['the Shenzhen platform, for Jiangsu\'s area', 'NDRC_440300', procurementFor('js-agreements-2027', '320000'), 'FORBIDDEN', /published only by the social-credit lead .* of a region containing 320000/],
    ['the Shenzhen platform, granting a Jiangsu agency inside its own version', 'NDRC_440300', procurementFor('sz-agreements-2027', '440300'), 'FORBIDDEN', /grantee JS_PRTC \(region 320000\) is outside area 440300/],
    ['a regional platform, granting a whole department system without a region', 'NDRC_320000', procurementFor('js-agreements-2028', '320000', { systems: ['BANK'] }), 'FORBIDDEN', /needs a region inside area 320000/],
    ['a county market regulator', 'SAMR_320106', procurementFor('js-agreements-2029', '320000'), 'FORBIDDEN', /published only by/],
    ['anyone, restating an agreement code already in force', 'NDRC', procurementFor('national-agreements-2027', '100000', { agencies: ['JS_PRTC'] }, 'JS_PRTC_2024'), 'BAD_USER_INPUT', /agreement JS_PRTC_2024 is already given in version sharing-agreements-2025/],
  ])('refuses %s', async (_name, agency, doc, code, message) => {
    const res = await create(agency, doc);
    expect(codeOf(res)).toBe(code);
    expect(messageOf(res)).toMatch(message);
  });

  it('lets the national platform issue a national version granting anyone', async () => {
    expect(ok(await create('NDRC', procurementFor('national-agreements-2028', '100000', { systems: ['PRTC'] }, 'PRTC_PROCUREMENT_2028')), 'createCatalogDraft'))
      .toMatchObject({ status: 'DRAFT' });
  });
});
