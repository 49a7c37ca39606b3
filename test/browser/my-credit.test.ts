/**
 * 我的信用 in a real browser (Debian chromium through playwright-core), at 390 px and 1366 px:
 * a company's agent signs in through the embedded OpenID provider, sees its records, files an
 * objection with a PDF attached from the form, the recording department decides it through the
 * API, and the company sees the outcome, its file and the corrected record's history. The
 * repair form explains eligibility and shows the 信用承诺书. A person grants a consent (the form
 * requires an expiry) and revokes it. No horizontal scroll of the page.
 * Screenshots: test-results/my-credit-<width>-*.png.
 *
 * Without chromium the suite is skipped with a message, unless REQUIRE_BROWSER=1.
 */

import path from 'node:path';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Browser, type Page } from 'playwright-core';
import { creditRecords, objections, seriousListEntries } from '../../src/db/schema';
import { signInTestAccounts } from '../../src/seed';
import { opaque, rowId } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { describeWithChromium, expectNoHorizontalScroll, launchChromium, recordPageProblems, SHOTS } from '../support/chromium';
import { embeddedSignIn } from '../support/sign-in-config';

const STEEL = '91320100748204660Q';
const SIGN_IN = embeddedSignIn();
const [PERSON, AGENT] = signInTestAccounts();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

jest.setTimeout(240_000);
const describeBrowser = describeWithChromium('my-credit browser tests');

