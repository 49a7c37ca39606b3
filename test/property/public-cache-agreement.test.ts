/**
 * The public response cache agrees with the database (issue 17 item 2): random interleavings of
 * writes — records (penalties through either instance's API) and registrations (by SQL outside
 * the application: a date, a name, a new subject) — and public reads (profiles; searches of
 * registration fields only, tagged REGISTRATIONS, and searches reading penalties, across
 * subjects; on either of two caching instances) — every answer equals the answer of a third
 * instance without the cache, or becomes equal within the staleness bound. With REDIS_URL set,
 * the two caching instances also share answers through Redis (the shared tier).
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
const SEARCH_RECORDS = 'query R($keyword: String!) { searchSubjects(keyword: $keyword, first: 5) { totalCount edges { node { uscc name profile { penalties(first: 3) { totalCount } } } } } }';
const SEARCHES = { registrations: SEARCH, records: SEARCH_RECORDS } as const;

/** How the caching instances answered (x-cache), so the run shows which tiers it exercised. */
const tiers: Record<string, number> = {};

/** The x-cache of the last answer fetched. */
let lastTier: string | null = null;

async function answer(url: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const tier = res.headers.get('x-cache');
  if (tier) tiers[tier] = (tiers[tier] ?? 0) + 1;
  lastTier = tier;
  return res.text();
}

/**
 * Per caching instance: has a penalty been recorded since its search of registrations was last
 * computed (a MISS) or taken from Redis? A local HIT then is an answer kept through a penalty.
 */

const clock = { at: new Date('2026-11-20T02:00:00Z'), now() { return this.at; }, set(d: Date) { this.at = d; } };
let uncached: TestServer;
let cached: TestServer[];
let build: Builder;
let subjects: BuiltSubject[];
let written = 0;
let registered = 0;

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
  | { kind: 'read-search'; instance: number; reads: keyof typeof SEARCHES }
  | { kind: 'write-api'; instance: number; subject: number }
  | { kind: 'write-sql'; subject: number; column: 'established_on' | 'name' }
  | { kind: 'write-new-subject' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read-profile' as const), instance: fc.integer({ min: 0, max: 1 }), subject: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read-search' as const), instance: fc.integer({ min: 0, max: 1 }), reads: fc.constantFrom('registrations' as const, 'records' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('write-api' as const), instance: fc.integer({ min: 0, max: 1 }), subject: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('write-sql' as const), subject: fc.integer({ min: 0, max: 3 }), column: fc.constantFrom('established_on' as const, 'name' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'write-new-subject' as const }) },
);

/**
 * A cached answer must equal the uncached one now, or within the bound (the notification is on
 * its way). Says how the first answer was served.
 */
async function agrees(server: TestServer, query: string, variables: Record<string, unknown>): Promise<string | null> {
  const until = Date.now() + BOUND_MS;
  let got = await answer(server.url, query, variables);
  const tier = lastTier;
  let truth = await answer(uncached.url, query, variables);
  while (got !== truth && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    got = await answer(server.url, query, variables);
    truth = await answer(uncached.url, query, variables);
  }
  expect(got).toBe(truth);
  return tier;
}

it('every cached public answer equals the uncached one within the staleness bound, whatever the interleaving', async () => {
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
    for (const o of ops) {
      switch (o.kind) {
        case 'read-profile':
          await agrees(cached[o.instance]!, PROFILE, { code: subjects[o.subject]!.uscc });
          break;
        case 'read-search': {
          // That a registration-only search outlives a penalty is shown deterministically in
          // test/integration/public-cache.test.ts; here only agreement is checked (whether a random
          // interleaving gets a hit after a penalty depends on timing).
          await agrees(cached[o.instance]!, SEARCHES[o.reads], { keyword: '一致性测试' });
          break;
        }
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
          // Outside the application: a registration change the public sees (成立日期, or the name,
          // which moves the subject in the search's order), made by SQL.
          if (o.column === 'established_on') {
            await uncached.database.db.execute(sql`UPDATE subjects SET established_on = established_on + 1 WHERE id = ${subjects[o.subject]!.id}`);
          } else {
            await uncached.database.db.execute(sql`UPDATE subjects SET name = CASE WHEN name LIKE '%股份%' THEN replace(name, '股份', '')
              ELSE replace(name, '有限公司', '股份有限公司') END WHERE id = ${subjects[o.subject]!.id}`);
          }
          break;
        case 'write-new-subject':
          // A subject registered (by SQL, as the builders do) whose name the search matches: it is counted, and may be listed.
          await build.legalPerson({ region: '320106', name: `一致性测试${(registered += 1)}号科技有限公司` });
          break;
      }
    }
  }), { numRuns: 12 });
  expect(tiers.HIT).toBeGreaterThan(0);
  if (redisUrl) expect(tiers['HIT-SHARED']).toBeGreaterThan(0);
});
