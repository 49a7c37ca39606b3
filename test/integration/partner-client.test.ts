/**
 * examples/partner-client.ts against the real server: the token and X-Purpose it sends,
 * partial answers with typed field denials, cursor pagination to the end, and refusals as
 * the union members their `extensions.code` names.
 */
import { issueToken } from '../../src/auth/tokens';
import { MemoryWindowStore, RateLimiter } from '../../src/http/rate-limit';
import { advice, PartnerApiError, PartnerClient } from '../../examples/partner-client';
import { builder } from '../support/builders';
import { startTestServer, TEST_KEYS, type TestServer } from '../support/server';

let STEEL = '';
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

/** A client with a token of its own (its own rate budget). */
async function client(sub: string, agency: string, purpose: string): Promise<PartnerClient> {
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

    const c = await client('client-input', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    const badCode = await c.subjectsByCodes(['91320100748204660X']);
    expect(badCode).toMatchObject({ ok: false, error: { code: 'INVALID_USCC' } });

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
});
