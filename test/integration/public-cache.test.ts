/**
 * The public response cache (issue 17 item 2): public answers kept per operation, variables,
 * catalog snapshot and legal date, evicted exactly — a write that changes what the public may
 * see of a subject evicts that subject's answers (and every answer across subjects) on every
 * instance, a search of registration fields only by a change to subjects' registration; never
 * used for a token holder; never serving past the staleness bound, which a cut notification
 * channel makes it stop at once the bound has passed.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

// Generous: under a loaded CI machine a heartbeat may take long, and a late one rightly stops the cache.
const BOUND_MS = 2500;
const CACHE = { maxBytes: 8 * 2 ** 20, maxStalenessMs: BOUND_MS };
const PROFILE = 'query Profile($code: String!) { subject(code: $code) { name profile { penalties(first: 5) { totalCount edges { node { decisionDate } } } } } }';
const SEARCH = 'query Search($keyword: String!) { searchSubjects(keyword: $keyword, first: 5) { totalCount edges { node { uscc name } } } }';
/** The same search written another way (fragment, alias, id, page info): registration fields only all the same. */
const SEARCH_REGISTRATIONS = `query Registrations($keyword: String!) { found: searchSubjects(keyword: $keyword, first: 5) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename id ...Registration } } } }
  fragment Registration on Subject { uscc name status establishedOn legalRepresentative }`;
/** A search that also reads each subject's penalties: not registration only. */
const SEARCH_RECORDS = 'query SearchRecords($keyword: String!) { searchSubjects(keyword: $keyword, first: 5) { totalCount edges { node { uscc name profile { penalties(first: 5) { totalCount } } } } } }';

interface Answer { status: number; cache: string | null; etag: string | null; body: string }

async function ask(server: { url: string }, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, cache: res.headers.get('x-cache'), etag: res.headers.get('etag'), body: await res.text() };
}

