/**
 * The compiled executor (graphql-jit, src/graphql/compiled-executor.ts) must answer exactly as
 * graphql-js's interpreter does — same data, same errors with the same paths and codes, same
 * HTTP status — and write the same access log: it runs the same resolvers under the same
 * privacy layer, and only how the document is walked changes. Two servers on one database, one
 * each way, are asked the same operations by the public, a partner, a department and an
 * auditor: profiles with fragments and inline fragments on the record types, aliases,
 * directives, masked fields, denied fields, bad input, bad variables and introspection — in
 * development and in production (where errors are worded with fewer details and field
 * suggestions are masked by a plugin that rewrites error messages).
 */
import { sql } from 'drizzle-orm';
import { accessEntries } from '../support/access-log';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let compiled: TestServer;
let interpreter: TestServer;
/** The same two executors in production mode, on the same database. */
let compiledProduction: TestServer;
let interpreterProduction: TestServer;
let person: BuiltSubject;
let companies: string[] = [];

beforeAll(async () => {
  compiled = await startTestServer({ subjects: 40, config: { executor: 'compiled' } });
  const shared = { database: { ...compiled.database, destroy: async () => undefined }, seed: false };
  interpreter = await startTestServer({ ...shared, config: { executor: 'interpreter' } });
  compiledProduction = await startTestServer({ ...shared, config: { executor: 'compiled', env: 'production' } });
  interpreterProduction = await startTestServer({ ...shared, config: { executor: 'interpreter', env: 'production' } });
  const build = builder(compiled);
  person = await build.naturalPerson({ region: '320100' });
  const rows = await compiled.database.db.execute(sql`
    SELECT s.uscc FROM subjects s JOIN credit_records r ON r.subject_id = s.id
     WHERE s.uscc IS NOT NULL GROUP BY s.uscc ORDER BY count(*) DESC, s.uscc LIMIT 6`);
  companies = (((rows as unknown as { rows?: unknown[] }).rows ?? rows) as Array<{ uscc: string }>).map((r) => r.uscc);
}, 180_000);
afterAll(async () => {
  for (const server of [interpreterProduction, compiledProduction, interpreter]) await server?.close();
  await compiled?.close();
});

const ENVELOPE = 'fragment Envelope on CreditRecord { __typename id recordNumber catalogItem { code name recordKind } decisionDate severity publicationStart publicationEnd recordStatus disputed }';
const PROFILE = `query Profile($code: String!, $withLicences: Boolean!) {
  subject(code: $code) {
    __typename uscc name subjectKind legalRepresentative entityType status establishedOn registeredCapital registrationAuthority
    profile {
      licences(first: 10) @include(if: $withLicences) { totalCount edges { cursor node { ...Envelope ... on AdministrativeLicence { documentNumber licenceCategory content decidedOn validUntil } } } pageInfo { hasNextPage endCursor } }
      fines: penalties(first: 10) { totalCount edges { node { ...Envelope ... on AdministrativePenalty { documentNumber violationType penaltyCategory penaltyContent fineAmount decidedOn decidingAuthority } } } }
      honesty(first: 10) { totalCount edges { node { ...Envelope } } }
      anomalies(first: 10) @skip(if: true) { totalCount }
      seriousLists(first: 10) { totalCount edges { node { ...Envelope } } }
    }
    creditRecords(first: 3) { totalCount edges { node { ... on CreditRecord { id } ...Envelope } } }
  }
}
${ENVELOPE}`;

type Caller = 'public' | 'partner' | 'department' | 'auditor';
interface Case { name: string; caller: Caller; query: string; variables?: (c: string[]) => Record<string, unknown> }

