/**
 * What a response reveals without reading a guarded field is an access too: that a subject or a
 * record exists (`{ __typename }`, an empty selection of its fields), and how many there are
 * (`totalCount`, a report's summary). For every non-public caller each is in the access log,
 * naming what was learned, and a response whose log cannot be written is withheld.
 */
import { sql } from 'drizzle-orm';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
/** A company with two penalties and a licence. */
let steel: BuiltSubject;
let STEEL = '';
/** Another company, with one penalty. */
let glass: BuiltSubject;
beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  steel = await build.legalPerson({ region: '320100' });
  STEEL = steel.uscc!;
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2025-06-10' });
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2025-09-01' });
  await build.licence(steel, { by: 'SAMR_320106', decisionDate: '2025-01-10' });
  glass = await build.legalPerson({ region: '320100' });
  await build.penalty(glass, { by: 'SAMR_320106', decisionDate: '2025-03-02' });
}, 120_000);
afterAll(() => server.close());

const partner = () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');

async function rowsOf(requestId: string) {
  const r = await server.database.db.execute(sql`
    SELECT subject_id, item_code, field_path, decision, reason FROM access_log WHERE client_request_id = ${requestId} ORDER BY seq`);
  const rows = ((r as unknown as { rows?: unknown[] }).rows ?? r) as Array<{ subject_id: string | number | null; item_code: string | null; field_path: string; decision: string; reason: string }>;
  return rows.map((row) => ({ ...row, subject_id: row.subject_id === null ? null : Number(row.subject_id) }));
}

/** A count row's prefix and its counts, sorted (the counts come in the order they resolved). */
function countRow(fieldPath: string): { prefix: string; counts: string[] } {
  const match = /^(.*)\{(.*)\}$/.exec(fieldPath);
  return match ? { prefix: match[1]!, counts: match[2]!.split(',').sort() } : { prefix: fieldPath, counts: [] };
}

async function ask(query: string, requestId: string, headers?: Record<string, string>) {
  const res = await server.gql(query, {}, { ...(headers ?? (await partner())), 'x-request-id': requestId });
  expect(res.body.errors).toBeUndefined();
  return res;
}

