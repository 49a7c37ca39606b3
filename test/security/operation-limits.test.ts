/**
 * Operation limits against the attacks they exist for, through the real server: each attack
 * is refused with its own code before any resolver runs, and the next ordinary request is
 * answered. The defaults are those of src/http/operation-limits.ts.
 */
import { sql } from 'drizzle-orm';
import { getIntrospectionQuery } from 'graphql';
import { connectPostgres, statementCounter } from '../../src/db/database';
import { exampleTabs } from '../../src/http/examples';
import { DEFAULT_OPERATION_LIMITS } from '../../src/http/operation-limits';
import { codesOf, expectStillServing, send } from '../support/attacks';
import { builder, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
/** The company every attack names, with penalties; and other Nanjing companies the searches find. */
let steel: BuiltSubject;
let STEEL = '';
beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => new Date('2026-12-01T10:00:00+08:00') });
  const build = builder(server);
  await build.agencies('NDRC', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  STEEL = steel.uscc!;
  for (const decisionDate of ['2025-03-18', '2025-09-01', '2026-06-01']) await build.penalty(steel, { by: 'SAMR_320106', decisionDate });
  await build.licence(steel, { by: 'SAMR_320106', decisionDate: '2025-01-10' });
  for (let i = 1; i <= 4; i++) await build.legalPerson({ name: `南京测试${i}号有限公司`, region: '320100' });
}, 120_000);
afterAll(() => server.close());

/**
 * The refusals here are asked for as application/graphql-response+json, the media type whose
 * status says what happened (400 for a limit). Under application/json a limit is a document
 * error answered 200, as the GraphQL-over-HTTP spec says (test/contract/graphql-over-http.test.ts).
 */
const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };
const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
  server.gql(query, variables, { ...GRAPHQL_RESPONSE, ...headers });
const post = (body: string, contentType = 'application/json') =>
  send(server.url, { method: 'POST', headers: { 'content-type': contentType, ...GRAPHQL_RESPONSE }, body });

describe('the default limits', () => {
  it('let every GraphiQL example document through: an unknown operation name is the only complaint', async () => {
    for (const tab of exampleTabs()) {
      const res = await post(JSON.stringify({ query: tab.query, operationName: 'NoSuchOperation' }));
      const tabName = tab.query.split('\n')[0];
      expect({ tabName, codes: res.body.errors.map((e: any) => e.extensions.code) })
        .toEqual({ tabName, codes: ['OPERATION_RESOLUTION_FAILURE'] });
    }
  });

  it('answer the portal profile with both of its pages at the largest page size', async () => {
    const profile = exampleTabs()[0]!.query.replace(/first: 5/g, 'first: 100');
    const res = await post(JSON.stringify({ query: profile, operationName: 'PublicProfile', variables: { code: STEEL } }));
    expect(res.status).toBe(200);
    expect(res.body.data.subject.profile.penalties.totalCount).toBeGreaterThan(0);
  });
});

