/**
 * What the server gives away, and to whom: field suggestions, stack traces, introspection
 * and GraphiQL in production against development; and cross-site request forgery through
 * GET, form and text/plain requests, checked in the database.
 */
import { count, eq } from 'drizzle-orm';
import { objections } from '../../src/db/schema';
import { buildPortalCompany, codesOf, expectStillServing as stillServing, send } from '../support/attacks';
import { uniqueUscc, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let prod: TestServer;
let dev: TestServer;
/** Each server's company: the one the portal looks up between attacks, and the SUBJECT token's. */
const company = new Map<TestServer, BuiltSubject>();
beforeAll(async () => {
  [prod, dev] = await Promise.all([
    startTestServer({ seed: false, config: { env: 'production' } }),
    startTestServer({ seed: false }),
  ]);
  for (const server of [prod, dev]) company.set(server, await buildPortalCompany(server));
}, 120_000);
const expectStillServing = (server: TestServer) => stillServing(server, company.get(server)!);
/** A well-formed code for documents that never run (refused at validation). */
const ANY_CODE = uniqueUscc('320100');
afterAll(() => Promise.all([prod.close(), dev.close()]));

const partner = () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');

describe('field suggestions', () => {
  const typos = [
    [`{ subject(code: "${ANY_CODE}") { nam } }`, /Cannot query field "nam" on type "Subject"/],
    [`{ subject(cod: "${ANY_CODE}") { name } }`, /Unknown argument "cod" on field "Query.subject"/],
    ['{ objections(state: PENDIN) { totalCount } }', /Value "PENDIN" does not exist in "ObjectionState" enum/],
    [`{ subject(code: "${ANY_CODE}") { ... on Subjet { name } } }`, /Unknown type "Subjet"/],
  ] as const;

  it.each(typos)('are not offered in production for %s', async (query, message) => {
    const res = await prod.gql(query);
    // A validation error under application/json is 200 (GraphQL over HTTP; 400 under application/graphql-response+json).
    expect(res.status).toBe(200);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(messageOf(res)).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean/);
    await expectStillServing(prod);
  });

  it('are offered in development, where they help', async () => {
    const res = await dev.gql(typos[0][0]);
    expect(messageOf(res)).toMatch(/Did you mean "name"\?/);
  });
});

