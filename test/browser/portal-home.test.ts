/**
 * The front page in Chromium: the public figures it draws agree with the public API's answers
 * (records per category, the latest 双公示 records, each list's size, the catalog in force);
 * and an unknown address keeps the server's 404 page with JavaScript running.
 */
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { ok } from '../support/responses';
import { startTestServer, type TestServer } from '../support/server';
import { describeWithChromium, launchChromium, recordPageProblems, SHOTS } from '../support/chromium';

jest.setTimeout(180_000);
const describeBrowser = describeWithChromium('portal home browser test');

describeBrowser('the front page in a browser', () => {
  let server: TestServer;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ subjects: 40, config: { env: 'production', graphiql: false } });
    origin = new URL(server.url).origin;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    recordPageProblems(page, problems, { ignoreFailedLoads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The rows of the table in the panel headed by `headingId`, as cell texts. */
  const rowsOf = (headingId: string) => page.locator(`section[aria-labelledby="${headingId}"] tbody tr`).evaluateAll(
    (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));

  test('draws the public figures as the public API gives them', async () => {
    await page.goto(`${origin}/`);
    await page.locator('#catalog-title').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'portal-home-1366.png'), fullPage: true });

    const api = await server.gql(`{ publishedCounts { name count }
      latestPublications(first: 8) { subject { name } }
      seriousListTypes { code name } }`);
    const counts = ok<{ name: string; count: number }[]>(api, 'publishedCounts').filter((c) => c.count > 0);
    expect(counts.length).toBeGreaterThan(0);
    expect(await rowsOf('figures-title')).toEqual(counts.map((c) => [c.name, String(c.count)]));

    const latest = api.body.data!.latestPublications as { subject: { name: string } | null }[];
    expect(latest.length).toBeGreaterThan(0);
    expect((await rowsOf('latest-title')).map((r) => r[2])).toEqual(latest.map((l) => l.subject?.name ?? '—'));

    const types = api.body.data!.seriousListTypes as { code: string; name: string }[];
    const sizes: string[][] = [];
    for (const t of types) {
      const res = await server.gql('query($t: String!) { seriousLists(listType: $t, first: 1) { totalCount } }', { t: t.code });
      sizes.push([t.name, String(ok(res, 'seriousLists').totalCount)]);
    }
    expect(await rowsOf('lists-size-title')).toEqual(sizes);
    expect(sizes.some(([, n]) => n !== '0')).toBe(true);

    const catalog = await rowsOf('catalog-title');
    expect(catalog.length).toBeGreaterThanOrEqual(1);
    expect(Number(catalog[0]![2])).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  test('an unknown address keeps the server\'s 404 page, with the menu working', async () => {
    const res = await page.goto(`${origin}/no-such-page`);
    expect(res?.status()).toBe(404);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#view h1').textContent()).toBe('404 页面不存在');
    await page.locator('.main-nav a[href="/lists"]').click();
    await page.locator('#view h1', { hasText: '严重失信主体名单' }).waitFor();
    expect(problems).toEqual([]);
  });
});