async function askGet(server: { url: string }, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const url = `${server.url}?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
  const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: res.status, cache: res.headers.get('x-cache'), etag: res.headers.get('etag'), body: await res.text() };
}

/** Polls until `check` holds; the change reaches a listening instance asynchronously (within the bound). */
async function eventually(check: () => Promise<boolean>, withinMs = 4 * BOUND_MS): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const clock = { at: new Date('2026-11-20T02:00:00Z'), now() { return this.at; }, set(d: Date) { this.at = d; } };
let server: TestServer;
/** The same database without the cache: what every cached answer must equal. */
let uncached: TestServer;
let build: Builder;
let a: BuiltSubject;
let b: BuiltSubject;

beforeAll(async () => {
  server = await startTestServer({ subjects: 5, now: () => clock.now(), config: { publicCache: CACHE } });
  uncached = await startTestServer({ database: server.database, seed: false, now: () => clock.now() });
  build = builder(server, { clock });
  a = await build.legalPerson({ region: '320106', name: '缓存测试甲科技有限公司' });
  b = await build.legalPerson({ region: '320106', name: '缓存测试乙科技有限公司' });
});
afterAll(async () => {
  await uncached.app.close();
  await server.close();
});

describe('the public response cache', () => {
  it('answers a repeated public query from memory, with the same body and no SQL', async () => {
    const first = await ask(server, PROFILE, { code: a.uscc });
    const again = await ask(server, `# the same operation, spaced differently\n${PROFILE.replace(/ {/g, '  {')}`, { code: a.uscc });
    expect([first.cache, again.cache]).toEqual(['MISS', 'HIT']);
    expect(again.body).toBe(first.body);
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PROFILE, variables: { code: a.uscc } }) });
    expect(res.headers.get('x-sql-statements')).toBe('0');
  });

  it('never answers a token holder from it, nor keeps a token holder\'s answer', async () => {
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const asPartner = await ask(server, PROFILE, { code: a.uscc }, partner);
    expect(asPartner.status).toBe(200);
    expect(asPartner.cache).toBeNull();
    const owner = await authHeaders({ role: 'SUBJECT', subject: a.id });
    expect((await ask(server, PROFILE, { code: a.uscc }, owner)).cache).toBeNull();
  });

  it('gives public GET answers an ETag to revalidate with (304), and says no-cache to browsers and CDNs', async () => {
    const first = await askGet(server, PROFILE, { code: b.uscc });
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[\w-]{27}"$/);
    const res = await fetch(`${server.url}?${new URLSearchParams({ query: PROFILE, variables: JSON.stringify({ code: b.uscc }) })}`, {
      headers: { 'apollo-require-preflight': 'true', 'if-none-match': first.etag! },
    });
    expect(res.status).toBe(304);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(await res.text()).toBe('');
  });

  it('evicts exactly: a penalty recorded for one subject ends its answers and the searches reading records, not the other subject\'s nor the searches of registrations', async () => {
    await ask(server, PROFILE, { code: a.uscc });
    const before = await ask(server, PROFILE, { code: b.uscc });
    const searches = [SEARCH, SEARCH_REGISTRATIONS, SEARCH_RECORDS];
    for (const query of searches) await ask(server, query, { keyword: '缓存测试' });
    expect((await ask(server, PROFILE, { code: a.uscc })).cache).toBe('HIT');
    for (const query of searches) expect((await ask(server, query, { keyword: '缓存测试' })).cache).toBe('HIT');
    const searched = await ask(server, SEARCH, { keyword: '缓存测试' });
    // The searches list the subject the penalty is for.
    expect(JSON.parse(searched.body).data.searchSubjects.edges.map((e: { node: { uscc: string } }) => e.node.uscc)).toContain(a.uscc);

    // Through the API of this instance: it has received the change before the mutation answers.
    await build.penalty(a, { by: 'SAMR_320106', decisionDate: '2026-11-10' });

    const afterA = await ask(server, PROFILE, { code: a.uscc });
    expect(afterA.cache).toBe('MISS');
    expect(JSON.parse(afterA.body).data.subject.profile.penalties.totalCount).toBe(1);
    const afterB = await ask(server, PROFILE, { code: b.uscc });
    expect(afterB).toMatchObject({ cache: 'HIT', body: before.body });
    // Registration fields only: still served from memory, and still the answer the database gives.
    for (const query of [SEARCH, SEARCH_REGISTRATIONS]) {
      const kept = await ask(server, query, { keyword: '缓存测试' });
      expect(kept.cache).toBe('HIT');
      expect(kept.body).toBe((await ask(uncached, query, { keyword: '缓存测试' })).body);
    }
    // Reading the penalties: evicted, and the new answer counts the penalty.
    const withRecords = await ask(server, SEARCH_RECORDS, { keyword: '缓存测试' });
    expect(withRecords.cache).toBe('MISS');
    expect(withRecords.body).toBe((await ask(uncached, SEARCH_RECORDS, { keyword: '缓存测试' })).body);
    const penaltiesOfA = JSON.parse(withRecords.body).data.searchSubjects.edges.find((e: { node: { uscc: string } }) => e.node.uscc === a.uscc).node.profile.penalties.totalCount;
    expect(penaltiesOfA).toBe(1);
  });

  it('evicts the searches of registrations when a subject\'s registration changes: a new subject, a name', async () => {
    for (const query of [SEARCH, SEARCH_REGISTRATIONS]) await ask(server, query, { keyword: '缓存测试' });
    for (const query of [SEARCH, SEARCH_REGISTRATIONS]) expect((await ask(server, query, { keyword: '缓存测试' })).cache).toBe('HIT');
    const totalOf = (answer: Answer) => JSON.parse(answer.body).data[answer.body.includes('"found"') ? 'found' : 'searchSubjects'].totalCount as number;
    const before = totalOf(await ask(server, SEARCH, { keyword: '缓存测试' }));

    // Registered outside the application (as the builders do, by SQL): the server hears of it by notification.
    const c = await build.legalPerson({ region: '320106', name: '缓存测试丙科技有限公司' });
    for (const query of [SEARCH, SEARCH_REGISTRATIONS]) {
      await eventually(async () => totalOf(await ask(server, query, { keyword: '缓存测试' })) === before + 1);
      expect((await ask(server, query, { keyword: '缓存测试' })).body).toBe((await ask(uncached, query, { keyword: '缓存测试' })).body);
    }
    const listed = await ask(server, SEARCH, { keyword: '缓存测试丙' });
    expect(JSON.parse(listed.body).data.searchSubjects.edges.map((e: { node: { uscc: string } }) => e.node.uscc)).toEqual([c.uscc]);
    expect((await ask(server, SEARCH, { keyword: '缓存测试丙' })).cache).toBe('HIT');

    await server.database.db.execute(sql`UPDATE subjects SET name = '缓存测试丙贸易有限公司' WHERE id = ${c.id}`);
    await eventually(async () => (await ask(server, SEARCH, { keyword: '缓存测试丙' })).body.includes('缓存测试丙贸易有限公司'));
    expect((await ask(server, SEARCH, { keyword: '缓存测试丙科技' })).body).toBe((await ask(uncached, SEARCH, { keyword: '缓存测试丙科技' })).body);
    expect(JSON.parse((await ask(server, SEARCH, { keyword: '缓存测试丙科技' })).body).data.searchSubjects.totalCount).toBe(0);
  });

  it('sees a change made outside the application (a direct SQL update) within the bound', async () => {
    const cached = await ask(server, PROFILE, { code: b.uscc });
    expect(JSON.parse(cached.body).data.subject.name).toBe('缓存测试乙科技有限公司');
    await server.database.db.execute(sql`UPDATE subjects SET name = '缓存测试乙科技股份有限公司' WHERE id = ${b.id}`);
    await eventually(async () => JSON.parse((await ask(server, PROFILE, { code: b.uscc })).body).data.subject.name === '缓存测试乙科技股份有限公司');
  });

  it('keys answers by the legal date: at midnight in China yesterday\'s answers are no longer used', async () => {
    await ask(server, PROFILE, { code: a.uscc });
    expect((await ask(server, PROFILE, { code: a.uscc })).cache).toBe('HIT');
    clock.set(new Date('2026-11-20T16:00:00Z')); // 2026-11-21 00:00 in China
    expect((await ask(server, PROFILE, { code: a.uscc })).cache).toBe('MISS');
  });

  it('evicts everything on a change every answer depends on (an agency)', async () => {
    await ask(server, PROFILE, { code: a.uscc });
    expect((await ask(server, PROFILE, { code: a.uscc })).cache).toBe('HIT');
    await server.database.db.execute(sql`UPDATE agencies SET name = name WHERE code = 'SAMR_320106'`);
    await eventually(async () => (await ask(server, PROFILE, { code: a.uscc })).cache !== 'HIT');
  });
});

