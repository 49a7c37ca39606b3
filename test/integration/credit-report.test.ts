/**
 * The public credit information report: the `creditReport` query and its printable forms
 * (GET /report/<code>, /report/<code>.pdf), run through the real server and database. The
 * report must show what the same caller's profile query shows — counts, masking, editions,
 * access logging — and stay within a constant number of SQL statements.
 */
import { sql } from 'drizzle-orm';
import { makeResidentId } from '../../src/identifiers';
import { buildPersistedOperations } from '../../src/http/persisted-operations';
import { REPORT_DOCUMENT, REPORT_DOCUMENT_SHA256 } from '../../src/report/report-query';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { pdfText } from '../support/pdf-text';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let clock = new Date('2026-12-01T10:00:00+08:00');
let server: TestServer;
let build: Builder;
let base: string;
/** A company with a penalty and a licence. */
let steel: BuiltSubject;
let STEEL_USCC = '';
/** 王建军, on the courts' list, with a tax penalty. */
let wang: BuiltSubject;
let PERSON_ID = '';
beforeAll(async () => {
  // Under a partner allow-list, as a deployment may run: the report document is registered for JS_PRTC only.
  const persistedOperations = buildPersistedOperations({ agencies: { JS_PRTC: { [REPORT_DOCUMENT_SHA256]: REPORT_DOCUMENT } } });
  server = await startTestServer({ seed: false, now: () => clock, persistedOperations });
  base = server.url.replace(/\/graphql$/, '');
  build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'STA', 'STA_320000', 'STA_320100', 'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320106', 'MOF', 'MOF_320000', 'MOF_320100');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100', registeredCapital: '376000.0000' });
  STEEL_USCC = steel.uscc!;
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2026-03-18' });
  await build.licence(steel, { by: 'SAMR_320106', decisionDate: '2025-01-10' });
  wang = await build.naturalPerson({ name: '王建军', region: '320106' });
  PERSON_ID = wang.idNumber!;
  await build.penalty(wang, { by: 'STA_320100', itemCode: '03-02-002', decisionDate: '2026-05-12' });
  await build.listing(wang, { listType: 'COURT_DEFAULTER', by: 'SPC_320106', notifiedOn: '2026-11-02' });
}, 120_000);
afterAll(() => server.close());

/** A valid number nobody has: a caller with no right to PERSON_ID must get exactly what this gets. */
const UNKNOWN_ID = makeResidentId({ divisionCode: '320106', birthDate: '1985-03-02', sequence: 777 });
/** An error page with its request id (new for every request) taken out. */
const sameAsAnyRequest = (page: Buffer) => page.toString('utf8').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<request id>');
const PARTNER = () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
const SELF = () => authHeaders({ role: 'SUBJECT', subject: wang.id });
/** Another subject (the steel company): it sees others as the public does, and may name a person by ID number. */
const OTHER = () => authHeaders({ role: 'SUBJECT', subject: steel.id });

const SECTIONS = ['licences', 'penalties', 'honours', 'seriousLists', 'anomalies', 'commitments', 'evaluations', 'judicial'] as const;
const REPORT = `query($code: String!) { creditReport(code: $code) {
  reportNumber generatedAt edition notes
  summary { ${SECTIONS.join(' ')} total }
  registration { name }
  ${SECTIONS.map((s) => `${s} { title totalCount records { decisionDate } }`).join('\n  ')}
  judicialNames: judicial { records { ... on CourtEnforcementRecord { personName respondentIdNumber } } }
} }`;
const PROFILE = `query($code: String!) { subject(code: $code) { profile {
  licences { totalCount } penalties { totalCount } honesty { totalCount } anomalies { totalCount } seriousLists { totalCount } } } }`;

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers });
  return { res, statements: Number(res.headers.get('x-sql-statements')), body: Buffer.from(await res.arrayBuffer()) };
}

