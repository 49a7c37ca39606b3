/**
 * Request budgets through the real HTTP server: a burst over budget is refused with 429,
 * Retry-After and RATE_LIMITED before anything executes, and the budget comes back when the
 * window turns. Shared budgets across instances are proven against Redis when REDIS_URL is set.
 */
import { MemoryWindowStore, RateLimiter, createRedisRateLimiter } from '../../src/http/rate-limit';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const STEEL = '91320100748204660Q';
const QUERY = `{ subject(code: "${STEEL}") { name } }`;

async function post(server: TestServer, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

describe('the in-memory rate limiter', () => {
  let server: TestServer;
  let clock = 1_000_000;
  beforeAll(async () => {
    const limiter = new RateLimiter({ perIp: 4, perPrincipal: 2, windowMs: 60_000 }, new MemoryWindowStore(() => clock));
    server = await startTestServer({ subjects: 10, rateLimiter: limiter });
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
    const b = { ...(await authHeaders({ role: 'SUBJECT', subject: 1 })) };
    expect((await post(server, a)).status).toBe(200);
    expect((await post(server, a)).status).toBe(200);
    const refused = await post(server, a);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].message).toContain('this token');
    expect((await post(server, b)).status).toBe(200);
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
    one = await startTestServer({ subjects: 10, rateLimiter: limiters[0] });
    two = await startTestServer({ subjects: 10, rateLimiter: limiters[1] });
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