describe('stack traces', () => {
  const leaky = () => new Error('connect ECONNREFUSED 10.0.0.5:5432 user=credit password=hunter2');

  it('are not sent in production: an internal failure is masked, its text stays in the log', async () => {
    const spy = jest.spyOn(prod.app.services.subjects, 'search').mockRejectedValueOnce(leaky());
    const res = await prod.gql('{ searchSubjects(keyword: "南京") { totalCount } }');
    spy.mockRestore();
    expect(res.body.errors).toEqual([{
      message: 'internal error; the server log has the details under this request id',
      path: ['searchSubjects'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    }]);
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|10\.0\.0\.5|stacktrace|at .*\.ts/);
    await expectStillServing(prod);
  });

  it('are not sent with client errors in production either', async () => {
    const res = await prod.gql('{ subject(code: "91320100748204660X") { name } }');
    expect(codeOf(res)).toBe('INVALID_USCC');
    expect(res.body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });

  it('are sent in development for internal errors, where they help', async () => {
    const spy = jest.spyOn(dev.app.services.subjects, 'search').mockRejectedValueOnce(leaky());
    const res = await dev.gql('{ searchSubjects(keyword: "南京") { totalCount } }');
    spy.mockRestore();
    expect(codeOf(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(res.body.errors?.[0]?.extensions?.stacktrace).toEqual(expect.any(Array));
  });
});

describe('introspection', () => {
  it.each(['{ __schema { queryType { name } } }', '{ __type(name: "Subject") { fields { name } } }'])(
    'is refused to the public view in production with 403 INTROSPECTION_DISABLED: %s',
    async (query) => {
      const res = await prod.gql(query);
      expect(res.status).toBe(403);
      expect(codesOf(res)).toEqual(['INTROSPECTION_DISABLED']);
      expect(res.body.data).toBeUndefined();
      await expectStillServing(prod);
    },
  );

  it('is refused inside a fragment too', async () => {
    const res = await prod.gql('{ ...Q } fragment Q on Query { __schema { types { name } } }');
    expect(codesOf(res)).toEqual(['INTROSPECTION_DISABLED']);
  });

  it('is answered to a token holder in production', async () => {
    const res = await prod.gql('{ __type(name: "Subject") { name } }', undefined, await partner());
    expect(res.body).toEqual({ data: { __type: { name: 'Subject' } } });
  });

  it('leaves __typename to everyone', async () => {
    expect((await prod.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('is answered to everyone in development', async () => {
    const res = await dev.gql('{ __schema { queryType { name } } }');
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('GraphiQL', () => {
  const browse = (server: TestServer) => send(server.url, { headers: { accept: 'text/html' } });

  it('is not served in production', async () => {
    const res = await browse(prod);
    expect(res.contentType).not.toMatch(/text\/html/);
    expect(res.status).toBe(400);
  });

  it('is served in development', async () => {
    const res = await browse(dev);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/text\/html/);
  });
});

describe('cross-site request forgery', () => {
  let recordId: string;
  const objectionCount = async () =>
    (await dev.database.db.select({ n: count() }).from(objections).where(eq(objections.subjectId, company.get(dev)!.id)))[0]!.n;
  const FILE = 'mutation($id: ID!) { fileObjection(input: { creditRecordId: $id, reason: "罚款金额有误，附缴款凭证。" }) { id } }';

  beforeAll(async () => {
    const own = await dev.gql(`{ subject(code: "${company.get(dev)!.uscc}") { profile { penalties(first: 1) { edges { node { id } } } } } }`,
      undefined, await authHeaders({ role: 'SUBJECT', subject: company.get(dev)!.id }));
    recordId = own.body.data!.subject.profile.penalties.edges[0].node.id;
  });

  it('blocks a simple GET (no preflight header) with 400 BAD_REQUEST', async () => {
    const res = await send(`${dev.url}?query=${encodeURIComponent(`{ subject(code: "${company.get(dev)!.uscc}") { name } }`)}`, {});
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/Cross-Site Request Forgery/) });
    await expectStillServing(dev);
  });

  it('refuses a mutation over GET even with the preflight header, and writes nothing', async () => {
    const before = await objectionCount();
    const search = new URLSearchParams({ query: FILE, variables: JSON.stringify({ id: recordId }) });
    const res = await send(`${dev.url}?${search}`, {
      headers: { 'apollo-require-preflight': 'true', ...(await authHeaders({ role: 'SUBJECT', subject: company.get(dev)!.id })) },
    });
    expect(res.status).toBe(405);
    expect(res.body.errors[0].message).toMatch(/GET requests only support query operations/);
    expect(await objectionCount()).toBe(before);
    await expectStillServing(dev);
  });

  it.each([
    ['application/x-www-form-urlencoded', (id: string) => new URLSearchParams({ query: FILE, variables: JSON.stringify({ id }) }).toString()],
    ['text/plain', (id: string) => JSON.stringify({ query: FILE, variables: { id } })],
    ['multipart/form-data; boundary=x', (id: string) => `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: FILE, variables: { id } })}\r\n--x--`],
  ])('refuses a %s POST of a mutation, and writes nothing', async (contentType, body) => {
    const before = await objectionCount();
    const res = await send(dev.url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(await authHeaders({ role: 'SUBJECT', subject: company.get(dev)!.id })) },
      body: body(recordId),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(await objectionCount()).toBe(before);
    await expectStillServing(dev);
  });

  it('still accepts the same mutation as a JSON POST (so the refusals above are about the form)', async () => {
    const before = await objectionCount();
    const res = await dev.gql(FILE, { id: recordId }, await authHeaders({ role: 'SUBJECT', subject: company.get(dev)!.id }));
    expect(res.body.errors).toBeUndefined();
    expect(await objectionCount()).toBe(before + 1);
  });
});
