/**
 * /metrics and request ids, through the real server: what Prometheus reads after real
 * requests (operations, outcomes, denials by reason, consent checks, access-log writes),
 * that each server counts only its own traffic, who may scrape, and that every request's
 * id reaches its response, its log lines and its access-log rows.
 */
import { Writable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { createLogger } from '../../src/logger';
import { DEFAULT_OPERATION_NAME_CAP } from '../../src/observability/operation-label';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

/** A natural person with a penalty, and a company (with a legal representative) with one. */
let wang: BuiltSubject;
let WANG_ID = '';
let STEEL = '';
let build: Builder;

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: false, logger: createLogger('info', sink) });
  other = await startTestServer({ seed: false, config: { metricsToken: 'scrape-token-0123456789' } });
  build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  const steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  STEEL = steel.uscc!;
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2025-06-10' });
  wang = await build.naturalPerson({ name: '王建军', region: '320106' });
  WANG_ID = wang.idNumber!;
  await build.penalty(wang, { by: 'SAMR_320106', decisionDate: '2025-07-01' });
}, 240_000);
afterAll(async () => {
  await server?.close();
  await other?.close();
});

const base = (s: TestServer) => s.url.replace(/\/graphql$/, '');

async function scrape(s: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${base(s)}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** `SELECT count(*) AS n …` on either driver (PGlite answers { rows }, postgres.js an array). */
async function countRows(s: TestServer, query: SQL): Promise<number> {
  const result = (await s.database.db.execute(query)) as unknown as { rows?: Array<{ n: number }> } & Array<{ n: number }>;
  return Number((result.rows ?? result)[0]!.n);
}

/** The value of the sample `name` whose labels include `labels`; 0 when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

describe('/metrics', () => {
  it('counts GraphQL requests by operation, type and outcome, and denials by code and reason', async () => {
    const before = await scrape(server);
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    // A public profile: some fields are not published, so FORBIDDEN with FIELD_NOT_PUBLISHED.
    const pub = await server.gql(`query MetricsPublic { subject(code: "${STEEL}") { name legalRepIdNumber } }`);
    expect(pub.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_PUBLISHED' });
    const ok = await server.gql(`query MetricsPartner { subjectsByCodes(codes: ["${STEEL}"]) { name } }`, undefined, partner);
    expect(ok.body.errors).toBeUndefined();
    // Refused once parsed: no purpose declared for an operation that reads data (purposeGate).
    const noPurpose = await server.gql('query MetricsNoPurpose { purposes { code } }', undefined, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }));
    expect(noPurpose.status).toBe(400);
    // Refused at admission, before the document is parsed: a purpose outside the agreements.
    const wrongPurpose = await server.gql('query MetricsWrongPurpose { purposes { code } }', undefined, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'JOINT_PUNISHMENT'));
    expect(wrongPurpose.status).toBe(403);
    // A mutation, refused by the policy; and an anonymous query.
    await server.gql('mutation MetricsRevoke { revokeConsent(id: "1") { id } }');
    await server.gql('{ purposes { code } }');
    const after = await scrape(server);
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);

    expect(delta('credit_api_graphql_requests_total', { operation: 'MetricsPublic', type: 'query', outcome: 'errors' })).toBe(1);
    expect(delta('credit_api_graphql_requests_total', { operation: 'MetricsPartner', type: 'query', outcome: 'ok' })).toBe(1);
    // A missing purpose is refused once the operation is known; a wrong one at admission, before any is.
    expect(delta('credit_api_graphql_requests_total', { operation: 'MetricsNoPurpose', type: 'query', outcome: 'refused' })).toBe(1);
    expect(delta('credit_api_graphql_requests_total', { operation: '(none)', type: 'none', outcome: 'refused' })).toBe(1);
    expect(delta('credit_api_graphql_requests_total', { operation: 'MetricsRevoke', type: 'mutation', outcome: 'errors' })).toBe(1);
    expect(delta('credit_api_graphql_requests_total', { operation: '(anonymous)', type: 'query', outcome: 'ok' })).toBe(1);
    expect(delta('credit_api_graphql_request_duration_seconds_count', { operation: 'MetricsPartner' })).toBe(1);
    expect(delta('credit_api_denials_total', { code: 'FORBIDDEN', reason: 'FIELD_NOT_PUBLISHED' })).toBeGreaterThanOrEqual(1);
    expect(delta('credit_api_denials_total', { code: 'PURPOSE_REQUIRED', reason: 'PURPOSE_REQUIRED' })).toBe(1);
    expect(delta('credit_api_http_requests_total', { route: '/graphql', method: 'POST', status: '400' })).toBe(1);
    expect(delta('credit_api_http_requests_total', { route: '/metrics', method: 'GET', status: '200' })).toBe(1);
    // One observation per request that reached execution: five (the one without a purpose, refused
    // once parsed, with 0 statements); the wrong purpose was refused at admission, before any.
    expect(delta('credit_api_graphql_sql_statements_count', {})).toBe(5);
  });

  it('counts operation limits and rate-limit style refusals under their own codes', async () => {
    const before = await scrape(server);
    const deep = `query MetricsDeep { subject(code: "${STEEL}") { profile { penalties { edges { node { catalogItem { items: code } subject { profile { penalties { edges { node { decisionDate } } } } } } } } } } }`;
    const res = await server.gql(deep);
    expect(res.body.errors?.[0]?.extensions?.code).toMatch(/_LIMIT$|GRAPHQL_VALIDATION_FAILED/);
    const code = res.body.errors![0]!.extensions!.code as string;
    const after = await scrape(server);
    expect(sample(after, 'credit_api_graphql_errors_total', { code }) - sample(before, 'credit_api_graphql_errors_total', { code })).toBe(1);
    if (code.endsWith('_LIMIT')) {
      expect(sample(after, 'credit_api_denials_total', { code, reason: code }) - sample(before, 'credit_api_denials_total', { code, reason: code })).toBe(1);
    }
  });

  it('counts consent checks: refused without a live consent, granted with one', async () => {
    const bank = await authHeaders({ role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE');
    const query = `query MetricsConsent($id: String!) { naturalPerson(idNumber: $id) {
      profile { penalties { edges { node { catalogItem { code } ... on AdministrativePenalty { documentNumber } } } } } } }`;
    const s0 = await scrape(server);
    const without = await server.gql(query, { id: WANG_ID }, bank);
    // Without consent the person does not exist for the bank: nothing to deny field by field.
    expect(without.body).toEqual({ data: { naturalPerson: null } });
    const s1 = await scrape(server);
    const refused = sample(s1, 'credit_api_consent_checks_total', { result: 'refused' }) - sample(s0, 'credit_api_consent_checks_total', { result: 'refused' });
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(sample(s1, 'credit_api_consent_checks_total', { result: 'granted' })).toBe(sample(s0, 'credit_api_consent_checks_total', { result: 'granted' }));
    expect(sample(s1, 'credit_api_denials_total', { code: 'CONSENT_REQUIRED', reason: 'CONSENT_REQUIRED' }))
      .toBe(sample(s0, 'credit_api_denials_total', { code: 'CONSENT_REQUIRED', reason: 'CONSENT_REQUIRED' }));
    await build.consent(wang, { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001', '03-02-002'] });
    await server.gql(query, { id: WANG_ID }, bank);
    const s2 = await scrape(server);
    // The consent covers the penalties' item: their checks are granted now.
    expect(sample(s2, 'credit_api_consent_checks_total', { result: 'granted' }) - sample(s1, 'credit_api_consent_checks_total', { result: 'granted' })).toBeGreaterThanOrEqual(1);
  });

  it('times each access-log write and records how many entries it carried', async () => {
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const before = await scrape(server);
    const rows = () => countRows(server, sql`SELECT count(*)::int AS n FROM access_log`);
    const rowsBefore = await rows();
    await server.gql(`query MetricsAudit { subjectsByCodes(codes: ["${STEEL}"]) { name legalRepresentative } }`, undefined, partner);
    const written = (await rows()) - rowsBefore;
    expect(written).toBeGreaterThan(0);
    const after = await scrape(server);
    expect(sample(after, 'credit_api_access_log_write_duration_seconds_count', { outcome: 'ok' })
      - sample(before, 'credit_api_access_log_write_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(sample(after, 'credit_api_access_log_entries_per_request_sum') - sample(before, 'credit_api_access_log_entries_per_request_sum')).toBe(written);
    expect(sample(after, 'credit_api_access_log_entries_pending')).toBe(0);
  });

  it('keeps each server\'s counts on its own registry, with process metrics and the pool size', async () => {
    await other.gql('query OnlyOnOther { __typename }');
    const mine = await scrape(server);
    const theirs = await scrape(other, { authorization: 'Bearer scrape-token-0123456789' });
    expect(sample(theirs, 'credit_api_graphql_requests_total', { operation: 'OnlyOnOther' })).toBe(1);
    expect(sample(mine, 'credit_api_graphql_requests_total', { operation: 'OnlyOnOther' })).toBe(0);
    expect(sample(mine, 'credit_api_process_resident_memory_bytes')).toBeGreaterThan(0);
    const poolSize = server.database.kind === 'postgres' ? server.database.pg!.options.max : 1;
    expect(sample(mine, 'credit_api_db_pool_size', { database: server.database.kind })).toBe(poolSize);
    if (server.database.kind === 'postgres') expect(sample(mine, 'credit_api_db_backends', { state: 'active' })).toBeGreaterThanOrEqual(1);
  });

  it('caps distinct operation names, so clients cannot grow the label set without end', async () => {
    for (let i = 0; i < DEFAULT_OPERATION_NAME_CAP + 5; i += 1) {
      const res = await other.gql(`query Cap${i} { __typename }`);
      expect(res.status).toBe(200);
    }
    const text = await scrape(other, { authorization: 'Bearer scrape-token-0123456789' });
    const names = new Set([...text.matchAll(/^credit_api_graphql_requests_total\{operation="([^"]+)"/gm)].map((m) => m[1]));
    expect(names.size).toBeLessThanOrEqual(DEFAULT_OPERATION_NAME_CAP + 1);
    expect(names.has('Cap0')).toBe(true);
    expect(names.has(`Cap${DEFAULT_OPERATION_NAME_CAP + 4}`)).toBe(false);
    expect(sample(text, 'credit_api_graphql_requests_total', { operation: '(other)' })).toBeGreaterThanOrEqual(5);
  });

  it('requires the bearer METRICS_TOKEN when one is set', async () => {
    expect((await fetch(`${base(other)}/metrics`)).status).toBe(401);
    expect((await fetch(`${base(other)}/metrics`, { headers: { authorization: 'Bearer scrape-token-012345678X' } })).status).toBe(401);
    expect((await fetch(`${base(other)}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } })).status).toBe(200);
  });

  it('does not exist in production unless a METRICS_TOKEN is set', async () => {
    const prod = await startTestServer({ seed: false, config: { env: 'production' } });
    try {
      const res = await fetch(`${base(prod)}/metrics`);
      expect(res.status).toBe(404);
    } finally {
      await prod.close();
    }
  }, 240_000);
});

/** The access line of a request: written when the response has finished, which can be a moment after the client has read it. */
async function accessLine(match: (l: Record<string, any>) => boolean): Promise<Record<string, any> | undefined> {
  // Up to 10 s: on a loaded machine the listener's 'finish' can come well after the client's read.
  for (let tries = 0; tries < 200; tries++) {
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request' && match(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

describe('request ids and access lines', () => {
  it('answers with the server\'s own request id, keeps a sane client id beside it on the log line and the access-log rows, and drops an unsafe one', async () => {
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const token = partner.authorization!.replace(/^Bearer /, '');
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...partner, 'x-request-id': 'trace-42.a:b' },
      body: JSON.stringify({ query: `query IdTrace { subjectsByCodes(codes: ["${STEEL}"]) { name legalRepresentative } }` }),
    });
    const serverId = res.headers.get('x-request-id')!;
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    await res.json();
    expect(await countRows(server, sql`SELECT count(*)::int AS n FROM access_log WHERE client_request_id = 'trace-42.a:b' AND request_id = ${serverId}`)).toBeGreaterThan(0);
    const line = (await accessLine((l) => l.requestId === serverId && l.clientRequestId === 'trace-42.a:b'))!;
    expect(line).toMatchObject({ level: 30, method: 'POST', path: '/graphql', operation: 'IdTrace', role: 'PARTNER', status: 200 });
    expect(typeof line.ms).toBe('number');
    expect(lines.join('\n')).not.toContain(token);

    const unsafe = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'x" injected {"level":60' },
      body: JSON.stringify({ query: '{ purposes { code } }' }),
    });
    const id = unsafe.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => JSON.parse(l).requestId === id)).toBe(true);
  });

  it('gives every route an id and logs a query string never (a GET query can carry ID numbers)', async () => {
    const q = encodeURIComponent(`{ naturalPerson(idNumber: "${WANG_ID}") { name } }`);
    const res = await fetch(`${server.url}?query=${q}`, { headers: { 'apollo-require-preflight': '1' } });
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    await res.text();
    const health = await fetch(`${base(server)}/healthz`);
    expect(health.headers.get('x-request-id')).toBeTruthy();
    const line = await accessLine((l) => l.requestId === id);
    expect(line).toMatchObject({ method: 'GET', path: '/graphql', role: 'PUBLIC' });
    expect(lines.join('\n')).not.toContain(WANG_ID);
  });
});
