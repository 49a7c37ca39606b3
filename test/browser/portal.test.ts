/**
 * The portal in a real browser (Debian chromium through playwright-core), driven like a user
 * with the keyboard: search, open a subject, read its sections and a record's publication
 * window, browse a serious list, read the help page, meet the Chinese error messages. The
 * server runs in production mode with GraphiQL off. No request may leave the server's origin.
 * Screenshots go to test-results/portal-*.png (CI artefacts).
 *
 * Without chromium the suite is skipped with a message, unless REQUIRE_BROWSER=1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { type Browser, type Page } from 'playwright-core';
import { makeUscc } from '../../src/identifiers';
import { startTestServer, type TestServer } from '../support/server';
import { describeWithChromium, launchChromium, recordPageProblems, SHOTS } from '../support/chromium';

const SAMPLE_CODE = '91320100748204660Q';
const SAMPLE_NAME = '南京钢铁联合有限公司';

jest.setTimeout(180_000);
const describeBrowser = describeWithChromium('portal browser tests');

describeBrowser('the public portal in a browser', () => {
  let server: TestServer;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ subjects: 60, config: { env: 'production', graphiql: false } });
    origin = new URL(server.url).origin;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('request', (r) => requests.push(r.url()));
    recordPageProblems(page, problems, { ignoreFailedLoads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `portal-${name}.png`), fullPage: true });

  /** What has keyboard focus, described for assertions. */
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim(), id: el?.id ?? '', name: el?.getAttribute('name') ?? '' };
  });

  /** Presses Tab until the focused element matches; fails if it is not reachable by keyboard. */
  async function tabTo(match: (el: { tag: string; text: string; id: string; name: string }) => boolean, what: string): Promise<void> {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (match(await focused())) return;
    }
    throw new Error(`${what} is not reachable with Tab`);
  }

  // The live region is cleared and refilled 50 ms later (so a repeated message is announced
  // again), so a test waits for the announcement rather than reading it at once.
  const announced = (text: string) =>
    page.waitForFunction((t) => document.getElementById('announcer')?.textContent?.includes(t) ?? false, text, { timeout: 5_000 });

  test('a visitor searches by name with the keyboard and opens the subject from the results', async () => {
    await page.goto(`${origin}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('跳到主要内容');
    await tabTo((el) => el.id === 'keyword-home', 'the search box');
    // The label names the box for assistive technology.
    expect(await page.locator('label[for="keyword-home"]').textContent()).toBe('主体名称或统一社会信用代码');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('南京钢铁');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const row = page.locator('#results table tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain(SAMPLE_CODE);
    await page.waitForFunction(() => /查询到 \d+ 个主体/.test(document.getElementById('announcer')?.textContent ?? ''));
    await shot('search');
    await tabTo((el) => el.tag === 'a' && el.text === SAMPLE_NAME, 'the result link');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/subject/${SAMPLE_CODE}`);
    await page.locator('h1', { hasText: SAMPLE_NAME }).waitFor();
    // Focus moved to the new page's heading.
    expect((await focused()).tag).toBe('h1');
  });

  test('the subject page shows the six sections, each record with its publication window, and the report links', async () => {
    const api = await server.gql(`{ subject(code: "${SAMPLE_CODE}") { profile {
      licences { totalCount } penalties { totalCount edges { node { id recordNumber publicationStart publicationEnd } } }
      honesty { totalCount } anomalies { totalCount } seriousLists { totalCount } } } }`);
    const profile = api.body.data!.subject.profile;
    const headings = await page.locator('main h2').allTextContents();
    expect(headings).toEqual(expect.arrayContaining(['基本信息', '行政许可', '行政处罚', '诚实守信', '经营异常', '严重失信主体名单']));
    // Headings in order: one h1, the sections' h2, the records' h3.
    const levels = await page.locator('main h1, main h2, main h3').evaluateAll((els) => els.map((e) => Number(e.tagName[1])));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    for (const key of ['licences', 'penalties', 'honesty', 'anomalies', 'seriousLists']) {
      expect(await page.locator(`#${key} .count`).textContent()).toBe(String(profile[key].totalCount));
    }
    expect(profile.penalties.totalCount).toBeGreaterThan(0);
    const penalty = profile.penalties.edges[0].node;
    const block = page.locator('#penalties article.record').first();
    const window = await block.locator('.pub-window').textContent();
    expect(window).toContain(`公示期：${penalty.publicationStart} 至 ${penalty.publicationEnd}`);
    expect(window).toContain(`公示截止期：${penalty.publicationEnd}`);
    // The 记录编号 a citizen quotes is the human number, not the API's opaque id.
    expect(penalty.recordNumber).toMatch(/^\d{6}-\d{4}-R\d{10}$/);
    expect(await block.textContent()).toContain(`记录编号${penalty.recordNumber}`);
    expect(await block.textContent()).not.toContain(penalty.id);
    // Natural persons arrive masked from the API and are shown as they are.
    expect(await page.locator('#basic').textContent()).toMatch(/法定代表人\/负责人.*\*/);
    // Amounts grouped and in the unit a reader expects (the API sends "376000.0000", in 万元).
    expect(await page.locator('#basic').textContent()).toContain('注册资本37.6 亿元');
    expect(await page.locator(`a[href="/report/${SAMPLE_CODE}"]`).count()).toBe(1);
    expect(await page.locator(`a[href="/report/${SAMPLE_CODE}.pdf"]`).count()).toBe(1);
    await shot('subject');
  });

  test('a code typed in the search box finds its subject; a code with a wrong check character gets the Chinese INVALID_USCC message', async () => {
    await page.goto(`${origin}/search`);
    await tabTo((el) => el.id === 'keyword', 'the search box');
    await page.keyboard.type(SAMPLE_CODE.toLowerCase());
    await page.keyboard.press('Enter');
    await page.locator('#results tbody tr').first().waitFor();
    expect(await page.locator('#results tbody tr').count()).toBe(1);
    expect(await page.locator('#results tbody').textContent()).toContain(SAMPLE_NAME);

    await tabTo((el) => el.id === 'keyword', 'the search box');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('91320100748204660X');
    await page.keyboard.press('Enter');
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.locator('[data-error-code]').getAttribute('data-error-code')).toBe('INVALID_USCC');
    expect(await alert.textContent()).toContain('统一社会信用代码格式不正确');
    expect(await alert.textContent()).toContain('校验位（第18位）不正确');
    await shot('invalid-code');
  });

  test('a subject page for a code that is too short, or valid but unknown, explains in Chinese', async () => {
    await page.goto(`${origin}/subject/9132010074820466`);
    await page.locator('[role="alert"]').waitFor();
    expect(await page.locator('[role="alert"]').textContent()).toContain('统一社会信用代码应为18位');

    const unknown = makeUscc({ authority: '9', category: '1', divisionCode: '320100', orgBody8: 'MA0YYYYY' });
    await page.goto(`${origin}/subject/${unknown}`);
    await page.locator('[role="alert"]').waitFor();
    expect(await page.locator('[data-error-code]').getAttribute('data-error-code')).toBe('NOT_FOUND');
    expect(await page.locator('[role="alert"]').textContent()).toContain(`未查询到统一社会信用代码为 ${unknown} 的主体`);
  });

  test('results page by page with the keyboard: 下一页 then 上一页', async () => {
    const api = await server.gql('{ searchSubjects(keyword: "有限公司", first: 10) { totalCount } }');
    const total = api.body.data!.searchSubjects.totalCount as number;
    expect(total).toBeGreaterThan(10);
    await page.goto(`${origin}/search?q=${encodeURIComponent('有限公司')}`);
    await page.locator('#results tbody tr').first().waitFor();
    const firstPage = await page.locator('#results tbody tr').first().textContent();
    expect(await page.locator('.pager p').textContent()).toBe(`第 1 页，共 ${Math.ceil(total / 10)} 页（${total} 条）`);
    await tabTo((el) => el.tag === 'button' && el.text === '下一页', 'the next-page button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.pager p')?.textContent?.startsWith('第 2 页'));
    expect(await page.locator('#results tbody td.num').first().textContent()).toBe('11');
    expect(await page.locator('#results tbody tr').first().textContent()).not.toBe(firstPage);
    await announced(`查询到 ${total} 个主体，当前第 2 页`);
    await tabTo((el) => el.tag === 'button' && el.text === '上一页', 'the previous-page button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.pager p')?.textContent?.startsWith('第 1 页'));
    expect(await page.locator('#results tbody tr').first().textContent()).toBe(firstPage);
  });

  test('the serious lists: all lists, then one list type with its standard, natural persons masked', async () => {
    await page.goto(`${origin}/`);
    await tabTo((el) => el.tag === 'a' && el.text === '严重失信主体名单', 'the lists menu entry');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/lists`);
    const api = await server.gql(`{ seriousLists(first: 10) { totalCount }
      court: seriousLists(listType: "COURT_DEFAULTER", first: 10) { totalCount } }`);
    const all = api.body.data!.seriousLists.totalCount as number;
    const court = api.body.data!.court.totalCount as number;
    expect(court).toBeGreaterThan(0);
    await page.locator('#list-title').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.data-table tbody tr').length > 0);
    expect(await page.locator('section[aria-labelledby="list-title"] .count').textContent()).toBe(String(all));

    await tabTo((el) => el.id === 'list-type', 'the list-type selector');
    expect(await page.locator('label[for="list-type"]').textContent()).toBe('名单类型');
    await page.selectOption('#list-type', 'COURT_DEFAULTER');
    await tabTo((el) => el.tag === 'button' && el.text === '筛选', 'the filter button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/lists\?type=COURT_DEFAULTER/);
    await page.locator('#type-title', { hasText: '失信被执行人名单' }).waitFor();
    await page.waitForFunction((n) => document.querySelector('section[aria-labelledby="list-title"] .count')?.textContent === String(n), court);
    expect(await page.locator('section[aria-labelledby="type-title"]').textContent()).toContain('最高人民法院关于公布失信被执行人名单信息的若干规定');
    const rows = await page.locator('.data-table tbody tr').allTextContents();
    expect(rows).toHaveLength(Math.min(court, 10));
    // Each row: a masked ID number (3201**********1239) or an organisation's code, and its publication window.
    for (const text of rows) {
      expect(text).toMatch(/\d{4}\*{10}\d{3}[\dX]|[0-9A-HJ-NP-RTUWXY]{18}/);
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} 至\d{4}-\d{2}-\d{2}/);
    }
    await shot('lists');
  });

  test('the help page explains objection and free credit repair, with API examples that are valid operations', async () => {
    await page.goto(`${origin}/`);
    await tabTo((el) => el.tag === 'a' && el.text === '异议申诉与信用修复', 'the help menu entry');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/help`);
    await page.locator('h1', { hasText: '异议申诉与信用修复' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('均免费办理');
    // The catalog's limits in force (publication-regimes.yaml and serious-list-types.yaml timeLimits).
    expect(text).toContain('5 个工作日内'); // objection decision
    expect(text).toContain('3 个工作日内'); // repair decision
    expect(text).toContain('10 个工作日内'); // list objection window
    expect(text).toContain('SUBJECT');
    const examples = await page.locator('main pre').allTextContents();
    expect(examples.join('\n')).toContain('fileObjection');
    expect(examples.join('\n')).toContain('applyForCreditRepair');
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
    for (const example of examples) expect(validate(schema, parse(example)).map((e) => e.message)).toEqual([]);
    expect(await page.locator('main form').count()).toBe(0);
    await shot('help');
  });

  test('a network failure is shown in Chinese with a retry that works once the network is back', async () => {
    await page.route(`${origin}/graphql`, (route) => route.abort('internetdisconnected'));
    await page.goto(`${origin}/search?q=${encodeURIComponent('南京钢铁')}`);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('网络连接失败');
    await shot('network-error');
    await page.unroute(`${origin}/graphql`);
    await tabTo((el) => el.tag === 'button' && el.text === '重新查询', 'the retry button');
    await page.keyboard.press('Enter');
    await page.locator('#results tbody tr').first().waitFor();
    expect(await page.locator('#results tbody').textContent()).toContain(SAMPLE_NAME);
  });

  test('no request left the server origin, and the page raised no error or CSP violation', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
