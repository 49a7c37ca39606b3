/**
 * The partner allow-list of persisted operations: with one configured, a partner runs only
 * operations registered for all partners or for its own agency, named by sha256 (Apollo's
 * persisted-query extension or a plain id); anything else is refused with
 * OPERATION_NOT_ALLOWED before execution. Public and other roles are unaffected.
 */
import { buildPersistedOperations, sha256Hex } from '../../src/http/persisted-operations';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let STEEL = '';
const BY_CODE = 'query SubjectByCode($code: String!) { subject(code: $code) { name uscc } }';
const TRADING_ONLY = 'query TradingProfile($code: String!) { subject(code: $code) { name legalRepresentative } }';
const HARVEST = '{ searchSubjects(keyword: "公司", first: 100) { totalCount edges { node { name uscc } } } }';

let server: TestServer;
beforeAll(async () => {
  const persistedOperations = buildPersistedOperations({
    partners: { [sha256Hex(BY_CODE)]: BY_CODE },
    agencies: { JS_PRTC: { [sha256Hex(TRADING_ONLY)]: TRADING_ONLY } },
  });
  server = await startTestServer({ seed: false, persistedOperations });
  const build = builder(server);
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  await build.agencies('NDRC');
  STEEL = (await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100', legalRepresentative: '陈立平' })).uscc!;
});
afterAll(() => server.close());

const trading = () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
const bank = () => authHeaders({ role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE');

async function send(body: unknown, headers: Record<string, string>) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the partner allow-list of persisted operations', () => {
  it('runs a registered operation a partner names by Apollo persisted-query hash', async () => {
    const res = await send({ variables: { code: STEEL }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(BY_CODE) } } }, await trading());
    expect(res.status).toBe(200);
    expect(res.body.data.subject).toEqual({ name: '南京钢铁联合有限公司', uscc: STEEL });
  });

  it('runs an operation registered for the partner\'s own agency named by a plain id, also over GET', async () => {
    const post = await send({ id: sha256Hex(TRADING_ONLY), variables: { code: STEEL } }, await trading());
    expect(post.body.data.subject.legalRepresentative).toBe('陈立平');
    const search = new URLSearchParams({ id: sha256Hex(TRADING_ONLY), variables: JSON.stringify({ code: STEEL }) });
    const get = await fetch(`${server.url}?${search}`, { headers: { ...(await trading()), 'apollo-require-preflight': 'true' } });
    expect(((await get.json()) as any).data.subject.legalRepresentative).toBe('陈立平');
  });

  it('refuses a partner\'s free-text query with OPERATION_NOT_ALLOWED and 403, before anything executes', async () => {
    const res = await send({ query: HARVEST }, await trading());
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses another agency\'s registered operation', async () => {
    const res = await send({ id: sha256Hex(TRADING_ONLY), variables: { code: STEEL } }, await bank());
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'OPERATION_NOT_ALLOWED' }, message: expect.stringContaining('JL_BANK') });
  });

  it('refuses a registered hash sent with different query text, so the text cannot be smuggled in', async () => {
    const res = await send({ query: HARVEST, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(BY_CODE) } } }, await trading());
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
  });

  it('refuses batches from a partner', async () => {
    const res = await send([{ id: sha256Hex(BY_CODE), variables: { code: STEEL } }], await trading());
    expect(res.status).toBe(403);
  });

  it('leaves the public and other roles free to send their own queries', async () => {
    const pub = await send({ query: HARVEST }, {});
    expect(pub.status).toBe(200);
    expect(pub.body.data.searchSubjects.totalCount).toBeGreaterThan(0);
    const dept = await send({ query: `{ subject(code: "${STEEL}") { name } }` }, await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }));
    expect(dept.status).toBe(200);
    expect(dept.body.data.subject.name).toBe('南京钢铁联合有限公司');
  });

  it('rejects an allow-list whose key is not its document\'s sha256', () => {
    expect(() => buildPersistedOperations({ partners: { deadbeef: BY_CODE } })).toThrow(/not the sha256 of its document/);
  });
});
