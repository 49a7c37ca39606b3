/**
 * Keyset cursors (src/graphql/connection.ts, cursor.ts): items that arrive between two page
 * fetches never make a later page skip or repeat one, whether the list is paged in memory (a
 * subject's credit records), in SQL (a subject's consents) or by the name search; a cursor
 * that is malformed, altered, of an earlier release or of another list is a BAD_USER_INPUT;
 * pageInfo says where the page starts and whether items precede it.
 */
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok } from '../support/responses';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';

let server: TestServer;
let build: Builder;
let company: BuiltSubject;
let other: BuiltSubject;
let clock = new Date('2026-11-20T04:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ subjects: 5, now: () => clock });
  build = builder(server, { clock: { now: () => clock, set: (at) => { clock = at; } } });
  company = await build.legalPerson({ name: '游标测试甲贸易有限公司' });
  other = await build.legalPerson({ name: '游标测试乙贸易有限公司' });
  // Two decisions share each date, so the id tie-break is exercised.
  for (const date of ['2026-03-01', '2026-03-01', '2026-04-01', '2026-04-01', '2026-05-01']) {
    await build.penalty(company, { by: 'SAMR_320106', decisionDate: date });
  }
  await build.penalty(other, { by: 'SAMR_320106', decisionDate: '2026-05-01' });
}, 120_000);
afterAll(() => server.close());

interface PageInfo { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }
interface Connection { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: { id: string } }> }

const PAGE_INFO = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }';
const RECORDS = `query($code: String!, $first: Int, $after: String) { subject(code: $code) {
  creditRecords(first: $first, after: $after) { ${PAGE_INFO} } } }`;
const SEARCH = `query($k: String!, $first: Int, $after: String) { searchSubjects(keyword: $k, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { uscc name } } } }`;
const CONSENTS = `query($first: Int, $after: String) { myConsents(first: $first, after: $after) { ${PAGE_INFO} } }`;

const records = async (subject: BuiltSubject, first: number, after?: string | null): Promise<Connection> =>
  ok(await server.gql(RECORDS, { code: subject.uscc, first, after }), 'subject').creditRecords;

/** Pages through a list `first` at a time, calling `between` after each page; the ids in the order read. */
async function readAll(fetch: (after: string | null) => Promise<Connection>, between: (page: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const got = await fetch(after);
    seen.push(...got.edges.map((e) => e.node.id));
    if (!got.pageInfo.hasNextPage) return seen;
    after = got.pageInfo.endCursor;
    await between(page);
  }
  throw new Error('paging did not end');
}

describe('items arriving between page fetches', () => {
  it('neither skip nor repeat a subject\'s credit records (paged in memory), newer ones arriving first', async () => {
    const before = (await records(company, 100)).edges.map((e) => e.node.id);
    expect(before).toHaveLength(5);
    // Each arrival sorts before the pages already read: with offsets, every later page would
    // start one item early and repeat the last item read.
    const older: string[] = [];
    const read = await readAll((after) => records(company, 2, after), async (page) => {
      await build.penalty(company, { by: 'SAMR_320106', decisionDate: `2026-06-0${page + 1}` });
      // A decision older than every other sorts after the pages read so far: it is read when paging reaches it.
      older.push((await build.penalty(company, { by: 'SAMR_320106', decisionDate: `2025-12-${20 - page}` })).id);
    });
    expect(new Set(read).size).toBe(read.length);
    expect(read.filter((id) => before.includes(id))).toEqual(before);
    expect(older.length).toBeGreaterThan(1);
    expect(read.slice(before.length)).toEqual(older);
    expect(read).toHaveLength(before.length + older.length);
  });

  it('neither skip nor repeat a subject\'s consents (paged in SQL), newer ones arriving first', async () => {
    const person = await build.naturalPerson({ region: '320106' });
    const headers = await authHeaders({ role: 'SUBJECT', subject: person.id });
    const grant = () => build.consent(person, { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'] });
    for (let i = 0; i < 5; i++) {
      clock = new Date(clock.getTime() + 60_000);
      await grant();
    }
    const mine = async (first: number, after: string | null) => ok<Connection>(await server.gql(CONSENTS, { first, after }, headers), 'myConsents');
    const before = (await mine(100, null)).edges.map((e) => e.node.id);
    expect(before).toHaveLength(5);
    const read = await readAll((after) => mine(2, after), async () => {
      clock = new Date(clock.getTime() + 60_000);
      await grant();
    });
    expect(new Set(read).size).toBe(read.length);
    expect(read).toEqual(before);
    const last = await mine(100, null);
    expect(last.totalCount).toBe(7);
  });

  it('neither skip nor repeat subjects of a name search, better matches arriving first', async () => {
    const k = '游标测试';
    const search = async (after: string | null) => ok<{ pageInfo: PageInfo; edges: Array<{ node: { uscc: string } }> }>(await server.gql(SEARCH, { k, first: 1, after }), 'searchSubjects');
    const codes = async (after: string | null) => (await search(after)).edges.map((e) => e.node.uscc);
    const before = [...(await codes(null))];
    const all = ok(await server.gql(SEARCH, { k, first: 100 }), 'searchSubjects').edges.map((e: { node: { uscc: string } }) => e.node.uscc);
    expect(all).toEqual([company.uscc, other.uscc]);
    expect(before).toEqual([company.uscc]);
    const read: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const got = await search(after);
      read.push(...got.edges.map((e) => e.node.uscc));
      if (!got.pageInfo.hasNextPage) break;
      after = got.pageInfo.endCursor;
      // The name itself and a shorter name rank before both: an offset would repeat one.
      if (page === 0) await build.legalPerson({ name: k });
      if (page === 0) await build.legalPerson({ name: `${k}公司` });
    }
    expect(read).toEqual(all);
  });
});

describe('pageInfo', () => {
  it('gives the start cursor, and whether items precede the page, on the first, a middle and a page past the end', async () => {
    const first = await records(other, 1);
    expect(first.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[0]!.cursor });
    const all = await records(company, 100);
    const middle = await records(company, 2, all.edges[1]!.cursor);
    expect(middle.edges.map((e) => e.node.id)).toEqual(all.edges.slice(2, 4).map((e) => e.node.id));
    expect(middle.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: all.edges[2]!.cursor, endCursor: all.edges[3]!.cursor });
    const end = await records(company, 2, all.edges.at(-1)!.cursor);
    expect(end).toEqual({ totalCount: all.totalCount, pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null }, edges: [] });
  });

  it('counts items before the page in SQL too (the consents of a subject, on the list\'s count statement)', async () => {
    const person = await build.naturalPerson({ region: '320106' });
    const headers = await authHeaders({ role: 'SUBJECT', subject: person.id });
    for (let i = 0; i < 3; i++) await build.consent(person, { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'] });
    const page1 = ok<Connection>(await server.gql(CONSENTS, { first: 2 }, headers), 'myConsents');
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: page1.edges[0]!.cursor });
    const page2 = await server.gql(CONSENTS, { first: 2, after: page1.pageInfo.endCursor }, headers);
    expect(ok<Connection>(page2, 'myConsents').pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // The same statements as the first page: hasPreviousPage is counted by the list's count statement.
    const again = await server.gql(CONSENTS, { first: 2 }, headers);
    expect(page2.statements).toBe(again.statements);
  });
});

