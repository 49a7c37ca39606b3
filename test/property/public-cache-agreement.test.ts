/**
 * The public response cache agrees with the database (issue 17 item 2): random interleavings of
 * writes (through either instance's API, or by SQL outside the application) and public reads
 * (profiles and searches, on either of two caching instances) — every answer equals the answer
 * of a third instance without the cache, or becomes equal within the staleness bound. With
 * REDIS_URL set, the two caching instances also share answers through Redis (the shared tier).
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { startTestServer, type TestServer } from '../support/server';

const BOUND_MS = 2500;
// With REDIS_URL, the two caching instances share answers through Redis too (x-cache: HIT-SHARED).
const redisUrl = process.env.REDIS_URL;
const redisPrefix = `credit-api-test:{pc-agreement-${process.pid}-${Date.now()}}:`;
const CACHE = { maxBytes: 4 * 2 ** 20, maxStalenessMs: BOUND_MS, ...(redisUrl ? { redisUrl, redisPrefix } : {}) };
// eslint-disable-next-line no-console
if (!redisUrl) console.warn('public-cache-agreement.test.ts: REDIS_URL is not set, so the shared (Redis) tier is not part of this run');
const PROFILE = 'query P($code: String!) { subject(code: $code) { name establishedOn profile { penalties(first: 3) { totalCount edges { node { decisionDate } } } } } }';
const SEARCH = 'query S($keyword: String!) { searchSubjects(keyword: $keyword, first: 5) { totalCount edges { node { uscc name establishedOn } } } }';

/** How the caching instances answered (x-cache), so the run shows which tiers it exercised. */
const tiers: Record<string, number> = {};

async function answer(url: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const tier = res.headers.get('x-cache');
  if (tier) tiers[tier] = (tiers[tier] ?? 0) + 1;
  return res.text();
}

const clock = { at: new Date('2026-11-20T02:00:00Z'), now() { return this.at; }, set(d: Date) { this.at = d; } };
let uncached: TestServer;
let cached: TestServer[];
let build: Builder;
let subjects: BuiltSubject[];
let written = 0;

beforeAll(async () => {
  uncached = await startTestServer({ subjects: 3, now: () => clock.now() });
  cached = [
    await startTestServer({ database: uncached.database, seed: false, now: () => clock.now(), config: { publicCache: CACHE } }),
    await startTestServer({ database: uncached.database, seed: false, now: () => clock.now(), config: { publicCache: CACHE } }),
  ];
  build = builder(cached[0]!, { clock });
  subjects = [];
  for (let i = 0; i < 4; i++) subjects.push(await build.legalPerson({ region: '320106', name: `一致性测试${'甲乙丙丁'[i]}科技有限公司` }));
});
afterAll(async () => {
  for (const s of cached) await s.app.close();
  await uncached.close();
  if (redisUrl) {
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
});

type Op =
  | { kind: 'read-profile'; instance: number; subject: number }
  | { kind: 'read-search'; instance: number }
  | { kind: 'write-api'; instance: number; subject: number }
  | { kind: 'write-sql'; subject: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read-profile' as const), instance: fc.integer({ min: 0, max: 1 }), subject: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read-search' as const), instance: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('write-api' as const), instance: fc.integer({ min: 0, max: 1 }), subject: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('write-sql' as const), subject: fc.integer({ min: 0, max: 3 }) }) },
);

/** A cached answer must equal the uncached one now, or within the bound (the notification is on its way). */
async function agrees(server: TestServer, query: string, variables: Record<string, unknown>): Promise<void> {
  const until = Date.now() + BOUND_MS;
  let got = await answer(server.url, query, variables);
  let truth = await answer(uncached.url, query, variables);
  while (got !== truth && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    got = await answer(server.url, query, variables);
    truth = await answer(uncached.url, query, variables);
  }
  expect(got).toBe(truth);
}

it('every cached public answer equals the uncached one within the staleness bound, whatever the interleaving', async () => {
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
    for (const o of ops) {
      switch (o.kind) {
        case 'read-profile':
          await agrees(cached[o.instance]!, PROFILE, { code: subjects[o.subject]!.uscc });
          break;
        case 'read-search':
          await agrees(cached[o.instance]!, SEARCH, { keyword: '一致性测试' });
          break;
        case 'write-api': {
          const writer = builder(cached[o.instance]!, { clock });
          await writer.penalty(subjects[o.subject]!, { by: 'SAMR_320106', decisionDate: `2026-11-${String(1 + (written % 18)).padStart(2, '0')}` });
          written += 1;
          // Read-your-writes on the writing instance: no waiting allowed there.
          const own = await answer(cached[o.instance]!.url, PROFILE, { code: subjects[o.subject]!.uscc });
          expect(own).toBe(await answer(uncached.url, PROFILE, { code: subjects[o.subject]!.uscc }));
          break;
        }
        case 'write-sql':
          // Outside the application: a registration change the public sees (成立日期), made by SQL.
          await uncached.database.db.execute(sql`UPDATE subjects SET established_on = established_on + 1 WHERE id = ${subjects[o.subject]!.id}`);
          break;
      }
    }
  }), { numRuns: 12 });
  expect(tiers.HIT).toBeGreaterThan(0);
  if (redisUrl) expect(tiers['HIT-SHARED']).toBeGreaterThan(0);
});
