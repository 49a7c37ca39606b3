/**
 * The public response cache's shared tier (issue 17 item 2, REDIS_URL): an answer one instance
 * computed is served by another from Redis (`x-cache: HIT-SHARED`) only when it is exactly the
 * answer that instance would compute from the changes it has received; a write, a catalog
 * change, midnight in China end shared answers as they end local ones — a search of
 * registration fields only a registration change; a lost Redis never fails a request. Runs
 * against the Redis REDIS_URL names (skipped, with a warning, when it is unset).
 */
import { createServer, type Server, type Socket, connect } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Database } from '../../src/db/database';
import { buildBareSchema } from '../../src/graphql/schema';
import { PublicCache } from '../../src/http/public-cache';
import { REGISTRATIONS } from '../../src/http/public-cache/response-cache';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { startTestServer, type TestServer } from '../support/server';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  // eslint-disable-next-line no-console
  console.warn('public-cache-shared.test.ts: REDIS_URL is not set, so the shared (Redis) public cache tests are skipped');
}

const BOUND_MS = 2500;
const PREFIX = `credit-api-test:{pc-${process.pid}-${Date.now()}}:`;
const CACHE = { maxBytes: 8 * 2 ** 20, maxStalenessMs: BOUND_MS, redisUrl, redisPrefix: PREFIX };
const PROFILE = 'query Profile($code: String!) { subject(code: $code) { name profile { penalties(first: 5) { totalCount edges { node { decisionDate } } } } } }';
const SEARCH = 'query Search($keyword: String!) { searchSubjects(keyword: $keyword, first: 5) { totalCount edges { node { uscc name } } } }';
/** A search that also reads each subject's penalties: across subjects. */
const SEARCH_RECORDS = 'query SearchRecords($keyword: String!) { searchSubjects(keyword: $keyword, first: 5) { totalCount edges { node { uscc profile { penalties(first: 5) { totalCount } } } } } }';

interface Answer { status: number; cache: string | null; etag: string | null; statements: string | null; body: string }

async function ask(server: { url: string }, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, cache: res.headers.get('x-cache'), etag: res.headers.get('etag'), statements: res.headers.get('x-sql-statements'), body: await res.text() };
}

const penalties = (a: Answer) => JSON.parse(a.body).data.subject.profile.penalties.totalCount as number;

/**
 * Both instances have received every change and heartbeat committed so far. A shared answer is
 * anchored at the last heartbeat its instance received; the other instance receives that
 * heartbeat within the bound, and the tests below wait for it instead.
 */
async function settled(...servers: TestServer[]): Promise<void> {
  for (const s of servers) await s.app.publicCache!.caughtUp();
}

/** Polls until `check` holds; a change reaches each instance asynchronously (within the bound). */
async function eventually(check: () => Promise<boolean>, withinMs = 4 * BOUND_MS): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A TCP relay in front of Redis that the test can cut and restore: an outage of one instance's Redis. */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 6379), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  url(): string {
    const u = new URL(this.target.toString());
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}