describe('two instances on one database', () => {
  it('a write through one instance evicts the other\'s answers', async () => {
    const other = await startTestServer({ database: server.database, seed: false, now: () => clock.now(), config: { publicCache: CACHE } });
    try {
      await ask(other, PROFILE, { code: b.uscc });
      expect((await ask(other, PROFILE, { code: b.uscc })).cache).toBe('HIT');
      await build.penalty(b, { by: 'SAMR_320106', decisionDate: '2026-11-12' });
      await eventually(async () => JSON.parse((await ask(other, PROFILE, { code: b.uscc })).body).data.subject.profile.penalties.totalCount === 1);
    } finally {
      await other.app.close();
    }
  });
});

describe('a cut notification channel', () => {
  it('stops the cache from answering once the bound has passed, rather than serve what may be stale', async () => {
    // The channel as the server sees it: this wrapper stops delivering notifications (heartbeats
    // included) when cut, as a dropped LISTEN connection whose reconnection fails would.
    let cut = false;
    const gated: Database = {
      ...server.database,
      listen: (channel, onNotify, onListen) => server.database.listen(channel, (p) => { if (!cut) onNotify(p); }, onListen),
    };
    const other = await startTestServer({ database: { ...gated, destroy: async () => {} }, seed: false, now: () => clock.now(), config: { publicCache: CACHE } });
    try {
      await ask(other, PROFILE, { code: a.uscc });
      expect((await ask(other, PROFILE, { code: a.uscc })).cache).toBe('HIT');
      cut = true;
      await new Promise((r) => setTimeout(r, BOUND_MS + 100));
      // A write the cut instance cannot hear of:
      await server.database.db.execute(sql`UPDATE subjects SET name = '缓存测试甲科技股份有限公司' WHERE id = ${a.id}`);
      const answer = await ask(other, PROFILE, { code: a.uscc });
      expect(answer.cache).toBe('BYPASS');
      expect(JSON.parse(answer.body).data.subject.name).toBe('缓存测试甲科技股份有限公司');
      cut = false;
      await eventually(async () => (await ask(other, PROFILE, { code: a.uscc })).cache === 'HIT');
    } finally {
      await other.app.close();
    }
  });
});
