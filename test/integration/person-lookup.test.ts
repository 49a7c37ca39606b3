/**
 * Finding a natural person by resident ID number (naturalPerson, creditReport, /report/<id>
 * as HTML and PDF), tried as an enumerating caller would: for a caller with no right to the
 * person, an existing person with records, an existing person without records and a valid
 * number nobody has are answered alike — data, errors, status, headers, and the SQL work done
 * (x-sql-statements, the deterministic part of timing). Every lookup, hit or miss, is in the
 * access log, and the number of distinct numbers a token may try in a day is bounded.
 */
import { sql } from 'drizzle-orm';
import { makeResidentId } from '../../src/identifiers';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const LIMIT = 6;
/** 王建军, a Gulou resident with a penalty; a person with no credit record at all; a company. */
let wang: BuiltSubject;
let bare: BuiltSubject;
let company: BuiltSubject;
let WANG = '';
beforeAll(async () => {
  server = await startTestServer({ seed: false, config: { personLookupDailyLimit: LIMIT } });
  const build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'SAMR_110000', 'SAMR_110105', 'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320106');
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  await build.agency({ code: 'JS_CREDIT_SVC', system: 'CREDIT_SERVICE', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'NJ_HR', system: 'HR_SERVICE', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  wang = await build.naturalPerson({ name: '王建军', region: '320106' });
  WANG = wang.idNumber!;
  await build.penalty(wang, { by: 'SAMR_320106', decisionDate: '2025-06-10' });
  bare = await build.naturalPerson({ region: '320106' });
  company = await build.legalPerson();
}, 120_000);
afterAll(() => server.close());

const NOBODY = makeResidentId({ divisionCode: '320106', birthDate: '1985-03-02', sequence: 777 });

const PERSON = `query Person($id: String!) { naturalPerson(idNumber: $id) { name subjectKind
  profile { penalties(first: 5) { totalCount edges { node { decisionDate } } } } } }`;
const REPORT = 'query Report($code: String!) { creditReport(code: $code) { edition summary { total } } }';

/** Callers with no right to the persons: another subject; partners whose purpose rests on consent they do not have. */
const NO_RIGHT: Array<[string, () => Promise<Record<string, string>>]> = [
  ['another subject', () => authHeaders({ role: 'SUBJECT', subject: company.id })],
  ['a bank without consent (FINANCIAL_SERVICE)', () => authHeaders({ role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE')],
  ['a credit-service agency without consent (EMPLOYMENT_SCREENING)', () => authHeaders({ role: 'PARTNER', agency: 'JS_CREDIT_SVC' }, 'EMPLOYMENT_SCREENING')],
];

/** What a response tells a caller, with what differs between any two requests (ids, dates, report numbers) taken out. */
function observable(status: number, headers: Headers, body: string) {
  const kept = ['content-type', 'content-length', 'cache-control', 'x-sql-statements', 'www-authenticate'];
  return {
    status,
    headers: Object.fromEntries(kept.map((h) => [h, headers.get(h)])),
    body: body.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|lookup-[a-z-]+-\d+/g, '<request id>'),
  };
}

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string>, requestId: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return observable(res.status, res.headers, await res.text());
}

async function page(path: string, headers: Record<string, string>, requestId: string) {
  const res = await fetch(new URL(path, server.url), { headers: { 'x-request-id': requestId, ...headers } });
  return observable(res.status, res.headers, Buffer.from(await res.arrayBuffer()).toString('latin1'));
}

async function lookupRows(requestId: string) {
  return (await server.database.db.execute(sql`
    SELECT subject_id, field_path, decision, reason FROM access_log WHERE client_request_id = ${requestId} AND field_path LIKE 'naturalPerson(idNumber#%'`)) as unknown as
    { rows?: Array<Record<string, unknown>> } & Array<Record<string, unknown>>;
}
const rowsOf = async (requestId: string) => {
  const r = await lookupRows(requestId);
  // bigint: a number from PGlite, a string from PostgreSQL.
  return ((r.rows ?? r) as Array<{ subject_id: string | number | null; field_path: string; decision: string; reason: string }>)
    .map((row) => ({ ...row, subject_id: row.subject_id === null ? null : Number(row.subject_id) }));
};

let seq = 0;
const rid = (label: string) => `lookup-${label}-${++seq}`;

describe.each(NO_RIGHT)('%s', (_label, headersOf) => {
  it('gets the same answer for a person with records, a person without, and a number nobody has — on every path', async () => {
    const headers = await headersOf();
    const numbers = [WANG, bare.idNumber!, NOBODY];
    for (const [name, ask] of [
      ['naturalPerson', (n: string) => post(PERSON, { id: n }, headers, rid('np'))],
      ['creditReport', (n: string) => post(REPORT, { code: n }, headers, rid('cr'))],
      ['report page', (n: string) => page(`/report/${n}`, headers, rid('html'))],
      ['report PDF', (n: string) => page(`/report/${n}.pdf`, headers, rid('pdf'))],
    ] as const) {
      // Once first: what a caller's first request costs (its token checked, statements prepared) is no answer about anyone.
      await ask(NOBODY);
      const answers = [];
      for (const n of numbers) answers.push(await ask(n));
      expect({ name, answer: answers[0] }).toEqual({ name, answer: answers[2] });
      expect({ name, answer: answers[1] }).toEqual({ name, answer: answers[2] });
      expect(answers[0]!.body).not.toContain('王');
    }
  });
});

describe('a department\'s right to find a person follows its jurisdiction and area', () => {
  it('lets the Gulou district market regulator find a Gulou resident, and not a Beijing district bureau', async () => {
    const found = JSON.parse((await post(PERSON, { id: WANG }, await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'), rid('gulou'))).body);
    expect(found.data.naturalPerson).not.toBeNull();
    const beijing = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_110105' }, 'CREDIT_SUPERVISION');
    await post(PERSON, { id: NOBODY }, beijing, rid('beijing-warm'));
    const [person, nobody] = [await post(PERSON, { id: WANG }, beijing, rid('beijing')), await post(PERSON, { id: NOBODY }, beijing, rid('beijing'))];
    expect(JSON.parse(person.body)).toEqual({ data: { naturalPerson: null } });
    expect(person).toEqual(nobody);
  });
});

describe('the access log', () => {
  it('has a row for every lookup by ID number, hit or miss, naming the person it was about but never the number', async () => {
    const bank = await authHeaders({ role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE');
    const [hit, miss] = [rid('log-hit'), rid('log-miss')];
    await post('query($id: String!) { naturalPerson(idNumber: $id) { __typename } }', { id: WANG }, bank, hit);
    await post('query($id: String!) { naturalPerson(idNumber: $id) { __typename } }', { id: NOBODY }, bank, miss);
    const [onWang] = await rowsOf(hit);
    const [onNobody] = await rowsOf(miss);
    expect(onWang).toMatchObject({ subject_id: wang.id, decision: 'DENY', reason: 'NO_RIGHT_TO_PERSON' });
    expect(onNobody).toMatchObject({ subject_id: null, decision: 'DENY', reason: 'NO_SUCH_PERSON' });
    for (const row of [onWang!, onNobody!]) {
      expect(row.field_path).not.toContain(WANG.slice(6, 14));
      expect(row.field_path).not.toContain(NOBODY.slice(6, 14));
    }
  });

  it('shows the person that someone tried their number (myAccessLog)', async () => {
    const hr = await authHeaders({ role: 'PARTNER', agency: 'NJ_HR' }, 'EMPLOYMENT_SCREENING');
    await post('query($id: String!) { naturalPerson(idNumber: $id) { __typename } }', { id: WANG }, hr, rid('victim'));
    const own = await server.gql('{ myAccessLog(first: 100) { edges { node { agencyCode purpose } } } }', {}, await authHeaders({ role: 'SUBJECT', subject: wang.id }));
    expect(own.body.data?.myAccessLog.edges.map((e: { node: { agencyCode: string; purpose: string } }) => e.node))
      .toContainEqual({ agencyCode: 'NJ_HR', purpose: 'EMPLOYMENT_SCREENING' });
  });

  it('lets the person find themself, logged as found', async () => {
    const id = rid('self');
    const res = await post(PERSON, { id: WANG }, await authHeaders({ role: 'SUBJECT', subject: wang.id }), id);
    expect(JSON.parse(res.body).data.naturalPerson.name).toBe('王建军');
    expect(await rowsOf(id)).toEqual([expect.objectContaining({ subject_id: wang.id, decision: 'ALLOW', reason: 'PERSON_FOUND' })]);
  });
});

describe('the daily budget of distinct numbers per token', () => {
  it('refuses one distinct number past the limit with a clear error, still answers numbers already tried, and counts per token', async () => {
    const clerk = await authHeaders({ role: 'DEPARTMENT', agency: 'SPC_320106' }, 'CREDIT_SUPERVISION');
    const tried = Array.from({ length: LIMIT }, (_, i) => makeResidentId({ divisionCode: '320102', birthDate: '1990-01-01', sequence: 300 + i }));
    for (const n of tried) {
      const res = JSON.parse((await post(PERSON, { id: n }, clerk, rid('budget'))).body);
      expect(res.errors).toBeUndefined();
    }
    const over = JSON.parse((await post(PERSON, { id: NOBODY }, clerk, rid('budget-over'))).body);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'LOOKUP_BUDGET_EXCEEDED', limit: LIMIT });
    expect(over.errors?.[0]?.message).toMatch(/distinct resident ID numbers today/);
    const again = JSON.parse((await post(PERSON, { id: tried[0] }, clerk, rid('budget-again'))).body);
    expect(again.errors).toBeUndefined();
    // Another agency's token has its own budget.
    const court = await authHeaders({ role: 'DEPARTMENT', agency: 'SPC_320100' }, 'CREDIT_SUPERVISION');
    expect(JSON.parse((await post(PERSON, { id: NOBODY }, court, rid('budget-other'))).body).errors).toBeUndefined();
  });
});