async function accessRows(requestId: string): Promise<Array<{ operation: string; reason: string }>> {
  const r = (await server.database.db.execute(sql`SELECT operation, reason FROM access_log WHERE client_request_id = ${requestId}`)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ operation: string; reason: string }>;
}

/** A company with `count` market-regulation penalties, recorded through the API; its code. */
async function subjectWithPenalties(count: number): Promise<string> {
  const company = await build.legalPerson({ name: `报告测试企业${count}`, region: '320100' });
  for (let i = 0; i < count; i++) await build.penalty(company, { by: 'SAMR_320100', decisionDate: '2026-06-01' });
  return company.uscc!;
}

describe('creditReport (GraphQL)', () => {
  it('gives the public the public edition, its sections adding up to the profile\'s counts', async () => {
    const [report, profile] = await Promise.all([server.gql(REPORT, { code: STEEL_USCC }), server.gql(PROFILE, { code: STEEL_USCC })]);
    expect(report.body.errors).toBeUndefined();
    const r = report.body.data!.creditReport;
    const p = profile.body.data!.subject.profile;
    expect(r.edition).toBe('PUBLIC');
    expect(r.reportNumber).toMatch(/^XYBG-\d{8}-[A-Z2-7]{10}$/);
    expect(r.registration.name).toBe('南京钢铁联合有限公司');
    expect(r.summary.licences).toBe(p.licences.totalCount);
    expect(r.summary.penalties).toBe(p.penalties.totalCount);
    expect(r.summary.anomalies).toBe(p.anomalies.totalCount);
    expect(r.summary.honours + r.summary.commitments + r.summary.evaluations).toBe(p.honesty.totalCount);
    expect(r.summary.seriousLists + r.summary.judicial).toBe(p.seriousLists.totalCount);
    for (const s of SECTIONS) {
      expect(r[s].totalCount).toBe(r.summary[s]);
      expect(r[s].records).toHaveLength(r[s].totalCount);
    }
    expect(r.summary.total).toBe(SECTIONS.reduce((n, s) => n + r.summary[s], 0));
    expect(r.summary.penalties).toBeGreaterThan(0);
    expect(r.notes.join('')).toContain('公开版');
  });

  it('numbers every report anew', async () => {
    const [a, b] = await Promise.all([server.gql(REPORT, { code: STEEL_USCC }), server.gql(REPORT, { code: STEEL_USCC })]);
    expect(a.body.data!.creditReport.reportNumber).not.toBe(b.body.data!.creditReport.reportNumber);
  });

  it('answers another subject about a person exactly as about an unknown number, and shows the person their own data in clear', async () => {
    const other = await server.gql(REPORT, { code: PERSON_ID }, await OTHER());
    const unknown = await server.gql(REPORT, { code: UNKNOWN_ID }, await OTHER());
    expect(other.body).toEqual({ data: { creditReport: null } });
    expect(other.body).toEqual(unknown.body);
    expect(other.status).toBe(unknown.status);
    const own = await server.gql(REPORT, { code: PERSON_ID }, await SELF());
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.creditReport.edition).toBe('FULL');
    expect(own.body.data!.creditReport.registration.name).toBe('王建军');
    expect(own.body.data!.creditReport.judicialNames.records[0]).toEqual({ personName: '王建军', respondentIdNumber: PERSON_ID });
  });

  it('does not let the public look a person up by resident ID number (as naturalPerson does not)', async () => {
    const res = await server.gql(REPORT, { code: PERSON_ID });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.data?.creditReport).toBeNull();
  });

  it('refuses a malformed code, naming the problem', async () => {
    const res = await server.gql(REPORT, { code: '91320100748204660X' });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('INVALID_USCC');
    expect(res.body.errors?.[0]?.message).toContain('check character');
  });
});