describeBrowser('我的信用 in a browser', () => {
  let server: TestServer;
  let origin: string;
  let browser: Browser;
  let recordId: string;
  let recorder: string;

  beforeAll(async () => {
    server = await startTestServer({ subjects: 10, config: { signIn: SIGN_IN }, signInAccounts: signInTestAccounts() });
    origin = new URL(server.url).origin;
    const db = server.database.db;
    await db.update(objections).set({ state: 'DECIDED', outcome: 'REJECTED', response: '（测试准备）', decidedAt: new Date(), decidedBy: 'SAMR_320100' })
      .where(and(inArray(objections.subjectId, [1]), eq(objections.state, 'PENDING')));
    await db.update(seriousListEntries).set({ state: 'NOTIFIED' }).where(and(inArray(seriousListEntries.subjectId, [1]), eq(seriousListEntries.state, 'OBJECTED')));
    await db.update(creditRecords).set({ disputed: false }).where(inArray(creditRecords.subjectId, [1]));
    const res = await server.gql(`query($c: String!) { subject(code: $c) { profile { penalties(first: 100) { edges { node { id decisionDate catalogItem { code } } } } } } }`,
      { c: STEEL }, await authHeaders({ role: 'SUBJECT', subject: 1 }));
    const node = res.body.data!.subject.profile.penalties.edges.map((e: any) => e.node).find((n: any) => n.catalogItem.code === '03-02-001' && n.decisionDate === '2024-03-18');
    recordId = node.id;
    const [row] = await db.select().from(creditRecords).where(eq(creditRecords.id, rowId(recordId)));
    recorder = row!.agencyCode;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([[1366, '3.5'], [390, '3.6']])('at %i px: sign in, object with a file, see the decision and the history', async (width, fine) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    recordPageProblems(page, problems);
    const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `my-credit-${width}-${name}.png`), fullPage: true });

    await page.goto(`${origin}/auth/login?return=/my`);
    await page.fill('input[name=login]', AGENT!.login);
    await page.fill('input[name=password]', AGENT!.password);
    await Promise.all([page.waitForURL(`${origin}/my`), page.click('button[type=submit]')]);
    await page.getByRole('heading', { level: 2, name: /信用记录（\d+ 条）/ }).waitFor({ timeout: 10_000 }).catch(async (err) => {
      throw new Error(`${err.message}\nproblems: ${problems.join('; ')}\nview: ${await page.locator('#view').textContent()}`);
    });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('我的信用');
    await page.getByRole('heading', { level: 2, name: '谁查看了我的信息' }).waitFor();
    await page.locator('#my-access table').waitFor();
    await expectNoHorizontalScroll(page, 'overview');
    await shot('overview');

    await page.click(`a[href="/my/object?record=${encodeURIComponent(recordId)}"]`);
    await page.getByRole('heading', { level: 1, name: '提出异议' }).waitFor();
    await page.getByLabel('异议理由（必填）').fill('处罚决定书载明的罚款金额与实际缴纳金额不一致，附缴款凭证。');
    await page.getByLabel('证明材料（选填）').setInputFiles({ name: '缴款凭证.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expectNoHorizontalScroll(page, 'objection form');
    await shot('objection-form');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByRole('heading', { name: '异议已提交' }).waitFor({ timeout: 10_000 }).catch(async (err) => {
      throw new Error(`${err.message}\nproblems: ${problems.join('; ')}\nview: ${await page.locator('#view').textContent()}`);
    });
    await shot('objection-filed');

    const [filed] = await server.database.db.select().from(objections).where(eq(objections.subjectId, 1)).orderBy(desc(objections.id)).limit(1);
    const decided = await server.gql('mutation($i: DecideObjectionInput!) { decideObjection(input: $i) { outcome } }', {
      i: { id: opaque('Objection', filed!.id), outcome: 'CORRECTED', response: '经核查，罚款金额录入有误，已予更正。', corrections: [{ key: 'fineAmount', value: fine }] },
    }, await authHeaders({ role: 'DEPARTMENT', agency: recorder }, 'CREDIT_SUPERVISION'));
    expect(decided.body.data?.decideObjection.outcome).toBe('CORRECTED');

    await page.goto(`${origin}/my`);
    const objectionsTable = page.locator('#my-objections table');
    await objectionsTable.waitFor();
    await expect(objectionsTable.locator('tbody tr').first().textContent()).resolves.toMatch(/已更正[\s\S]*经核查，罚款金额录入有误/);
    await expect(objectionsTable.getByRole('button', { name: '下载 缴款凭证.pdf' }).first().isVisible()).resolves.toBe(true);
    const download = page.waitForEvent('download');
    await objectionsTable.getByRole('button', { name: '下载 缴款凭证.pdf' }).first().click();
    expect((await download).suggestedFilename()).toBe('缴款凭证.pdf');

    const record = page.locator('article.record', { has: page.locator(`a[href="/my/object?record=${encodeURIComponent(recordId)}"]`) });
    await record.getByRole('button', { name: '修改记录' }).click();
    await record.locator('table.data-table').waitFor();
    await expect(record.locator('table.data-table').textContent()).resolves.toMatch(new RegExp(`异议处理决定[\\s\\S]*fineAmount：.*→ "${fine.replace('.', '\\.')}"`));
    await expectNoHorizontalScroll(page, 'decided');
    await record.scrollIntoViewIfNeeded();
    await shot('decided');

    // The repair form explains before anything is sent, and asks for the commitment.
    await page.goto(`${origin}/my/repair?record=${encodeURIComponent(recordId)}`);
    await page.getByRole('heading', { level: 2, name: '修复条件' }).waitFor();
    await expect(page.locator('#repair-conditions').textContent()).resolves.toMatch(/最短公示期届满日[\s\S]*不收取任何费用/);
    await expectNoHorizontalScroll(page, 'repair');
    await shot('repair');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a person grants a consent with the expiry the form requires, and revokes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}/auth/login?return=/my/consent`);
    await page.fill('input[name=login]', PERSON!.login);
    await page.fill('input[name=password]', PERSON!.password);
    await Promise.all([page.waitForURL(`${origin}/my/consent`), page.click('button[type=submit]')]);
    await page.getByRole('heading', { level: 1, name: '新增授权' }).waitFor();
    await page.getByLabel('被授权机构代码（必填）').fill('JL_BANK');
    await page.getByLabel('用途（必填）').fill('FINANCIAL_SERVICE');
    await page.getByLabel('信息项目录编号（必填）').fill('03-02-001');
    // Without an expiry the form refuses before anything is sent.
    await page.getByRole('button', { name: '确认授权' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/请填写：到期日/);
    const inMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('授权到期日（必填）').fill(inMonth);
    await page.getByRole('button', { name: '确认授权' }).click();
    await page.getByRole('heading', { name: '授权已生效' }).waitFor();
    const consents = await server.gql('{ myConsents(first: 50) { edges { node { id agencyCode expiresAt state } } } }', undefined, await authHeaders({ role: 'SUBJECT', subject: 3 }));
    const granted = consents.body.data!.myConsents.edges.map((e: any) => e.node).filter((c: any) => c.state === 'ACTIVE' && c.expiresAt.startsWith(inMonth));
    expect(granted).toHaveLength(1);

    await page.goto(`${origin}/my#my-consents`);
    const row = page.locator('#my-consents tbody tr', { hasText: new Date(`${inMonth}T23:59:59+08:00`).toLocaleDateString('zh-CN') });
    await row.first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'my-credit-1366-consents.png'), fullPage: true });
    await row.first().getByRole('button', { name: '撤销授权' }).click();
    await page.locator('#my-consents').getByText('已撤销').first().waitFor();
    const after = await server.gql('{ myConsents(first: 50) { edges { node { id state } } } }', undefined, await authHeaders({ role: 'SUBJECT', subject: 3 }));
    expect(after.body.data!.myConsents.edges.find((e: any) => e.node.id === granted[0].id).node.state).toBe('REVOKED');
    await context.close();
  });
});