describe('page sizes', () => {
  const SECTION = `query($code: String!, $first: Int) { subject(code: $code) { profile { penalties(first: $first) { totalCount edges { node { id } } } } } }`;

  it('are refused outside 1 to 100 with the validator\'s reason, on a profile section and on creditRecords (whose arguments add filters)', async () => {
    for (const [query, vars] of [[SECTION, { code: company.uscc }], [RECORDS, { code: company.uscc }]] as const) {
      for (const [first, reason] of [[0, 'first: first must not be less than 1'], [101, 'first: first must not be greater than 100']] as const) {
        const res = await server.gql(query, { ...vars, first });
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(messageOf(res)).toBe(reason);
      }
      for (const first of [1, 100]) expect(codeOf(await server.gql(query, { ...vars, first }))).toBeUndefined();
    }
  });
});

describe('cursors', () => {
  const refused = (res: GraphQLResponse) => {
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/^after: not a cursor of this list/);
  };

  it('reveal nothing of the sort key: no internal id or date in the clear', async () => {
    const page = await records(company, 100);
    for (const { cursor } of page.edges) {
      const text = Buffer.from(cursor, 'base64url').toString('latin1');
      expect(text).not.toMatch(/2026-|offset|CreditRecord/);
    }
    // Stable: the same item has the same cursor in every response.
    expect((await records(company, 100)).edges.map((e) => e.cursor)).toEqual(page.edges.map((e) => e.cursor));
  });

  it('refuse a malformed, an altered and an earlier release\'s offset cursor with BAD_USER_INPUT', async () => {
    const good = (await records(company, 1)).pageInfo.endCursor!;
    const flipped = good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21);
    for (const after of ['not a cursor', 'AAAA', flipped, Buffer.from('offset:1').toString('base64url'), 'x'.repeat(600)]) {
      refused(await server.gql(RECORDS, { code: company.uscc, first: 2, after }));
    }
  });

  it('refuse a cursor of another list: another subject\'s records, a profile section, another connection', async () => {
    const ofOther = (await records(other, 1)).pageInfo.endCursor!;
    refused(await server.gql(RECORDS, { code: company.uscc, first: 2, after: ofOther }));
    const narrowed = ok(await server.gql(`query($code: String!) { subject(code: $code) { profile { penalties(first: 1) {
      pageInfo { endCursor } } } } }`, { code: company.uscc }), 'subject').profile.penalties.pageInfo.endCursor;
    expect(narrowed).toEqual(expect.any(String));
    refused(await server.gql(RECORDS, { code: company.uscc, first: 2, after: narrowed }));
    const ofSearch = ok(await server.gql(SEARCH, { k: '游标测试', first: 1 }), 'searchSubjects').pageInfo.endCursor;
    refused(await server.gql(RECORDS, { code: company.uscc, first: 2, after: ofSearch }));
    // And the other way round: a record cursor does not continue a search.
    const res = await server.gql(SEARCH, { k: '游标测试', first: 1, after: (await records(company, 1)).pageInfo.endCursor });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });

  it('of one viewer\'s list do not continue another viewer\'s (a subject\'s consents)', async () => {
    const a = await build.naturalPerson({ region: '320106' });
    const b = await build.naturalPerson({ region: '320106' });
    for (const p of [a, b]) await build.consent(p, { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'] });
    const ofA = ok<Connection>(await server.gql(CONSENTS, { first: 1 }, await authHeaders({ role: 'SUBJECT', subject: a.id })), 'myConsents').pageInfo.endCursor;
    const res = await server.gql(CONSENTS, { first: 1, after: ofA }, await authHeaders({ role: 'SUBJECT', subject: b.id }));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });
});
