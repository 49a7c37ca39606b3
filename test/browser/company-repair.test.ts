/**
 * 信用修复 end to end in a real browser (Debian chromium through playwright-core), at 390 px and
 * 1366 px (issue 14): a company's agent signs in through the embedded OpenID provider, opens
 * 我的信用, picks a penalty whose minimum publication period has run, reads the conditions on
 * /my/repair, fills the evidence, attaches a PDF, accepts the 信用承诺书 and submits; the
 * recording department approves through the API; the public subject page, which showed the
 * record before, no longer does. Each width repairs its own penalty, recorded for this file
 * through the API on the test's clock. Screenshots: test-results/company-repair-<width>-*.png.
 *
 * Without chromium the suite is skipped with a message, unless REQUIRE_BROWSER=1.
 */

import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { signInTestAccounts } from '../../src/seed';
import type { BuiltSubject } from '../support/builders';
import { recordPenalty } from '../support/builders/records';
import { ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { describeWithChromium, expectNoHorizontalScroll, launchChromium, recordPageProblems, SHOTS } from '../support/chromium';
import { embeddedSignIn } from '../support/sign-in-config';

const STEEL = '91320100748204660Q';
const RECORDER = 'SAMR_320106';
const SIGN_IN = embeddedSignIn();
const AGENT = signInTestAccounts().find((a) => a.login === 'nangang-agent')!;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
// The test's clock: penalties decided in March 2024 (NDRC Order 58: at least 3 months, at most
// 3 years of publication) are past their minimum period and still published on this day.
const CLOCK = new Date('2026-12-01T10:00:00+08:00');

jest.setTimeout(240_000);
const describeBrowser = describeWithChromium('company-repair browser tests');

describeBrowser('a company repairs a record in a browser', () => {
  let server: TestServer;
  let origin: string;
  let browser: Browser;
  /** One penalty per width, so that each run repairs a record still published. */
  const records = new Map<number, string>();

  beforeAll(async () => {
    server = await startTestServer({ subjects: 10, now: () => CLOCK, config: { signIn: SIGN_IN }, signInAccounts: signInTestAccounts() });
    origin = new URL(server.url).origin;
    const steel = { ref: { subjectCode: STEEL } } as BuiltSubject;
    records.set(390, (await recordPenalty(server, steel, { by: RECORDER, decisionDate: '2024-03-18', fields: { violationType: '虚假宣传（390）' } })).id);
    records.set(1366, (await recordPenalty(server, steel, { by: RECORDER, decisionDate: '2024-03-19', fields: { violationType: '虚假宣传（1366）' } })).id);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the public subject page and loads every page of 行政处罚; true when the record is among them. */
  async function publicShows(page: Page, recordId: string): Promise<boolean> {
    await page.goto(`${origin}/subject/${STEEL}`);
    const penalties = page.locator('section#penalties');
    await penalties.locator('h2').waitFor();
    const more = penalties.locator('.more button');
    for (let i = 0; i < 20 && await more.count(); i++) {
      await more.click();
      await page.waitForFunction(() => !document.querySelector('section#penalties .more')?.textContent?.includes('正在加载'));
    }
    return (await page.locator(`[id="record-${recordId}"]`).count()) === 1;
  }

  it.each([390, 1366])('at %i px: sign in, apply for repair, and the public page stops showing the record after approval', async (width) => {
    const recordId = records.get(width)!;
    const problems: string[] = [];
    const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `company-repair-${width}-${name}.png`), fullPage: true });

    // The public (no session) sees the penalty before any repair.
    const visitor = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const publicPage = await visitor.newPage();
    expect(await publicShows(publicPage, recordId)).toBe(true);
    await publicPage.locator(`[id="record-${recordId}"]`).scrollIntoViewIfNeeded();
    await shot(publicPage, 'public-before');

    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    recordPageProblems(page, problems);
    const explain = async (err: Error) => {
      throw new Error(`${err.message}\nproblems: ${problems.join('; ')}\nview: ${await page.locator('#view').textContent()}`);
    };

    await page.goto(`${origin}/auth/login?return=/my`);
    await page.fill('input[name=login]', AGENT.login);
    await page.fill('input[name=password]', AGENT.password);
    await Promise.all([page.waitForURL(`${origin}/my`), page.click('button[type=submit]')]);
    await page.getByRole('heading', { level: 2, name: /信用记录（\d+ 条）/ }).waitFor({ timeout: 10_000 }).catch(explain);
    const repairLink = page.locator(`a[href="/my/repair?record=${encodeURIComponent(recordId)}"]`);
    await repairLink.scrollIntoViewIfNeeded();
    await expectNoHorizontalScroll(page, 'my');
    await shot(page, 'my');

    await repairLink.click();
    await page.getByRole('heading', { level: 1, name: '申请信用修复' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '修复条件' }).waitFor({ timeout: 10_000 }).catch(explain);
    const conditions = page.locator('#repair-conditions');
    await expect(conditions.textContent()).resolves.toMatch(/最短公示期届满日：2024-06-1\d[\s\S]*该类信息可以申请信用修复[\s\S]*不收取任何费用[\s\S]*您目前符合申请条件/);
    await page.getByLabel('履行法定义务情况（必填）').fill('罚款已于2024年4月2日全额缴纳（缴款书编号 3201002404020001），违法行为已整改完毕。');
    await page.getByLabel('证明材料（选填）').setInputFiles({ name: '缴款凭证.pdf', mimeType: 'application/pdf', buffer: PDF });
    // Unaccepted, the commitment stops the form before anything is sent.
    await page.getByRole('button', { name: '提交信用修复申请' }).click();
    await expect(page.locator('form.my-form [role=alert]').last().textContent()).resolves.toMatch(/请阅读并同意信用承诺书/);
    await expect(page.locator('fieldset.commitment').textContent()).resolves.toMatch(/信用承诺书[\s\S]*如有虚假，愿意承担相应法律责任/);
    await page.getByLabel('我已阅读并同意以上信用承诺').check();
    await expectNoHorizontalScroll(page, 'repair form');
    await shot(page, 'form');
    await page.getByRole('button', { name: '提交信用修复申请' }).click();
    await page.getByRole('heading', { name: '信用修复申请已提交' }).waitFor({ timeout: 10_000 }).catch(explain);
    await expect(page.locator('form.my-form').textContent()).resolves.not.toMatch(/部分材料未上传/);
    await shot(page, 'submitted');

    const mine = ok(await server.gql('{ myRepairApplications(first: 100) { edges { node { id creditRecordId state } } } }', undefined,
      await authHeaders({ role: 'SUBJECT', subject: 1 })), 'myRepairApplications');
    const filed = mine.edges.map((e: any) => e.node).filter((a: any) => a.creditRecordId === recordId);
    expect(filed).toMatchObject([{ state: 'SUBMITTED' }]);
    const applicationId = filed[0].id as string;
    // Still published while the application is undecided.
    expect(await publicShows(publicPage, recordId)).toBe(true);

    const decided = ok(await server.gql('mutation($i: DecideCreditRepairInput!) { decideCreditRepair(input: $i) { state treatment creditRecordId attachments { fileName contentType } } }', {
      i: { id: applicationId, approve: true, treatment: 'SHIELDED', reason: '已履行行政处罚义务并完成整改，准予信用修复。' },
    }, await authHeaders({ role: 'DEPARTMENT', agency: RECORDER }, 'CREDIT_SUPERVISION')), 'decideCreditRepair');
    expect(decided).toMatchObject({ state: 'APPROVED', treatment: 'SHIELDED', creditRecordId: recordId, attachments: [{ fileName: '缴款凭证.pdf', contentType: 'application/pdf' }] });

    // The company sees the decision; the public no longer sees the record.
    await page.goto(`${origin}/my#my-repairs`);
    const repairs = page.locator('#my-repairs table');
    await repairs.waitFor();
    await expect(repairs.locator('tbody tr', { hasText: recordId }).first().textContent()).resolves.toMatch(/准予信用修复/);
    await repairs.scrollIntoViewIfNeeded();
    await expectNoHorizontalScroll(page, 'decided');
    await shot(page, 'decided');

    expect(await publicShows(publicPage, recordId)).toBe(false);
    await expectNoHorizontalScroll(publicPage, 'public after');
    await shot(publicPage, 'public-after');
    expect(problems).toEqual([]);
    await context.close();
    await visitor.close();
  });
});
