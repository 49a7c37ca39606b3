/**
 * Request budgets through the real HTTP server: a burst over budget is refused with 429,
 * Retry-After and RATE_LIMITED before anything executes, and the budget comes back when the
 * window turns. Shared budgets across instances are proven against Redis when REDIS_URL is set.
 */
import { spawnSync } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { issueToken } from '../../src/auth/tokens';
import { clientAddress, TrustedProxies } from '../../src/http/client-address';
import { MemoryWindowStore, RateLimiter, createRedisRateLimiter, principalKey } from '../../src/http/rate-limit';
import { builder } from '../support/builders';
import { TEST_KEYS, authHeaders, startTestServer, type TestServer } from '../support/server';

const QUERY = 'query($code: String!) { subject(code: $code) { name } }';
/** Each server's company, the one every request here looks up. */
const companyOf = new Map<TestServer, string>();

/**
 * A server under `rateLimiter` with the two partners the tests call as and a company to look
 * up — all written as reference data, without a request: a request would spend the budgets.
 */
async function startMetered(rateLimiter: RateLimiter): Promise<TestServer> {
  const server = await startTestServer({ seed: false, rateLimiter });
  const build = builder(server);
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  const company = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  companyOf.set(server, company.uscc!);
  return server;
}

async function post(server: TestServer, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ query: QUERY, variables: { code: companyOf.get(server) } });
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