describe('for a partner', () => {
  it('logs that a subject exists when only its __typename is asked', async () => {
    await ask(`{ subject(code: "${STEEL}") { __typename } }`, 'reveal-exists');
    expect(await rowsOf('reveal-exists')).toEqual([
      expect.objectContaining({ subject_id: steel.id, item_code: '01-01-001', field_path: 'subject{}', decision: 'ALLOW', reason: 'EXISTS:SHARE' }),
    ]);
  });

  it('logs that a subject exists when only its cache id is asked, as for __typename', async () => {
    await ask(`{ subject(code: "${STEEL}") { id } }`, 'reveal-id');
    expect(await rowsOf('reveal-id')).toEqual([
      expect.objectContaining({ subject_id: 1, item_code: '01-01-001', field_path: 'subject{}', decision: 'ALLOW', reason: 'EXISTS:SHARE' }),
    ]);
  });

  it('logs the counts it learns, naming the subject and the number: one row per subject', async () => {
    const res = await ask(`{ subject(code: "${STEEL}") { creditRecords { totalCount } profile { penalties { totalCount } } } }`, 'reveal-counts');
    const records = res.body.data!.subject.creditRecords.totalCount;
    const penalties = res.body.data!.subject.profile.penalties.totalCount;
    const rows = await rowsOf('reveal-counts');
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ subject_id: steel.id, field_path: 'subject{}', reason: 'EXISTS:SHARE' }),
    ]));
    const counts = rows.filter((r) => r.reason === 'COUNT');
    expect(counts).toEqual([expect.objectContaining({ subject_id: steel.id, decision: 'ALLOW', item_code: null })]);
    expect(countRow(counts[0]!.field_path)).toEqual({ prefix: 'subject', counts: [`creditRecords.totalCount=${records}`, `profile.penalties.totalCount=${penalties}`] });
  });

  it('in a batch, gives each subject its own count row, with its own numbers', async () => {
    const res = await ask(`{ subjectsByCodes(codes: ["${STEEL}", "${glass.uscc!}"]) {
      profile { penalties { totalCount } licences { totalCount } } } }`, 'reveal-batch-counts');
    const [a, b] = res.body.data!.subjectsByCodes as Array<{ profile: { penalties: { totalCount: number }; licences: { totalCount: number } } }>;
    expect([a!.profile.penalties.totalCount, b!.profile.penalties.totalCount]).toEqual([2, 1]);
    const counts = (await rowsOf('reveal-batch-counts')).filter((r) => r.reason === 'COUNT');
    expect(counts.map((r) => ({ subject: r.subject_id, ...countRow(r.field_path) }))).toEqual([
      { subject: steel.id, prefix: 'subjectsByCodes.0.profile', counts: [`licences.totalCount=${a!.profile.licences.totalCount}`, 'penalties.totalCount=2'] },
      { subject: glass.id, prefix: 'subjectsByCodes.1.profile', counts: [`licences.totalCount=${b!.profile.licences.totalCount}`, 'penalties.totalCount=1'] },
    ]);
  });

  it('logs a record read whole as one row: its envelope and its shared fields under the one agreement', async () => {
    const res = await ask(`{ subjectsByCodes(codes: ["${STEEL}", "${glass.uscc!}"]) { profile { penalties(first: 5) { edges { node {
      id decisionDate recordStatus ... on AdministrativePenalty { documentNumber fineAmount } } } } } } }`, 'reveal-whole-record');
    const [a, b] = res.body.data!.subjectsByCodes as Array<{ profile: { penalties: { edges: unknown[] } } }>;
    expect([a!.profile.penalties.edges.length, b!.profile.penalties.edges.length]).toEqual([2, 1]);
    const records = (await rowsOf('reveal-whole-record')).filter((r) => r.field_path.includes('.penalties.edges.'));
    expect(records.map((r) => [r.subject_id, r.field_path])).toEqual([
      [steel.id, 'subjectsByCodes.0.profile.penalties.edges.0.node{id,decisionDate,recordStatus,documentNumber,fineAmount}'],
      [steel.id, 'subjectsByCodes.0.profile.penalties.edges.1.node{id,decisionDate,recordStatus,documentNumber,fineAmount}'],
      [glass.id, 'subjectsByCodes.1.profile.penalties.edges.0.node{id,decisionDate,recordStatus,documentNumber,fineAmount}'],
    ]);
    // The reason is the agreement the partner received the records under, envelope and fields alike.
    expect(new Set(records.map((r) => `${r.decision} ${r.reason}`))).toEqual(new Set([expect.stringMatching(/^ALLOW SHARED:\S+$/)]));
  });

  it('logs a report\'s summary and a record listed with none of its fields read', async () => {
    const res = await ask(`{ creditReport(code: "${STEEL}") { summary { total penalties } penalties { records { __typename } } } }`, 'reveal-report');
    const { total, penalties } = res.body.data!.creditReport.summary;
    const rows = await rowsOf('reveal-report');
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ subject_id: steel.id, reason: 'COUNT' }),
    ]));
    const summary = rows.filter((r) => r.reason === 'COUNT').map((r) => countRow(r.field_path));
    expect(summary).toEqual([{ prefix: 'creditReport.summary', counts: [`penalties=${penalties}`, `total=${total}`] }]);
    expect(penalties).toBe(2);
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ subject_id: steel.id, field_path: 'creditReport.penalties.records.0{}', decision: 'ALLOW' }),
    ]));
  });

  it('logs a report page fetched with HEAD, as with GET: the status alone says the subject exists', async () => {
    const res = await fetch(new URL(`/report/${STEEL}`, server.url), { method: 'HEAD', headers: { ...(await partner()), 'x-request-id': 'reveal-head' } });
    expect(res.status).toBe(200);
    expect((await rowsOf('reveal-head')).length).toBeGreaterThan(0);
  });

  it('withholds even an existence answer when the log cannot be written (fail closed)', async () => {
    await server.database.db.execute(sql`ALTER TABLE access_log ADD CONSTRAINT simulate_outage_reveal CHECK (false) NOT VALID`);
    try {
      const res = await server.gql(`{ subject(code: "${STEEL}") { __typename } }`, {}, await partner());
      expect(res.status).toBe(500);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('AUDIT_WRITE_FAILED');
    } finally {
      await server.database.db.execute(sql`ALTER TABLE access_log DROP CONSTRAINT simulate_outage_reveal`);
    }
  });
});

describe('for the public', () => {
  it('writes nothing: the public reads only what is published, and is not logged', async () => {
    const before = await server.database.db.execute(sql`SELECT count(*)::int AS n FROM access_log`);
    await server.gql(`{ subject(code: "${STEEL}") { __typename creditRecords { totalCount } } }`, {});
    const after = await server.database.db.execute(sql`SELECT count(*)::int AS n FROM access_log`);
    const n = (x: unknown) => Number(((x as { rows?: Array<{ n: number }> }).rows ?? (x as Array<{ n: number }>))[0]!.n);
    expect(n(after)).toBe(n(before));
  });
});