describe('alias overloading', () => {
  it('refuses 150 aliases of one field with ALIAS_LIMIT', async () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `a${i}: name`).join(' ');
    const res = await gql(`{ subject(code: "${STEEL}") { ${aliases} } }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['ALIAS_LIMIT']);
    expect(messageOf(res)).toMatch(/Aliases limit of 15 exceeded, found 150/);
    await expectStillServing(server, steel);
  });

  it('counts aliases of __typename: 150 of them are refused with ALIAS_LIMIT (armor exempted them)', async () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `t${i}: __typename`).join(' ');
    const res = await gql(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['ALIAS_LIMIT']);
    expect(messageOf(res)).toMatch(/Aliases limit of 15 exceeded, found 150/);
    const nested = await gql(`{ subject(code: "${STEEL}") { ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ')} } }`);
    expect(codesOf(nested)).toEqual(['ALIAS_LIMIT']);
    // Within the limit, and plain __typename, still answer.
    const few = await gql(`{ ${Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
    expect(few.body.data?.t14).toBe('Query');
    await expectStillServing(server, steel);
  });

  it('refuses the guarded subject(code:) under 60 aliases with different codes with ALIAS_LIMIT', async () => {
    const lookups = Array.from({ length: 60 }, (_, i) => `s${i}: subject(code: "9132010074820${String(i).padStart(4, '0')}Q") { name }`).join(' ');
    const res = await gql(`{ ${lookups} }`);
    expect(codesOf(res)).toEqual(['ALIAS_LIMIT']);
    await expectStillServing(server, steel);
  });

  it('refuses 120 aliased subject lookups before parsing, as a token bomb', async () => {
    const lookups = Array.from({ length: 120 }, (_, i) => `s${i}: subject(code: "${STEEL}") { name }`).join(' ');
    const res = await gql(`{ ${lookups} }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['TOKEN_LIMIT']);
    await expectStillServing(server, steel);
  });
});

describe('field duplication', () => {
  it('refuses one field repeated 500 times with SELECTION_LIMIT', async () => {
    const res = await gql(`{ subject(code: "${STEEL}") { ${'name '.repeat(500)} } }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['SELECTION_LIMIT']);
    await expectStillServing(server, steel);
  });

  it('refuses one field repeated 2000 times with TOKEN_LIMIT, before parsing', async () => {
    const res = await gql(`{ subject(code: "${STEEL}") { ${'name '.repeat(2000)} } }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['TOKEN_LIMIT']);
    await expectStillServing(server, steel);
  });
});

describe('directive overloading', () => {
  it('refuses more than 20 directives with DIRECTIVE_LIMIT', async () => {
    const fields = ['name', 'uscc', 'subjectKind', 'status', 'establishedOn', 'registeredCapital', 'registrationAuthority',
      'legalRepresentative', 'entityType', 'businessScope', 'address', 'phone'];
    const res = await gql(`{ subject(code: "${STEEL}") { ${fields.map((f) => `${f} @include(if: true) @skip(if: false)`).join(' ')} } }`);
    expect(codesOf(res)).toEqual(['DIRECTIVE_LIMIT']);
    expect(messageOf(res)).toMatch(/Directives limit of 20 exceeded, found 24/);
    await expectStillServing(server, steel);
  });

  it('refuses one directive repeated 50 times on a field as invalid', async () => {
    const res = await gql(`{ subject(code: "${STEEL}") { name ${'@include(if: true) '.repeat(50)} } }`);
    expect(res.status).toBe(400);
    expect(new Set(codesOf(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(messageOf(res)).toMatch(/can only be used once at this location/);
    await expectStillServing(server, steel);
  });
});

describe('deep nesting and circular relations', () => {
  it('refuses listing → subject → profile → records (depth 10) with DEPTH_LIMIT', async () => {
    const res = await gql(`{ seriousLists(first: 5) { edges { node { subject { profile {
      penalties { edges { node { catalogItem { name } } } } } } } } } }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['DEPTH_LIMIT']);
    expect(messageOf(res)).toMatch(/depth limit of 8 exceeded, found 10/);
    await expectStillServing(server, steel);
  });

  it('counts depth through fragments', async () => {
    const res = await gql(`{ seriousLists(first: 5) { ...L } }
      fragment L on SeriousListingConnection { edges { node { subject { ...S } } } }
      fragment S on Subject { profile { penalties { edges { node { catalogItem { name } } } } } }`);
    expect(codesOf(res)).toEqual(['DEPTH_LIMIT']);
    await expectStillServing(server, steel);
  });

  it('refuses the schema\'s own cycle, __Type.fields.type.fields…, with DEPTH_LIMIT', async () => {
    const res = await gql('{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }');
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['DEPTH_LIMIT']);
    await expectStillServing(server, steel);
  });
});

describe('introspection depth, for every role', () => {
  const ofTypes = (n: number) => `{ __schema { types { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } } }`;

  it('refuses 200 nested ofType with DEPTH_LIMIT, for the public and with a token', async () => {
    for (const headers of [{}, await authHeaders({ role: 'AUDITOR', agency: 'NDRC' })]) {
      const res = await gql(ofTypes(200), undefined, headers);
      expect(res.status).toBe(400);
      expect(codesOf(res)).toEqual(['DEPTH_LIMIT']);
      expect(messageOf(res)).toMatch(/Introspection depth limit of 15 exceeded/);
    }
    await expectStillServing(server, steel);
  });

  it('counts __type and fragments too, and refuses one level past the limit', async () => {
    const viaType = await gql(`{ __type(name: "Subject") { ${'ofType { '.repeat(15)}name${' }'.repeat(15)} } }`);
    // armor's depth rule (8) counts __type as well: two refusals, one code.
    expect(new Set(codesOf(viaType))).toEqual(new Set(['DEPTH_LIMIT']));
    expect(viaType.body.errors?.map((e) => e.message).join(' ')).toMatch(/Introspection depth limit of 15 exceeded/);
    const viaFragment = await gql(`{ __schema { ...T } } fragment T on __Schema { types { ${'ofType { '.repeat(13)}name${' }'.repeat(13)} } }`);
    expect(codesOf(viaFragment)).toEqual(['DEPTH_LIMIT']);
    // __schema(1) types(2) ofType×12 (14) name(15): at the limit.
    const atLimit = await gql(ofTypes(12));
    expect(atLimit.status).toBe(200);
  });

  it('answers GraphiQL\'s own introspection query (depth 15)', async () => {
    const res = await gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(res.status).toBe(200);
    expect(res.body.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('fragments', () => {
  it('refuses circular fragments as invalid, without looping', async () => {
    const res = await gql(`{ subject(code: "${STEEL}") { ...A } }
      fragment A on Subject { name ...B } fragment B on Subject { uscc ...A }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(messageOf(res)).toMatch(/Cannot spread fragment "A" within itself via "B"/);
    await expectStillServing(server, steel);
  });

  it('refuses a fan-out bomb (each fragment spreads the previous one four times) with SELECTION_LIMIT', async () => {
    const levels = Array.from({ length: 8 }, (_, i) => `fragment F${i + 1} on Subject { ...F${i} ...F${i} ...F${i} ...F${i} }`);
    const res = await gql(`{ subject(code: "${STEEL}") { ...F8 } } fragment F0 on Subject { name uscc } ${levels.join(' ')}`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['SELECTION_LIMIT']);
    await expectStillServing(server, steel);
  });
});

describe('token and character bombs', () => {
  it('refuses more than 1000 tokens with TOKEN_LIMIT', async () => {
    const res = await gql(`{ __typename ${'__typename '.repeat(1200)} }`);
    expect(codesOf(res)).toEqual(['TOKEN_LIMIT']);
    await expectStillServing(server, steel);
  });

  it('refuses a document of half a megabyte of comment with QUERY_LENGTH_LIMIT', async () => {
    const res = await gql(`#${'x'.repeat(500_000)}\n{ __typename }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['QUERY_LENGTH_LIMIT']);
    expect(messageOf(res)).toMatch(/at most 32768 are accepted/);
    await expectStillServing(server, steel);
  });

  it('refuses a body over the limit with 413 BODY_LIMIT, before reading it all', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(DEFAULT_OPERATION_LIMITS.bodyBytes) } }));
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('BODY_LIMIT');
    await expectStillServing(server, steel);
  });

  it('refuses thousands of duplicate variable definitions with TOKEN_LIMIT', async () => {
    const defs = Array.from({ length: 2000 }, () => '$c: String').join(' ');
    const res = await gql(`query(${defs}) { subject(code: $c) { name } }`, { c: STEEL });
    expect(codesOf(res)).toEqual(['TOKEN_LIMIT']);
    await expectStillServing(server, steel);
  });

  it('refuses duplicate variable definitions under the token limit as invalid', async () => {
    const defs = Array.from({ length: 100 }, () => '$code: String!').join(', ');
    const res = await gql(`query(${defs}) { subject(code: $code) { name } }`, { code: STEEL });
    expect(res.status).toBe(400);
    expect(new Set(codesOf(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(messageOf(res)).toMatch(/There can be only one variable named "\$code"/);
    await expectStillServing(server, steel);
  });

  it('ignores thousands of undeclared variables sent beside an ordinary query', async () => {
    const variables = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`v${i}`, 'x']));
    const res = await gql(`query($code: String!) { subject(code: $code) { name } }`, { ...variables, code: STEEL });
    expect(res.body).toEqual({ data: { subject: { name: '南京钢铁联合有限公司' } } });
  });
});

describe('page sizes', () => {
  it.each([
    ['a literal', '{ searchSubjects(keyword: "南京", first: 99999999) { totalCount edges { node { name } } } }', undefined],
    ['a variable', 'query($n: Int!) { searchSubjects(keyword: "南京", first: $n) { totalCount edges { node { name } } } }', { n: 99_999_999 }],
  ])('refuses first: 99999999 as %s with the page rule, which names the argument and its maximum', async (_, query, variables) => {
    const res = await gql(query, variables);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toEqual([expect.objectContaining({
      message: expect.stringMatching(/^first: .*100/), extensions: { code: 'BAD_USER_INPUT' },
    })]);
    expect(res.statements).toBe(0);
    await expectStillServing(server, steel);
  });

  it('refuses pages nested in pages with COST_LIMIT, before any SQL', async () => {
    const res = await gql(`{ searchSubjects(keyword: "南京", first: 100) { edges { node {
      profile { penalties(first: 100) { edges { node { decisionDate } } } } } } } }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['COST_LIMIT']);
    expect(messageOf(res)).toMatch(/Query Cost limit of 50000 exceeded/);
    expect(res.statements).toBe(0);
    await expectStillServing(server, steel);
  });

  it('refuses pages nested in pages given by variables with COST_LIMIT', async () => {
    const res = await gql(`query($n: Int! = 100) { searchSubjects(keyword: "南京", first: $n) { edges { node {
      profile { penalties(first: $n) { edges { node { decisionDate } } } } } } } }`);
    expect(codesOf(res)).toEqual(['COST_LIMIT']);
    await expectStillServing(server, steel);
  });

  it('judges the same query text by the page sizes of each request: small, large, small again', async () => {
    // The verdict is kept per document and page sizes (src/http/page-cost.ts): a kept "within
    // the limit" must not let a larger page through, nor a kept refusal stop a smaller one.
    const query = `query Nested($n: Int!) { searchSubjects(keyword: "南京", first: $n) { edges { node {
      profile { penalties(first: $n) { edges { node { decisionDate } } } } } } } }`;
    const small = await gql(query, { n: 2 });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    const large = await gql(query, { n: 100 });
    expect(codesOf(large)).toEqual(['COST_LIMIT']);
    expect(large.statements).toBe(0);
    const again = await gql(query, { n: 2 });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data).toEqual(small.body.data);
    expect(codesOf(await gql(query, { n: 100 }))).toEqual(['COST_LIMIT']);
  });

  it('refuses more than 100 codes in one batch lookup', async () => {
    const codes = Array.from({ length: 101 }, () => STEEL);
    const res = await gql('query($codes: [String!]!) { subjectsByCodes(codes: $codes) { name } }', { codes },
      await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    await expectStillServing(server, steel);
  });
});

describe('batched requests', () => {
  it('refuses a JSON array of operations with 400 BAD_REQUEST', async () => {
    const op = { query: `{ subject(code: "${STEEL}") { name } }` };
    const res = await post(JSON.stringify(Array.from({ length: 50 }, () => op)));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }]);
    await expectStillServing(server, steel);
  });
});

describe('the execution deadline', () => {
  let cutOff: TestServer;
  beforeAll(async () => {
    // Empty: the deadline stops the operation before it reads anything.
    cutOff = await startTestServer({ seed: false, config: { limits: { ...DEFAULT_OPERATION_LIMITS, executionMs: 0 } } });
  }, 120_000);
  afterAll(() => cutOff.close());

  it('stops an operation that has run past it: one TIMEOUT error, 503, and no SQL issued', async () => {
    const res = await cutOff.gql(`{ searchSubjects(keyword: "南京", first: 100) { edges { node { name profile { penalties { totalCount } } } } } }`);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ errors: [{ message: expect.stringMatching(/ran longer than 0 ms and was stopped/), extensions: { code: 'TIMEOUT' } }] });
    expect(res.statements).toBe(0);
  });

  it('leaves the server answering afterwards', async () => {
    const res = await cutOff.gql('{ __typename }');
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
    await expectStillServing(server, steel);
  });
});

const pgUrl = process.env.DATABASE_URL;
(pgUrl ? describe : describe.skip)('statement_timeout on PostgreSQL (DATABASE_URL)', () => {
  it('cancels a request\'s statement that outlives the execution limit, in the database; maintenance statements are not bounded', async () => {
    const { client, db } = connectPostgres(pgUrl!, 2, {}, true, 300);
    try {
      // Awaited inside the unit: drizzle's queries are lazy, and run where they are awaited.
      const inRequest = statementCounter.run({ count: 0 }, async () => await db.execute(sql`SELECT pg_sleep(1.5)`));
      await expect(inRequest).rejects.toMatchObject({ cause: expect.objectContaining({ code: '57014' }) });
      const show = async () => (await db.execute(sql`SHOW statement_timeout`)) as unknown as Array<{ statement_timeout: string }>;
      const shown = await statementCounter.run({ count: 0 }, show);
      expect(shown[0]!.statement_timeout).toBe('300ms');
      // Outside a request (migrations, seeding, the CLIs): no timeout.
      expect((await show())[0]!.statement_timeout).toBe('0');
      await expect(db.execute(sql`SELECT pg_sleep(0.5)`)).resolves.toBeDefined();
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