describe('the in-memory rate limiter', () => {
  let server: TestServer;
  let clock = 1_000_000;
  beforeAll(async () => {
    const limiter = new RateLimiter({ perIp: 4, perPrincipal: 2, windowMs: 60_000 }, new MemoryWindowStore(() => clock));
    server = await startMetered(limiter);
  });
  afterAll(() => server.close());

  it('refuses a public burst beyond the address budget with 429, Retry-After and RATE_LIMITED, then serves again when the window turns', async () => {
    for (let i = 0; i < 4; i++) expect((await post(server)).status).toBe(200);
    const refused = await post(server);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('60');
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(refused.body.data).toBeUndefined();
    clock += 30_000;
    expect((await post(server)).retryAfter).toBe('30');
    clock += 30_000;
    const recovered = await post(server);
    expect(recovered.status).toBe(200);
    expect(recovered.body.data.subject.name).toBe('南京钢铁联合有限公司');
  });

  it('gives each token its own budget, so one partner exhausting its budget does not stop another', async () => {
    clock += 60_000;
    const a = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const b = { ...(await authHeaders({ role: 'SUBJECT', subject: (await builder(server).legalPerson()).id })) };
    expect((await post(server, a)).status).toBe(200);
    expect((await post(server, a)).status).toBe(200);
    const refused = await post(server, a);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].message).toContain('this token');
    expect((await post(server, b)).status).toBe(200);
  });

  it('keys budgets by agency as well as token subject: one agency exhausting a `sub` does not stop another agency\'s token with the same `sub`', async () => {
    clock += 60_000;
    // Before: every `npm run token` token had sub cli-partner, and budgets were per sub.
    const mint = async (agency: string) => ({
      authorization: `Bearer ${await issueToken(TEST_KEYS.jwtSecret, { role: 'PARTNER', sub: 'cli-partner', agency })}`,
    });
    const prtc = { ...(await mint('JS_PRTC')), 'x-purpose': 'PUBLIC_RESOURCE_TRADING' };
    const bank = { ...(await mint('JL_BANK')), 'x-purpose': 'FINANCIAL_SERVICE' };
    expect((await post(server, prtc)).status).toBe(200);
    expect((await post(server, prtc)).status).toBe(200);
    expect((await post(server, prtc)).status).toBe(429);
    expect((await post(server, bank)).status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy: a client cannot pick the address it is charged to', async () => {
    clock += 60_000;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(server, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('meters requests with tokens that fail to verify against the address, so token guessing hits 429 too', async () => {
    clock += 60_000;
    const forged = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiQVVESVRPUiJ9.c2lnbmF0dXJl' };
    for (let i = 0; i < 4; i++) expect((await post(server, forged)).status).toBe(401);
    const refused = await post(server, forged);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('budgets behind a trusted reverse proxy (TRUSTED_PROXIES)', () => {
  let server: TestServer;
  beforeAll(async () => {
    const limiter = new RateLimiter({ perIp: 2, perPrincipal: 100, windowMs: 60_000, trustedProxies: ['127.0.0.0/8'] }, new MemoryWindowStore());
    server = await startMetered(limiter);
  });
  afterAll(() => server.close());

  it('charges the client the proxy names, each client its own budget, and ignores what the client wrote left of it', async () => {
    const from = (xff: string) => post(server, { 'x-forwarded-for': xff });
    expect((await from('203.0.113.5')).status).toBe(200);
    // A client prepending an address of its choice is still charged as 203.0.113.5.
    expect((await from('1.2.3.4, 203.0.113.5')).status).toBe(200);
    expect((await from('9.9.9.9, 203.0.113.5')).status).toBe(429);
    expect((await from('203.0.113.6')).status).toBe(200);
  });
});

describe('the client address', () => {
  const req = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;
  const trusted = new TrustedProxies(['10.0.0.0/8', '2001:db8::1']);

  it('is the peer unless the peer is trusted', () => {
    expect(clientAddress(req('203.0.113.9', '1.1.1.1'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(req('10.1.2.3', '1.1.1.1'), undefined)).toBe('10.1.2.3');
    expect(clientAddress(req('10.1.2.3', '1.1.1.1'), new TrustedProxies([]))).toBe('10.1.2.3');
  });

  it('is the rightmost untrusted hop behind trusted proxies, IPv4-mapped peers included', () => {
    expect(clientAddress(req('10.1.2.3', '6.6.6.6, 203.0.113.9, 10.0.0.7'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(req('::ffff:10.1.2.3', '203.0.113.9'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(req('2001:db8::1', '2001:db8::99'), trusted)).toBe('2001:db8::99');
    expect(clientAddress(req('10.1.2.3'), trusted)).toBe('10.1.2.3');
    expect(clientAddress(req('10.1.2.3', 'garbage'), trusted)).toBe('10.1.2.3');
  });

  it('keys a principal\'s budget by role, agency or subject, and token subject', () => {
    expect(principalKey({ role: 'PARTNER', id: 'cli-partner', agencyCode: 'JS_PRTC' })).toBe('p:PARTNER:a=JS_PRTC:cli-partner');
    expect(principalKey({ role: 'SUBJECT', id: 'x', subjectId: 3 })).toBe('p:SUBJECT:s=3:x');
  });
});

describe('npm run token', () => {
  // Embedded mode (no DATABASE_URL), keys given: the CLI signs with the test server's key.
  const { DATABASE_URL: _unused, ...env } = process.env;
  const run = (...args: string[]) => spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/token.ts', ...args], {
    encoding: 'utf8',
    env: {
      ...env, DEV_KEYS_FILE: join(tmpdir(), `cli-token-${process.pid}.json`),
      ID_HMAC_KEY: '11'.repeat(32), ID_ENCRYPTION_KEY: '22'.repeat(32), JWT_SECRET: TEST_KEYS.jwtSecret.toString('utf8'),
    },
  });

  it('mints a unique sub per token, within the role\'s lifetime, and refuses a --ttl beyond it', () => {
    const a = run('--role', 'partner', '--agency', 'JS_PRTC');
    const b = run('--role', 'partner', '--agency', 'JS_PRTC');
    expect(a.status).toBe(0);
    const [ca, cb] = [decodeJwt(a.stdout.trim()), decodeJwt(b.stdout.trim())];
    expect(ca.sub).toMatch(/^cli-partner-[0-9a-f]{12}$/);
    expect(cb.sub).not.toBe(ca.sub);
    expect(ca.exp! - ca.iat!).toBe(8 * 3600);
    const long = run('--role', 'subject', '--subject', '3', '--ttl', String(9 * 3600));
    expect(long.status).toBe(2);
    expect(long.stderr).toMatch(/--ttl 32400 is longer than the 28800 s a SUBJECT token may live/);
  }, 60_000);
});

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  // eslint-disable-next-line no-console
  console.warn('rate-limit.test.ts: REDIS_URL is not set, so the shared (Redis) budget tests are skipped');
}

(redisUrl ? describe : describe.skip)('the Redis rate limiter (REDIS_URL)', () => {
  const limits = { perIp: 1000, perPrincipal: 4, windowMs: 60_000 };
  const prefix = `credit-api-test:${process.pid}:${Date.now()}:`;
  let one: TestServer;
  let two: TestServer;
  let limiters: RateLimiter[] = [];
  beforeAll(async () => {
    limiters = [await createRedisRateLimiter(redisUrl!, limits, prefix), await createRedisRateLimiter(redisUrl!, limits, prefix)];
    one = await startMetered(limiters[0]!);
    two = await startMetered(limiters[1]!);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    for (const l of limiters) await l.close();
  });

  it('makes two server instances spend one shared budget per token', async () => {
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const statuses = [];
    for (const server of [one, two, one, two]) statuses.push((await post(server, partner)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const refused = await post(two, partner);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await post(one, partner)).status).toBe(429);
  });

  it('refuses requests with 503 RATE_LIMIT_UNAVAILABLE when Redis is lost, rather than serving them unmetered', async () => {
    await limiters[1].close();
    const res = await post(two);
    expect(res.status).toBe(503);
    expect(res.body.errors[0].extensions.code).toBe('RATE_LIMIT_UNAVAILABLE');
    await limiters[0].close();
  });

  it('will not start against a configured Redis that cannot be reached, and says which', async () => {
    await expect(createRedisRateLimiter('redis://127.0.0.1:1', limits)).rejects.toThrow(/REDIS_URL is set but Redis at redis:\/\/127\.0\.0\.1:1 is unreachable/);
  });
});