describe('GET /report/<code>', () => {
  it('prints the public edition as one self-contained Chinese HTML page', async () => {
    const { res, body } = await page(`/report/${STEEL_USCC}`);
    const html = body.toString('utf8');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const number = res.headers.get('x-report-number')!;
    const digest = res.headers.get('x-report-digest')!.replace('sha256=', '');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`报告编号 ${number}`); // the running header of every printed page
    expect(html).toContain(digest);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('counter(page)');
    expect(html).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
    for (const heading of ['信用信息概要', '一、登记注册基础信息', '二、行政管理信息', '行政处罚信息', '三、诚实守信相关荣誉信息',
      '四、严重失信主体名单信息', '五、经营（活动）异常名录信息', '六、信用承诺信息', '七、信用评价信息', '八、司法判决及执行信息', '报告说明', '（公开版）']) {
      expect(html).toContain(heading);
    }
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|@import/i);
    // The only resource it may load: the server's own CJK font, allowed by font-src 'self' and nothing wider.
    expect([...html.matchAll(/url\("([^"]*)"\)/g)].map((m) => m[1]).sort()).toEqual(['/portal/fonts/NotoSansHans-Bold.otf', '/portal/fonts/NotoSansHans-Regular.otf']);
    expect(html.match(/url\(/g)).toHaveLength(2);
    expect(res.headers.get('content-security-policy')).toContain("font-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toMatch(/(?:img|script|connect)-src/);
    // Amounts as people read them (the API's registeredCapital is "376000.0000", in 万元).
    expect(html).toContain('<th scope="row">注册资本</th><td>37.6 亿元</td>');
    expect(html).not.toMatch(/\d\.0000|（万元）/);
  });

  it('answers another subject about a person as about an unknown number, and shows the person in clear to itself', async () => {
    const other = await page(`/report/${PERSON_ID}`, await OTHER());
    const unknown = await page(`/report/${UNKNOWN_ID}`, await OTHER());
    expect(other.res.status).toBe(404);
    expect(unknown.res.status).toBe(404);
    expect(sameAsAnyRequest(other.body)).toBe(sameAsAnyRequest(unknown.body));
    expect(other.body.toString('utf8')).not.toContain('王');
    const own = (await page(`/report/${PERSON_ID}`, await SELF())).body.toString('utf8');
    expect(own).toContain('（完整版）');
    expect(own).toContain(PERSON_ID);
    expect(own).toContain('<td>王建军</td>');
    const anonymous = await page(`/report/${PERSON_ID}`);
    expect(anonymous.res.status).toBe(403);
    expect(anonymous.body.toString('utf8')).toContain('FORBIDDEN');
    expect(anonymous.body.toString('utf8')).not.toContain(PERSON_ID);
  });

  it('gives a partner with a declared purpose the full edition and logs the access, as /graphql does', async () => {
    const headers = { ...(await PARTNER()), 'x-request-id': 'report-partner-1' };
    const { res, body } = await page(`/report/${STEEL_USCC}`, headers);
    expect(res.status).toBe(200);
    expect(body.toString('utf8')).toContain('（完整版）');
    const rows = await accessRows('report-partner-1');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.operation))).toEqual(new Set(['query CreditReportDocument']));
    const publicRead = await page(`/report/${STEEL_USCC}`, { 'x-request-id': 'report-public-1' });
    expect(publicRead.res.status).toBe(200);
    expect(await accessRows('report-public-1')).toEqual([]);
  });

  it('issues as many SQL statements for a subject with 50 records as for one with 1', async () => {
    const [oneCode, fiftyCode] = [await subjectWithPenalties(1), await subjectWithPenalties(50)];
    const one = await page(`/report/${oneCode}`);
    const fifty = await page(`/report/${fiftyCode}`);
    expect(fifty.body.toString('utf8')).toContain('共 50 条');
    expect(fifty.statements).toBe(one.statements);
    expect(one.statements).toBeLessThanOrEqual(2);
    const partner = await PARTNER();
    const [p1, p50] = [await page(`/report/${oneCode}`, partner), await page(`/report/${fiftyCode}`, partner)];
    expect(p50.statements).toBe(p1.statements);
  });

  it('answers an unknown code with a Chinese 404 page and a malformed one with a 400 naming the problem', async () => {
    const missing = await page('/report/91110000600037341L');
    expect(missing.res.status).toBe(404);
    expect(missing.body.toString('utf8')).toContain('未找到信用主体');
    const bad = await page('/report/91320100748204660X');
    expect(bad.res.status).toBe(400);
    expect(bad.body.toString('utf8')).toContain('INVALID_USCC');
    expect(bad.body.toString('utf8')).toContain('check character (校验码) is X, expected Q');
    const short = await page('/report/ABC.pdf');
    expect(short.res.status).toBe(400);
    expect(short.body.toString('utf8')).toContain('must be 18 characters');
  });

  it('refuses callers with the same status codes as /graphql', async () => {
    const partnerNoPurpose = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' });
    const cases: Array<Record<string, string>> = [
      { authorization: 'Bearer not-a-token' },
      partnerNoPurpose,
      { ...partnerNoPurpose, 'x-purpose': 'NO_SUCH_PURPOSE' },
    ];
    for (const headers of cases) {
      const viaGraphql = await server.gql('{ purposes { code } }', undefined, headers);
      const viaPage = await page(`/report/${STEEL_USCC}`, headers);
      expect(viaGraphql.status).toBeGreaterThanOrEqual(400);
      expect(viaPage.res.status).toBe(viaGraphql.status);
      expect(viaPage.body.toString('utf8')).toContain(viaGraphql.body.errors![0]!.extensions!.code);
    }
    const unauthenticated = await page(`/report/${STEEL_USCC}.pdf`, { authorization: 'Bearer not-a-token' });
    expect(unauthenticated.res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('holds partners to the allow-list: the report document must be registered for their agency', async () => {
    const other = await page(`/report/${STEEL_USCC}`, await authHeaders({ role: 'PARTNER', agency: 'MOF_320100' }, 'PUBLIC_RESOURCE_TRADING'));
    expect(other.res.status).toBe(403);
    expect(other.body.toString('utf8')).toContain('OPERATION_NOT_ALLOWED');
    expect((await page(`/report/${STEEL_USCC}`, await PARTNER())).res.status).toBe(200);
  });
});

describe('GET /report/<code>.pdf', () => {
  it('downloads an A4 PDF with the Noto Sans Hans subsets embedded and the report number in its text', async () => {
    const { res, body } = await page(`/report/${STEEL_USCC}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const number = res.headers.get('x-report-number')!;
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${number}.pdf"; filename*=UTF-8''${encodeURIComponent(`公共信用信息报告-${number}.pdf`)}`,
    );
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = body.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Bold/);
    expect(raw).toContain('/FontFile3');
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(body.length).toBeLessThan(1_000_000); // subsets, not the 8 MB fonts
    const text = pdfText(body);
    expect(text).toContain(number);
    expect(text).toContain('南京钢铁联合有限公司');
    expect(text).toContain('行政处罚信息');
    expect(text).toMatch(/第 1 页 共 \d+ 页/);
    // Rendered on a worker thread (src/report/report-pdf-pool.ts), as the metrics count it.
    const renders = await server.app.metrics.registry.getSingleMetricAsString('credit_api_report_pdf_render_duration_seconds');
    expect(renders).toMatch(/_count\{thread="worker"\} [1-9]/);
    expect(renders).not.toContain('thread="main"');
  });

  it('gives another subject no PDF about a person, as for an unknown number, and the person theirs', async () => {
    const other = await page(`/report/${PERSON_ID}.pdf`, await OTHER());
    const unknown = await page(`/report/${UNKNOWN_ID}.pdf`, await OTHER());
    expect(other.res.status).toBe(404);
    expect(sameAsAnyRequest(other.body)).toBe(sameAsAnyRequest(unknown.body));
    const text = pdfText((await page(`/report/${PERSON_ID}.pdf`, await SELF())).body);
    expect(text).toContain(PERSON_ID);
  });
});
