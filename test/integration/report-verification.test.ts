/**
 * 报告验证: every report /report issues is registered (no content), and the public
 * `verifyReport` query and the /verify page say "authentic, issued at T, edition E" only for
 * a registered number with its 校验码, and one uniform "not verified" otherwise. The report
 * carries a QR code that opens /verify with both.
 */
import { sql } from 'drizzle-orm';
import { MemoryWindowStore, RateLimiter } from '../../src/http/rate-limit';
import { STEEL_USCC } from '../../src/seed/samples';
import { pdfText } from '../support/pdf-text';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let base: string;
beforeAll(async () => {
  server = await startTestServer({ subjects: 5, config: { publicBaseUrl: 'https://credit.example.gov.cn' } });
  base = server.url.replace(/\/graphql$/, '');
});
afterAll(() => server.close());

const VERIFY = 'query($n: String!, $c: String!) { verifyReport(reportNumber: $n, checkCode: $c) { verified issuedAt edition } }';

async function issue(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers });
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  return { number: res.headers.get('x-report-number')!, digest: res.headers.get('x-report-digest')!.replace('sha256=', ''), body };
}

async function rows(): Promise<Array<Record<string, unknown>>> {
  const r = (await server.database.db.execute(sql`SELECT * FROM issued_reports ORDER BY issued_at`)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

/** The 校验码 as printed: the digest's first 16 hex digits, upper case, in fours. */
const printed = (digest: string) => digest.slice(0, 16).toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');

describe('the register of issued reports', () => {
  it('holds number, digest, time, edition, form and class of caller for each report, and nothing about the subject', async () => {
    const html = await issue(`/report/${STEEL_USCC}`);
    const pdf = await issue(`/report/${STEEL_USCC}.pdf`, await authHeaders({ role: 'SUBJECT', subject: 1 }));
    const all = await rows();
    const byNumber = new Map(all.map((r) => [r.report_number, r]));
    expect(byNumber.get(html.number)).toMatchObject({ digest: html.digest, edition: 'PUBLIC', format: 'HTML', issuer: 'PUBLIC' });
    expect(byNumber.get(pdf.number)).toMatchObject({ digest: pdf.digest, edition: 'FULL', format: 'PDF', issuer: 'SUBJECT' });
    expect(Object.keys(all[0]!).sort()).toEqual(['digest', 'edition', 'format', 'issued_at', 'issuer', 'report_number']);
    expect(JSON.stringify(all)).not.toContain(STEEL_USCC);
  });

  it('prints the 校验码 and a QR code opening /verify with the number and code (HTML and PDF)', async () => {
    const html = await issue(`/report/${STEEL_USCC}`);
    const page = html.body.toString('utf8');
    const url = `https://credit.example.gov.cn/verify?n=${html.number}&amp;c=${html.digest.slice(0, 16).toUpperCase()}`;
    expect(page).toContain(printed(html.digest));
    expect(page).toContain(`aria-label="报告验证二维码：${url}"`);
    expect(page).toMatch(/<svg class="qr"[^>]*><rect[^>]*\/><path fill="#000" d="M\d/);
    const pdf = await issue(`/report/${STEEL_USCC}.pdf`);
    const text = pdfText(pdf.body);
    expect(text).toContain(printed(pdf.digest));
    expect(text).toContain('https://credit.example.gov.cn/verify');
  });
});

describe('verifyReport', () => {
  it('answers authentic with time and edition only when the number and its 校验码 match', async () => {
    const { number, digest } = await issue(`/report/${STEEL_USCC}`);
    const ok = await server.gql(VERIFY, { n: number, c: printed(digest) });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.verifyReport).toEqual({ verified: true, issuedAt: expect.any(String), edition: 'PUBLIC' });
    // Lower case, no spaces, and the full digest are the same code.
    expect((await server.gql(VERIFY, { n: number.toLowerCase(), c: digest.slice(0, 16) })).body.data!.verifyReport.verified).toBe(true);
    expect((await server.gql(VERIFY, { n: number, c: digest })).body.data!.verifyReport.verified).toBe(true);
  });

  it('answers an unknown number and a wrong code alike, with nothing else', async () => {
    const { number, digest } = await issue(`/report/${STEEL_USCC}`);
    const wrong = digest.slice(0, 15) + (digest[15] === '0' ? '1' : '0');
    const unknown = number.slice(0, -1) + (number.endsWith('A') ? 'B' : 'A');
    const a = await server.gql(VERIFY, { n: number, c: wrong });
    const b = await server.gql(VERIFY, { n: unknown, c: digest.slice(0, 16) });
    expect(a.body).toEqual({ data: { verifyReport: { verified: false, issuedAt: null, edition: null } } });
    expect(b.body).toEqual(a.body);
    // A report from the GraphQL query alone is not an issued document: it is not registered.
    const q = await server.gql('{ creditReport(code: "' + STEEL_USCC + '") { reportNumber } }');
    expect((await server.gql(VERIFY, { n: q.body.data!.creditReport.reportNumber, c: '0'.repeat(16) })).body.data!.verifyReport.verified).toBe(false);
  });

  it('refuses malformed input specifically, and a second verification in one operation', async () => {
    const bad = await server.gql(VERIFY, { n: 'XYBG-1', c: '0'.repeat(16) });
    expect(bad.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('reportNumber') });
    const badCode = await server.gql(VERIFY, { n: 'XYBG-20260101-AAAAAAAAAA', c: '12345' });
    expect(badCode.body.errors![0]!.message).toContain('checkCode');
    const twice = await server.gql(`{ a: verifyReport(reportNumber: "XYBG-20260101-AAAAAAAAAA", checkCode: "${'0'.repeat(16)}") { verified }
      b: verifyReport(reportNumber: "XYBG-20260101-AAAAAAAAAB", checkCode: "${'0'.repeat(16)}") { verified } }`);
    expect(twice.body.errors!.map((e) => e.message).join()).toContain('one verification per operation');
  });
});

describe('/verify page', () => {
  it('opens from the QR link and says authentic, issued at T, edition E; otherwise not verified', async () => {
    const { number, digest } = await issue(`/report/${STEEL_USCC}`);
    const ok = await fetch(`${base}/verify?n=${number}&c=${digest.slice(0, 16).toUpperCase()}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    const okText = await ok.text();
    expect(okText).toContain('验证通过');
    expect(okText).toContain('公开版');
    expect(okText).not.toContain('南京');
    const no = await fetch(`${base}/verify?n=${number}&c=${'0'.repeat(16)}`);
    expect(no.status).toBe(200);
    expect(await no.text()).toContain('未通过验证');
    const form = await fetch(`${base}/verify`);
    expect(await form.text()).toContain('<form method="get" action="/verify">');
    const malformed = await fetch(`${base}/verify?n=nonsense&c=1`);
    expect(malformed.status).toBe(400);
  });

  it('spends from the request budget like any public request', async () => {
    const limited = await startTestServer({
      subjects: 1, rateLimiter: new RateLimiter({ perIp: 3, perPrincipal: 100, windowMs: 60_000 }, new MemoryWindowStore()),
    });
    try {
      const at = limited.url.replace(/\/graphql$/, '');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${at}/verify?n=XYBG-20260101-AAAAAAAAAA&c=${'0'.repeat(16)}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
