/**
 * examples/partner-client.ts against the real server: the token and X-Purpose it sends,
 * partial answers with typed field denials, cursor pagination to the end, refusals as the
 * union members their `extensions.code` names (every code of the catalog known), the schema
 * without a purpose, and the script itself run as a partner runs it (CREDIT_API_URL).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { issueToken } from '../../src/auth/tokens';
import { ERROR_CODES, type ErrorCode } from '../../src/errors';
import { MemoryWindowStore, RateLimiter } from '../../src/http/rate-limit';
import { CODE_GROUPS, type ServerCode } from '../../examples/api-errors';
import { advice, PartnerApiError, PartnerClient } from '../../examples/partner-client';
import { closedPortUrl } from '../support/closed-port';
import { builder } from '../support/builders';
import { startTestServer, TEST_KEYS, type TestServer } from '../support/server';

let STEEL = '';
const STEEL_NAME = '南京测试1号有限公司';
// Per token and window: large enough for the pagination test, small enough to spend in a loop.
const PER_PRINCIPAL = 60;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    seed: false,
    // Every client here comes from 127.0.0.1, so only the per-token budget is small.
    rateLimiter: new RateLimiter({ perPrincipal: PER_PRINCIPAL, perIp: 100_000, windowMs: 60_000 }, new MemoryWindowStore()),
  });
  const build = builder(server);
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  // Seven companies the keyword 南京 finds: three pages of three, the last one short.
  const companies = [];
  for (let i = 1; i <= 7; i++) companies.push(await build.legalPerson({ name: `南京测试${i}号有限公司`, region: '320100' }));
  STEEL = companies[0]!.uscc!;
}, 240_000);
afterAll(() => server?.close());

let nowhere: string;
beforeAll(async () => {
  nowhere = await closedPortUrl();
});

/** A client with a token of its own (its own rate budget). */
async function client(sub: string, agency: string, purpose?: string): Promise<PartnerClient> {
  const token = await issueToken(TEST_KEYS.jwtSecret, { role: 'PARTNER', sub, agency });
  return new PartnerClient({ endpoint: server.url, token, purpose });
}

