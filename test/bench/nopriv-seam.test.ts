/**
 * The seam the benchmark's no-privacy build uses (ServerDeps.buildSchema, bench/nopriv/main.ts):
 * left out, the server is guarded; given the bare schema, the same server on the same data
 * answers without shield, desensitisation or access log. If the seam stopped being honoured,
 * the bench's comparison target (a) would silently measure the guarded server.
 */
import pino from 'pino';
import { count } from 'drizzle-orm';
import { accessLog } from '../../src/db/schema';
import { buildBareSchema } from '../../src/graphql/schema';
import { createServer, type AppServer } from '../../src/server';
import { authHeaders, startTestServer, TEST_KEYS, type TestServer } from '../support/server';

const PUBLIC = 'query($code: String!) { subject(code: $code) { name address legalRepresentative } }';
const PARTNER = 'query($codes: [String!]!) { subjectsByCodes(codes: $codes) { name legalRepresentative } }';
const CODE = '91320100748204660Q';

let guarded: TestServer;
let bare: AppServer;
let bareUrl: string;

beforeAll(async () => {
  guarded = await startTestServer({ subjects: 20 });
  bare = await createServer({
    config: { env: 'test', keys: TEST_KEYS }, database: guarded.database, catalog: guarded.catalog,
    logger: pino({ level: 'silent' }), buildSchema: () => buildBareSchema(),
  });
  bareUrl = await bare.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await bare?.close();
  await guarded?.close();
});

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
}

const logRows = async () => Number((await guarded.database.db.select({ n: count() }).from(accessLog))[0]!.n);

test('without buildSchema the server is guarded: an unpublished field is denied and names are masked for the public', async () => {
  const r = await guarded.gql(PUBLIC, { code: CODE });
  expect(r.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  expect(r.body.data?.subject.address).toBeNull();
  expect(r.body.data?.subject.legalRepresentative).toMatch(/\*/);
});

test('with the bare schema the same data is served unguarded and unmasked', async () => {
  const r = await post(bareUrl, PUBLIC, { code: CODE });
  expect(r.errors).toBeUndefined();
  expect(r.data.subject.address).toEqual(expect.any(String));
  expect(r.data.subject.legalRepresentative).not.toMatch(/\*/);
});

test('a partner read is access-logged by the guarded server only', async () => {
  const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
  const before = await logRows();
  const unguarded = await post(bareUrl, PARTNER, { codes: [CODE] }, headers);
  expect(unguarded.errors).toBeUndefined();
  expect(await logRows()).toBe(before);
  const logged = await guarded.gql(PARTNER, { codes: [CODE] }, headers);
  expect(logged.body.errors).toBeUndefined();
  expect(await logRows()).toBeGreaterThan(before);
});
