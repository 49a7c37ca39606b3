/**
 * The whole story in one pass, as people would do it: a department clerk imports a
 * 双公示 CSV of penalties, and a member of the public then finds the new penalty on the
 * portal (real Chromium) and downloads the company's report, which counts it.
 *
 * Without chromium the suite is skipped with a message, unless REQUIRE_BROWSER=1.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { runImport } from '../../src/ingest/import-run';
import { defaultReportPath } from '../../src/ingest/reject-report';
import { startTestServer, type TestServer } from '../support/server';
import { SHOTS, describeWithChromium, launchChromium } from '../support/chromium';

const CODE = '91320100748204660Q';
const DOCUMENT = '宁鼓市监处罚〔2026〕777号';

jest.setTimeout(180_000);
const describeBrowser = describeWithChromium('import-to-portal browser test');

describeBrowser('a penalty imported from a CSV appears on the portal and in the report', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ subjects: 40, config: { env: 'production', graphiql: false } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const penaltiesOnPortal = async () => {
    const r = await server.gql(`{ subject(code: "${CODE}") { profile { penalties { totalCount } } } }`);
    return r.body.data!.subject.profile.penalties.totalCount as number;
  };

  it('imports, shows and reports it', async () => {
    const before = await penaltiesOnPortal();
    const dir = mkdtempSync(path.join(tmpdir(), 'import-portal-'));
    const file = path.join(dir, 'penalties.csv');
    const today = new Date().toISOString().slice(0, 10);
    writeFileSync(file, [
      '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,失信严重程度',
      `南京钢铁联合有限公司,法人及非法人组织,${CODE},${DOCUMENT},未按规定公示年度报告,未按期报送2025年度年报,《企业信息公示暂行条例》第八条,罚款,罚款人民币伍仟元,0.5,${today},南京市鼓楼区市场监督管理局,一般`,
    ].join('\n'));
    const totals = await runImport(server.app.services.imports, {
      file, format: 'csv', recorder: server.app.services.agencies.get('SAMR_320106')!, now: new Date(), batchSize: 1000, official: 'cli:test',
      reportPath: defaultReportPath(file),
    });
    expect(totals).toMatchObject({ written: 1, rejected: 0 });
    expect(await penaltiesOnPortal()).toBe(before + 1);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${new URL(server.url).origin}/subject/${CODE}`);
    const penalty = page.getByText(DOCUMENT).first();
    await penalty.waitFor({ timeout: 30_000 });
    await penalty.scrollIntoViewIfNeeded();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'portal-imported-penalty.png'), fullPage: true });

    // The report the subject page links to counts the new penalty too.
    const pdfLink = page.locator(`a[href="/report/${CODE}.pdf"]`);
    await expect(pdfLink.count()).resolves.toBe(1);
    const pdf = await page.request.get(`${new URL(server.url).origin}/report/${CODE}.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const report = await server.gql(`{ creditReport(code: "${CODE}") { summary { penalties } } }`);
    expect(report.body.errors).toBeUndefined();
    expect(report.body.data!.creditReport.summary.penalties).toBe(before + 1);
    await page.close();
  });
});