describe('the example partner client', () => {
  it('reads a batch by code with its token and purpose', async () => {
    const c = await client('client-batch', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    const outcome = await c.subjectsByCodes([STEEL]);
    if (!outcome.ok) throw new Error(`refused: ${outcome.error.code}`);
    expect(outcome.data.subjectsByCodes[0]).toMatchObject({ uscc: STEEL, name: expect.any(String), legalRepresentative: expect.any(String) });
    expect(outcome.denied).toEqual([]);
    expect(outcome.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns the rest of the data when fields need consent, with each denial typed at its path', async () => {
    const bank = await client('client-consent', 'JL_BANK', 'FINANCIAL_SERVICE');
    const outcome = await bank.subjectsByCodes([STEEL]);
    if (!outcome.ok) throw new Error(`refused: ${outcome.error.code}`);
    expect(outcome.data.subjectsByCodes[0]!.name).toBeTruthy();
    expect(outcome.data.subjectsByCodes[0]!.legalRepresentative).toBeNull();
    const denial = outcome.denied.find((d) => d.path.join('.') === 'subjectsByCodes.0.legalRepresentative');
    expect(denial?.code).toBe('CONSENT_REQUIRED');
    expect(advice(denial!)).toMatch(/consent/);
  });

  it('follows cursors to the last page and finds each subject once', async () => {
    const c = await client('client-search', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    const whole = await c.request<{ searchSubjects: { totalCount: number } }>(
      'query($k: String!) { searchSubjects(keyword: $k, first: 1) { totalCount } }', { k: '南京' },
    );
    if (!whole.ok) throw new Error(`refused: ${whole.error.code}`);
    const total = whole.data.searchSubjects.totalCount;
    expect(total).toBeGreaterThan(2);
    const hits = [];
    for await (const hit of c.searchSubjects('南京', 3)) hits.push(hit);
    expect(hits).toHaveLength(total);
    expect(new Set(hits.map((h) => h.uscc)).size).toBe(total);
  });

  it('turns request-level refusals into their union members', async () => {
    const wrongPurpose = await client('client-purpose', 'JS_PRTC', 'NO_SUCH_PURPOSE');
    const refused = await wrongPurpose.subjectsByCodes([STEEL]);
    expect(refused).toMatchObject({ ok: false, status: 403, error: { code: 'PURPOSE_NOT_PERMITTED' } });

    const stranger = new PartnerClient({ endpoint: server.url, token: 'not.a.token', purpose: 'PUBLIC_RESOURCE_TRADING' });
    const unauthenticated = await stranger.subjectsByCodes([STEEL]);
    expect(unauthenticated).toMatchObject({ ok: false, status: 401, error: { code: 'UNAUTHENTICATED' } });

    // A malformed code is refused at its own position; the rest of the batch answers.
    const c = await client('client-input', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    const badCode = await c.subjectsByCodes([STEEL, '91320100748204660X']);
    if (!badCode.ok) throw new Error(`refused: ${badCode.error.code}`);
    expect(badCode.data.subjectsByCodes[0]).toMatchObject({ uscc: STEEL });
    expect(badCode.data.subjectsByCodes[1]).toBeNull();
    expect(badCode.denied).toEqual([expect.objectContaining({ code: 'INVALID_USCC', path: ['subjectsByCodes', 1] })]);
    expect(advice(badCode.denied[0]!)).toMatch(/^fix the request: codes\[1\]/);

    // The pagination helper throws the same union member, with the request id to quote.
    await expect(async () => {
      for await (const hit of wrongPurpose.searchSubjects('南京')) void hit;
    }).rejects.toThrow(PartnerApiError);
  });

  it('reports RATE_LIMITED with the seconds to wait once the token\'s budget is spent', async () => {
    const c = await client('client-rate', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    for (let i = 0; i < PER_PRINCIPAL; i += 1) expect((await c.request('{ __typename }')).ok).toBe(true);
    const over = await c.subjectsByCodes([STEEL]);
    if (over.ok || over.error.code !== 'RATE_LIMITED') throw new Error(`expected RATE_LIMITED, got ${JSON.stringify(over)}`);
    expect(over.status).toBe(429);
    expect(over.error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(advice(over.error)).toMatch(/^retry after \d+ s$/);
  });

  it('asks for application/graphql-response+json, so a refusal is a GraphQL response whatever its status', async () => {
    const c = await client('client-parse', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    const parse = await c.request('{ subject(');
    expect(parse).toMatchObject({ ok: false, status: 400, error: { code: 'GRAPHQL_PARSE_FAILED' } });
    const unknownField = await c.request('{ nosuchfield }');
    expect(unknownField).toMatchObject({ ok: false, status: 400, error: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('reads the schema without a purpose, and is refused PURPOSE_REQUIRED for data', async () => {
    const c = await client('client-schema', 'JS_PRTC');
    expect(await c.request('{ __typename }')).toMatchObject({ ok: true, data: { __typename: 'Query' } });
    expect(await c.request('{ __type(name: "Subject") { name } }')).toMatchObject({ ok: true, data: { __type: { name: 'Subject' } } });
    const data = await c.subjectsByCodes([STEEL]);
    expect(data).toMatchObject({ ok: false, status: 400, error: { code: 'PURPOSE_REQUIRED' } });
    if (!data.ok) expect(advice(data.error)).toMatch(/purpose/);
  });

  it('says the server is not there instead of failing with an unhandled "fetch failed"', async () => {
    const token = await issueToken(TEST_KEYS.jwtSecret, { role: 'PARTNER', sub: 'client-nowhere', agency: 'JS_PRTC' });
    const absent = new PartnerClient({ endpoint: nowhere, token, purpose: 'PUBLIC_RESOURCE_TRADING' });
    const outcome = await absent.subjectsByCodes([STEEL]);
    expect(outcome).toMatchObject({ ok: false, status: 0, error: { code: 'NETWORK' } });
    if (!outcome.ok) expect(advice(outcome.error)).toMatch(/^no answer from \S+ \(ECONNREFUSED\).*CREDIT_API_URL/);
    // Something that answers, but not with GraphQL: the health route.
    const notGraphql = new PartnerClient({ endpoint: server.url.replace(/\/graphql$/, '/nothing-here'), token, purpose: 'PUBLIC_RESOURCE_TRADING' });
    const outcome404 = await notGraphql.subjectsByCodes([STEEL]);
    expect(outcome404).toMatchObject({ ok: false, status: 404 });
  });
});

describe('the error catalog in the example', () => {
  it('knows every code of src/errors/error-codes.ts', () => {
    // Compile-time too: a code added to the catalog and not to CODE_GROUPS fails `tsc`.
    const everyCode: Record<ErrorCode, ServerCode> = ERROR_CODES;
    const unknown = Object.values(everyCode).filter((code) => !Object.hasOwn(CODE_GROUPS, code));
    expect(unknown).toEqual([]);
  });
});

/** Runs the example as a partner does: its own process, its settings from the environment. */
function runExample(file: string, env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join('examples', file)], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe.each(['partner-client.ts', 'apollo-client.ts'])('examples/%s run as a script', (file) => {
  it('reads the server CREDIT_API_URL names with the token and purpose of its environment', async () => {
    const token = await issueToken(TEST_KEYS.jwtSecret, { role: 'PARTNER', sub: `script-${file}`, agency: 'JS_PRTC' });
    const run = await runExample(file, { CREDIT_API_URL: server.url, CREDIT_API_TOKEN: token, CREDIT_API_PURPOSE: 'PUBLIC_RESOURCE_TRADING', CREDIT_API_CODES: STEEL });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    expect(run.out).toContain(`${STEEL} ${STEEL_NAME}`);
    expect(run.out).toMatch(/\d+ subjects found for 南京/);
  }, 60_000);

  it('says where it looked and what to set when nothing answers there', async () => {
    const token = await issueToken(TEST_KEYS.jwtSecret, { role: 'PARTNER', sub: `script-nowhere-${file}`, agency: 'JS_PRTC' });
    const run = await runExample(file, { CREDIT_API_URL: nowhere, CREDIT_API_TOKEN: token });
    expect({ code: run.code, err: run.err }).toEqual({ code: 1, err: '' });
    expect(run.out.trim()).toMatch(/^NETWORK: no answer from \S+ \(ECONNREFUSED\): is the server running there\? Set CREDIT_API_URL/);
  }, 60_000);

  it('names the missing token', async () => {
    const run = await runExample(file, { CREDIT_API_URL: server.url });
    expect({ code: run.code, out: run.out.trim() }).toEqual({ code: 1, out: expect.stringMatching(/^CREDIT_API_TOKEN is not set/) });
  }, 60_000);
});
