/**
 * The client contract over HTTP (README "Writing a client"), through the real server: for each
 * refusal, its status and body under both response media types; and what a partner may ask
 * without X-Purpose (the schema: `__typename`, introspection) and what it may not (any data).
 */
import { sql } from 'drizzle-orm';
import { getIntrospectionQuery } from 'graphql';
import { MemoryWindowStore, RateLimiter } from '../../src/http/rate-limit';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const STEEL = '91320100748204660Q';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const RATE_BUDGET = 3;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    subjects: 5,
    rateLimiter: new RateLimiter({ perPrincipal: 1_000, perIp: 100_000, windowMs: 60_000 }, new MemoryWindowStore()),
  });
}, 240_000);
afterAll(() => server?.close());

interface Answer {
  status: number;
  contentType: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  headers: Headers;
}

async function post(body: string, headers: Record<string, string>, accept?: string): Promise<Answer> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: JSON.parse(text), headers: res.headers };
}

const op = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const partner = (purpose?: string) => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, purpose);

/** A request the server refuses, the code it names, and its status under each media type. */
interface Refusal {
  name: string;
  request: () => Promise<[string, Record<string, string>]>;
  code: string;
  /** Under application/graphql-response+json. */
  status: number;
  /** Under application/json (and without Accept). */
  jsonStatus: number;
}

const REFUSALS: Refusal[] = [
  { name: 'a token that does not verify', request: async () => [op('{ purposes { code } }'), { authorization: 'Bearer not.a.token' }], code: 'UNAUTHENTICATED', status: 401, jsonStatus: 401 },
  { name: 'a partner reading data without X-Purpose', request: async () => [op('{ purposes { code } }'), await partner()], code: 'PURPOSE_REQUIRED', status: 400, jsonStatus: 400 },
  { name: 'a purpose outside the agency\'s agreements', request: async () => [op('{ purposes { code } }'), await partner('JOINT_PUNISHMENT')], code: 'PURPOSE_NOT_PERMITTED', status: 403, jsonStatus: 403 },
  { name: 'a syntax error', request: async () => [op('{ subject('), {}], code: 'GRAPHQL_PARSE_FAILED', status: 400, jsonStatus: 200 },
  { name: 'an unknown field', request: async () => [op('{ nosuchfield }'), {}], code: 'GRAPHQL_VALIDATION_FAILED', status: 400, jsonStatus: 200 },
  { name: 'a variable of the wrong type', request: async () => [op('query($c: String!) { subject(code: $c) { name } }', { c: 7 }), {}], code: 'BAD_USER_INPUT', status: 400, jsonStatus: 200 },
  { name: 'a document nested too deep', request: async () => [op('{ seriousLists(first: 5) { edges { node { subject { profile { penalties { edges { node { catalogItem { name } } } } } } } } } }'), {}], code: 'DEPTH_LIMIT', status: 400, jsonStatus: 200 },
  { name: 'a document of too many tokens', request: async () => [op(`{ __typename ${'__typename '.repeat(1200)} }`), {}], code: 'TOKEN_LIMIT', status: 400, jsonStatus: 200 },
  { name: 'a document over the length limit', request: async () => [op(`#${'x'.repeat(40_000)}\n{ __typename }`), {}], code: 'QUERY_LENGTH_LIMIT', status: 400, jsonStatus: 200 },
  { name: 'a NUL character in the input', request: async () => [op('query($k: String!) { searchSubjects(keyword: $k) { totalCount } }', { k: '南京\u0000' }), {}], code: 'BAD_USER_INPUT', status: 400, jsonStatus: 200 },
  { name: 'a body that is not JSON', request: async () => ['{"query": ', {}], code: 'BAD_REQUEST', status: 400, jsonStatus: 400 },
  { name: 'a body over the size limit', request: async () => [op(`#${'x'.repeat(2_000_000)}\n{ __typename }`), {}], code: 'BODY_LIMIT', status: 413, jsonStatus: 413 },
];

describe('refusals under application/graphql-response+json', () => {
  it.each(REFUSALS.map((r) => [r.name, r] as const))('%s: a GraphQL response with the code and its 4xx status', async (_name, r) => {
    const [body, headers] = await r.request();
    const res = await post(body, headers, `${GRAPHQL_RESPONSE}, application/json;q=0.9`);
    expect({ status: res.status, contentType: res.contentType, code: res.body.errors?.[0]?.extensions?.code })
      .toEqual({ status: r.status, contentType: `${GRAPHQL_RESPONSE}; charset=utf-8`, code: r.code });
    expect(res.body).not.toHaveProperty('data');
    expect(res.body.errors![0]!.message).toEqual(expect.any(String));
  });

  it('says how to authenticate on 401', async () => {
    const res = await post(op('{ __typename }'), { authorization: 'Bearer not.a.token' }, GRAPHQL_RESPONSE);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });
});