(redisUrl ? describe : describe.skip)('the shared (Redis) tier of the public cache', () => {
  const clock = { at: new Date('2026-11-20T02:00:00Z'), now() { return this.at; }, set(d: Date) { this.at = d; } };
  const logged: string[] = [];
  let redis: Redis;
  let relay: Relay;
  let one: TestServer;
  let two: TestServer;
  let build: Builder;
  let a: BuiltSubject;
  let b: BuiltSubject;

  beforeAll(async () => {
    redis = new Redis(redisUrl!);
    relay = new Relay(new URL(redisUrl!));
    await relay.open();
    one = await startTestServer({ subjects: 5, now: () => clock.now(), config: { publicCache: CACHE } });
    // The second instance reaches Redis through the relay, so the test can take Redis away from it alone.
    const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { logged.push(String(chunk)); done(); } }));
    two = await startTestServer({ database: one.database, seed: false, now: () => clock.now(), logger, config: { publicCache: { ...CACHE, redisUrl: relay.url() } } });
    // Built through the first instance after both listen: each write waits for a heartbeat both receive.
    build = builder(one, { clock });
    a = await build.legalPerson({ region: '320106', name: '共享缓存甲科技有限公司' });
    b = await build.legalPerson({ region: '320106', name: '共享缓存乙科技有限公司' });
  });
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await relay.cut().catch(() => undefined);
  });

  it('names the catalog snapshot by its content, the same on both instances', () => {
    // The catalog each server serves (and keys its cache by), rebuilt from the database at start.
    expect(one.app.services.catalog.identity).toMatch(/^[\w-]{43}$/);
    expect(two.app.services.catalog.identity).toBe(one.app.services.catalog.identity);
  });

  it('serves an answer computed by one instance from Redis on the other, without SQL, then from its own memory', async () => {
    await settled(one);
    const first = await ask(one, PROFILE, { code: a.uscc });
    expect(first.cache).toBe('MISS');
    await settled(two);
    const shared = await ask(two, PROFILE, { code: a.uscc });
    expect(shared).toMatchObject({ status: 200, cache: 'HIT-SHARED', body: first.body, statements: '0' });
    expect((await ask(two, PROFILE, { code: a.uscc })).cache).toBe('HIT');
    // Listed under the subject's tag, with an expiry.
    const members = await redis.zrange(`${PREFIX}t:s:${a.uscc}`, 0, -1);
    expect(members).toHaveLength(1);
    expect(await redis.pttl(members[0]!)).toBeGreaterThan(0);
  });

  it('a write through one instance ends the answers on both, in Redis too, and not the other subject\'s', async () => {
    await ask(one, PROFILE, { code: a.uscc });
    await ask(two, PROFILE, { code: a.uscc });
    await settled(one);
    const other = await ask(one, PROFILE, { code: b.uscc });
    await settled(two);
    expect((await ask(two, PROFILE, { code: b.uscc })).cache).toMatch(/^HIT/);
    const before = penalties(await ask(two, PROFILE, { code: a.uscc }));

    await build.penalty(a, { by: 'SAMR_320106', decisionDate: '2026-11-10' });

    // The writing instance has caught up before answering the mutation: its next read is new.
    const mine = await ask(one, PROFILE, { code: a.uscc });
    expect(mine.cache).toBe('MISS');
    expect(penalties(mine)).toBe(before + 1);
    await eventually(async () => penalties(await ask(two, PROFILE, { code: a.uscc })) === before + 1);
    // The other subject's answer was not touched, on either tier.
    expect(await ask(two, PROFILE, { code: b.uscc })).toMatchObject({ cache: 'HIT', body: other.body });
    expect(await redis.zrange(`${PREFIX}t:s:${b.uscc}`, 0, -1)).toHaveLength(1);
  });

  it('keeps a search of registrations in Redis through a penalty for a subject it lists, and ends it with a registration change', async () => {
    await settled(one);
    const across = new Set(await redis.zrange(`${PREFIX}t:across`, 0, -1));
    const registrations = new Set(await redis.zrange(`${PREFIX}t:s:@registrations`, 0, -1));
    const search = await ask(one, SEARCH, { keyword: '共享缓存' });
    await ask(one, SEARCH_RECORDS, { keyword: '共享缓存' });
    expect(JSON.parse(search.body).data.searchSubjects.edges.map((e: { node: { uscc: string } }) => e.node.uscc)).toContain(a.uscc);
    // Listed under the registrations tag, not across subjects; the search reading records the other way round.
    const newIn = async (set: string, before: Set<string>) => (await redis.zrange(`${PREFIX}t:${set}`, 0, -1)).filter((k) => !before.has(k));
    const [searchKey] = await newIn('s:@registrations', registrations);
    const [recordsKey] = await newIn('across', across);
    expect(await newIn('s:@registrations', registrations)).toHaveLength(1);
    expect(await newIn('across', across)).toHaveLength(1);

    await build.penalty(a, { by: 'SAMR_320106', decisionDate: '2026-11-09' });
    await settled(one, two);
    // The penalty's eviction left the search in Redis; the other instance serves it, and it is the database's answer.
    expect(await redis.exists(searchKey!)).toBe(1);
    expect(await redis.exists(recordsKey!)).toBe(0);
    expect(await ask(two, SEARCH, { keyword: '共享缓存' })).toMatchObject({ cache: 'HIT-SHARED', body: search.body, statements: '0' });
    expect((await ask(two, SEARCH_RECORDS, { keyword: '共享缓存' })).cache).toBe('MISS');

    // A registration change (by SQL, outside the application) ends it on both tiers.
    await one.database.db.execute(sql`UPDATE subjects SET name = '共享缓存甲科技集团有限公司' WHERE id = ${a.id}`);
    await eventually(async () => (await redis.exists(searchKey!)) === 0);
    for (const s of [one, two]) {
      await eventually(async () => (await ask(s, SEARCH, { keyword: '共享缓存' })).body.includes('共享缓存甲科技集团有限公司'));
    }
  });

  it('a catalog change ends every answer, in Redis too', async () => {
    await settled(one);
    await ask(one, PROFILE, { code: b.uscc });
    await ask(one, SEARCH, { keyword: '共享缓存' });
    await settled(two);
    expect((await ask(two, SEARCH, { keyword: '共享缓存' })).cache).toMatch(/^HIT/);
    expect((await redis.keys(`${PREFIX}e:*`)).length).toBeGreaterThan(0);

    // Any statement on a catalog table notifies '*' (drizzle/0016).
    await one.database.db.execute(sql`UPDATE catalog_versions SET status = status`);

    await eventually(async () => (await redis.keys(`${PREFIX}e:*`)).length === 0);
    await eventually(async () => (await ask(two, SEARCH, { keyword: '共享缓存' })).cache !== 'HIT');
    await eventually(async () => (await ask(one, PROFILE, { code: b.uscc })).cache !== 'HIT');
  });

  it('keys shared answers by the legal date, and lets none outlive its day in Redis', async () => {
    clock.set(new Date('2026-11-20T15:55:00Z')); // 23:55 in China
    await settled(one);
    await ask(one, PROFILE, { code: b.uscc });
    await settled(two);
    expect((await ask(two, PROFILE, { code: b.uscc })).cache).toMatch(/^HIT/);
    const listed = new Set(await redis.zrange(`${PREFIX}t:s:@registrations`, 0, -1));
    expect((await ask(one, SEARCH, { keyword: '共享缓存乙' })).cache).toBe('MISS');
    const stored = (await redis.zrange(`${PREFIX}t:s:@registrations`, 0, -1)).filter((k) => !listed.has(k));
    expect(stored).toHaveLength(1);
    // Five minutes to midnight: it expires then, not after the usual lifetime.
    expect(await redis.pttl(stored[0]!)).toBeGreaterThan(0);
    expect(await redis.pttl(stored[0]!)).toBeLessThanOrEqual(5 * 60_000);

    clock.set(new Date('2026-11-20T16:00:00Z')); // 2026-11-21 00:00 in China
    expect((await ask(two, PROFILE, { code: b.uscc })).cache).toBe('MISS');
  });

  it('answers correctly through a Redis outage, logs it once, and shares again once Redis is back', async () => {
    await relay.cut();
    const during = [await ask(two, PROFILE, { code: a.uscc }), await ask(two, SEARCH, { keyword: '共享缓存' }), await ask(two, PROFILE, { code: b.uscc })];
    for (const answer of during) expect(answer.status).toBe(200);
    expect(during[0]!.body).toBe((await ask(one, PROFILE, { code: a.uscc })).body);
    expect(during[1]!.body).toBe((await ask(one, SEARCH, { keyword: '共享缓存' })).body);
    // A write during the outage still reaches the cut instance's memory (notifications come from the database).
    await build.penalty(b, { by: 'SAMR_320106', decisionDate: '2026-11-11' });
    const truth = await ask(one, PROFILE, { code: b.uscc });
    await eventually(async () => (await ask(two, PROFILE, { code: b.uscc })).body === truth.body);
    expect(logged.filter((l) => l.includes('Redis (REDIS_URL) unavailable'))).toHaveLength(1);

    await relay.open();
    await eventually(async () => {
      await build.penalty(a, { by: 'SAMR_320106', decisionDate: '2026-11-12' }); // a fresh answer to share
      await settled(one);
      await ask(one, PROFILE, { code: a.uscc });
      await settled(two);
      return (await ask(two, PROFILE, { code: a.uscc })).cache === 'HIT-SHARED';
    }, 10 * BOUND_MS);
    expect(logged.filter((l) => l.includes('Redis (REDIS_URL) is back'))).toHaveLength(1);
  });

  describe('the race: an answer computed while a change commits, stored after it', () => {
    // Long bound: the instances below must stay fresh across the steps whatever the machine's load.
    const LONG = 60_000;
    let held = false;
    const queue: Array<() => void> = [];
    let slow: PublicCache;
    let other: PublicCache;

    beforeAll(async () => {
      // The first instance's notifications are delayed (held, then delivered in order), as a slow
      // listening connection would: it stores an answer not knowing a change has committed.
      const delayed: Pick<Database, 'db' | 'listen'> = {
        db: one.database.db,
        listen: (channel, onNotify, onListen) => one.database.listen(channel, (p) => (held ? queue.push(() => onNotify(p)) : onNotify(p)), onListen),
      };
      const opts = { schema: await buildBareSchema(), maxBytes: 2 ** 20, maxStalenessMs: LONG, replica: false, shared: { url: redisUrl!, prefix: PREFIX } };
      slow = new PublicCache(delayed, opts);
      other = new PublicCache(one.database, opts);
      await slow.start();
      await other.start();
      // A heartbeat sent after both listen, received by both: the anchor of what follows.
      await slow.caughtUp();
      await other.caughtUp();
    });
    afterAll(async () => {
      await slow?.stop();
      await other?.stop();
    });

    it('is never served by the other instance, though it is in Redis', async () => {
      const response = (body: string) => ({ status: 200, contentType: 'application/json', body, etag: `"${body}"` });
      const ticket = slow.ticket();
      expect(ticket.anchor).toBeDefined();
      held = true;
      await one.database.db.execute(sql`UPDATE subjects SET name = '共享缓存甲科技股份有限公司' WHERE id = ${a.id}`);
      await other.caughtUp(); // the other instance has received the change; the slow one has not
      await settled(one, two); // and every instance but the slow one has deleted what it ends from Redis

      expect(await slow.store(ticket, 'race-a', response('before the change'), [a.uscc!], clock.now())).toBe(true);
      expect(await slow.store(ticket, 'race-b', response('about b, unchanged'), [b.uscc!], clock.now())).toBe(true);
      expect(await slow.store(ticket, 'race-all', response('across subjects'), null, clock.now())).toBe(true);
      expect(await slow.store(ticket, 'race-search', response('a search of registrations'), [REGISTRATIONS], clock.now())).toBe(true);
      expect(await redis.exists(`${PREFIX}e:race-a`)).toBe(1);
      expect(await redis.zrange(`${PREFIX}t:s:@registrations`, 0, -1)).toContain(`${PREFIX}e:race-search`);

      expect(await other.lookup('race-a', [a.uscc!])).toBeUndefined();
      expect(await other.lookup('race-all', null)).toBeUndefined();
      // The change wrote subjects: a search of registrations anchored before it is refused too.
      expect(await other.lookup('race-search', [REGISTRATIONS])).toBeUndefined();
      // The same anchor, a subject the change did not touch: served.
      expect(await other.lookup('race-b', [b.uscc!])).toMatchObject({ tier: 'HIT-SHARED', response: { body: 'about b, unchanged' } });

      held = false;
      for (const deliver of queue.splice(0)) deliver();
      // Once the slow instance hears of the change, it too refuses what it stored before.
      expect(slow.cache.lookup('race-a')).toBeUndefined();
      expect(slow.cache.lookup('race-search')).toBeUndefined();
    });
  });
});