const CASES: Case[] = [
  { name: 'public profile', caller: 'public', query: PROFILE, variables: (c) => ({ code: c[0], withLicences: true }) },
  { name: 'public profile, another subject, licences skipped', caller: 'public', query: PROFILE, variables: (c) => ({ code: c[1], withLicences: false }) },
  { name: 'public search', caller: 'public', query: 'query($k: String!) { a: searchSubjects(keyword: $k, first: 5) { totalCount edges { node { uscc name subjectKind } } } b: searchSubjects(keyword: $k, first: 2) { pageInfo { hasNextPage } } }', variables: () => ({ k: '公司' }) },
  { name: 'public catalog and reference data', caller: 'public', query: '{ catalogItems { code name recordKind } purposes { code } seriousListTypes { code } publishedCounts { __typename } }' },
  { name: 'public asks for a field it may not see', caller: 'public', query: 'query($c: String!) { subject(code: $c) { uscc legalRepIdNumber address } }', variables: (c) => ({ c: c[0] }) },
  { name: 'public: malformed code (bad input)', caller: 'public', query: '{ subject(code: "123") { uscc } }' },
  { name: 'public: a variable of the wrong type', caller: 'public', query: 'query($c: String!) { subject(code: $c) { uscc } }', variables: () => ({ c: 42 }) },
  { name: 'public: a required variable missing', caller: 'public', query: 'query($c: String!) { subject(code: $c) { uscc } }' },
  { name: 'public: a restricted operation', caller: 'public', query: '{ accessLog(first: 1) { totalCount } }' },
  { name: 'public: a misspelt field (suggestions masked in production)', caller: 'public', query: 'query($c: String!) { subject(code: $c) { usc } }', variables: (c) => ({ c: c[0] }) },
  { name: 'partner batch with masked and shared fields', caller: 'partner', query: `query($codes: [String!]!) { subjectsByCodes(codes: $codes) { uscc name legalRepresentative legalRepIdNumber address status profile { penalties(first: 5) { totalCount edges { node { ...Envelope ... on AdministrativePenalty { documentNumber fineAmount } } } } anomalies { totalCount } seriousLists { totalCount } } } }\n${ENVELOPE}`, variables: (c) => ({ codes: c }) },
  { name: 'partner: a natural person without consent', caller: 'partner', query: 'query($id: String!) { naturalPerson(idNumber: $id) { name creditRecords(first: 5) { totalCount } } }', variables: () => ({ id: person.idNumber }) },
  { name: 'department reads a subject', caller: 'department', query: PROFILE, variables: (c) => ({ code: c[2], withLicences: true }) },
  { name: 'auditor reads the access log', caller: 'auditor', query: '{ verifyAccessLog { __typename } }' },
  { name: 'introspection', caller: 'public', query: '{ __schema { queryType { name } types { name kind fields(includeDeprecated: true) { name args { name type { name kind ofType { name kind } } } } } } }' },
];

async function headersFor(caller: Caller): Promise<Record<string, string>> {
  switch (caller) {
    case 'public': return {};
    case 'partner': return authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    case 'department': return authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    case 'auditor': return authHeaders({ role: 'AUDITOR', agency: 'NDRC' });
  }
}

/** What the access log holds for a request, in an order independent of resolution order. */
async function logOf(server: TestServer, requestId: string): Promise<string[]> {
  return (await accessEntries(server.database, requestId))
    .map((e) => JSON.stringify([e.subject, e.item, e.path, e.decision, e.reason, e.purpose])).sort();
}

async function ask(server: TestServer, c: Case, requestId: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(await headersFor(c.caller)), 'x-request-id': requestId },
    body: JSON.stringify({ query: c.query, variables: c.variables?.(companies) }),
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

describe('the compiled executor answers as the interpreter does', () => {
  it('has data to compare: companies with records', () => {
    expect(companies.length).toBeGreaterThanOrEqual(3);
  });

  const runs = ['development', 'production'].flatMap((mode) => CASES.map((c, i) => [`${c.name} (${mode})`, c, `${mode}-${i}`, mode] as const));
  it.each(runs)('%s', async (_name, c, i, mode) => {
    const [jit, interp] = mode === 'production' ? [compiledProduction, interpreterProduction] : [compiled, interpreter];
    const viaInterpreter = await ask(interp, c, `interp-${i}`);
    // A document runs interpreted on its first use and compiled from its second (compileOnUse).
    const firstUse = await ask(jit, c, `jit-first-${i}`);
    expect(firstUse.body).toEqual(viaInterpreter.body);
    const viaCompiled = await ask(jit, c, `jit-${i}`);
    expect(viaCompiled.status).toBe(viaInterpreter.status);
    expect(viaCompiled.body).toEqual(viaInterpreter.body);
    // Not an empty comparison: every case yields data or an error.
    expect(viaCompiled.body.data ?? viaCompiled.body.errors).toBeTruthy();
    const log = await logOf(compiled, `jit-${i}`);
    expect(log).toEqual(await logOf(interpreter, `interp-${i}`));
    // Token holders' reads of subjects are logged: the comparison is not of two empty logs.
    if (c.caller === 'partner' || c.caller === 'department') expect(log.length).toBeGreaterThan(0);
  });
});