describe('refusals under application/json', () => {
  it.each(REFUSALS.map((r) => [r.name, r] as const))('%s: 200 for a document error, the 4xx status for a refusal of the caller', async (_name, r) => {
    const [body, headers] = await r.request();
    for (const accept of ['application/json', undefined]) {
      const res = await post(body, headers, accept);
      expect({ accept, status: res.status, contentType: res.contentType, code: res.body.errors?.[0]?.extensions?.code })
        .toEqual({ accept, status: r.jsonStatus, contentType: 'application/json; charset=utf-8', code: r.code });
    }
  });
});

describe('rate limits under both media types', () => {
  it('answer 429 with Retry-After and RATE_LIMITED in the body', async () => {
    const limited = await startTestServer({
      database: server.database, seed: false,
      rateLimiter: new RateLimiter({ perPrincipal: RATE_BUDGET, perIp: 100_000, windowMs: 60_000 }, new MemoryWindowStore()),
    });
    try {
      const headers = await partner('PUBLIC_RESOURCE_TRADING');
      const send = (accept: string) => fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body: op('{ __typename }') });
      for (let i = 0; i < RATE_BUDGET; i += 1) expect((await send(GRAPHQL_RESPONSE)).status).toBe(200);
      for (const accept of [GRAPHQL_RESPONSE, 'application/json']) {
        const res = await send(accept);
        expect({ status: res.status, contentType: res.headers.get('content-type'), retryAfter: Number(res.headers.get('retry-after')) })
          .toEqual({ status: 429, contentType: `${accept}; charset=utf-8`, retryAfter: expect.any(Number) });
        expect((await res.json()).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      }
    } finally {
      await limited.app.close();
    }
  });
});

describe('a partner without X-Purpose', () => {
  const accessLines = async () => (await server.database.db.execute(sql`SELECT count(*)::int AS n FROM access_log`) as unknown as { rows?: Array<{ n: number }> } & Array<{ n: number }>);
  const countLines = async () => {
    const r = await accessLines();
    return Number((r.rows ?? r)[0]!.n);
  };

  it.each([
    ['__typename', '{ __typename }', { __typename: 'Query' }],
    ['__typename through fragments', '{ ... on Query { __typename } ...F } fragment F on Query { t: __typename }', { __typename: 'Query', t: 'Query' }],
    ['__schema', '{ __schema { queryType { name } } }', { __schema: { queryType: { name: 'Query' } } }],
    ['__type', '{ __type(name: "Subject") { name } }', { __type: { name: 'Subject' } }],
    ['__typename of a mutation', 'mutation { __typename }', { __typename: 'Mutation' }],
  ])('may ask for %s: it reads only the schema, and leaves no access-log line', async (_name, query, data) => {
    const before = await countLines();
    const res = await post(op(query), await partner(), GRAPHQL_RESPONSE);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { data } });
    expect(await countLines()).toBe(before);
  });

  it('may run the full introspection query code generators send', async () => {
    const res = await post(op(getIntrospectionQuery()), await partner(), GRAPHQL_RESPONSE);
    expect(res.status).toBe(200);
    expect((res.body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
  });

  it.each([
    ['a data field beside __typename', '{ __typename purposes { code } }'],
    ['a data field inside an inline fragment', `{ ... on Query { subject(code: "${STEEL}") { name } } }`],
    ['a data field inside a fragment spread', `{ ...F } fragment F on Query { __typename subject(code: "${STEEL}") { name } }`],
    ['the data operation of a document that also holds a schema-only one', 'query Meta { __typename } query Data { purposes { code } }'],
  ])('is refused PURPOSE_REQUIRED for %s', async (name, query) => {
    const operationName = name.startsWith('the data operation') ? 'Data' : undefined;
    const res = await post(JSON.stringify({ query, operationName }), await partner(), GRAPHQL_RESPONSE);
    expect({ status: res.status, code: res.body.errors?.[0]?.extensions?.code, data: res.body.data })
      .toEqual({ status: 400, code: 'PURPOSE_REQUIRED', data: undefined });
    expect(res.body.errors![0]!.message).toMatch(/X-Purpose/);
  });

  it('is refused introspection where the server keeps it from every caller (INTROSPECTION=off)', async () => {
    const closed = await startTestServer({ database: server.database, seed: false, config: { introspection: 'off' } });
    try {
      const res = await fetch(closed.url, {
        method: 'POST', headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...(await partner()) },
        body: op('{ __schema { queryType { name } } }'),
      });
      expect(res.status).toBe(403);
      expect((await res.json()).errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');
      const typename = await fetch(closed.url, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(await partner()) }, body: op('{ __typename }'),
      });
      expect(await typename.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await closed.app.close();
    }
  });

  it('is the same for a department', async () => {
    const department = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' });
    expect((await post(op('{ __typename }'), department)).body).toEqual({ data: { __typename: 'Query' } });
    expect((await post(op('{ purposes { code } }'), department)).body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
  });
});
