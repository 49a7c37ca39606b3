/**
 * The HTML credit report on a machine without CJK fonts: Chromium is launched with a fontconfig
 * that knows only a Latin font directory, so every Chinese character the report draws must come
 * from the server's own web font (/portal/fonts/…, allowed by the report's font-src 'self').
 * Before that font was allowed, the same page was all □.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { SHOTS, describeWithChromium, launchChromium } from '../support/chromium';

const LATIN_FONTS = '/usr/share/fonts/truetype/dejavu';
const SAMPLE_CODE = '91320100748204660Q';

jest.setTimeout(180_000);
const describeBrowser = describeWithChromium('report font test', [LATIN_FONTS], 'apt-get install -y chromium fonts-dejavu-core');

describeBrowser('the HTML report without system CJK fonts', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const fontRequests: { url: string; status: number; encoding: string | undefined }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ subjects: 20, config: { env: 'production', graphiql: false } });
    const dir = path.join(tmpdir(), `latin-only-fonts-${process.pid}`);
    mkdirSync(path.join(dir, 'cache'), { recursive: true });
    const config = path.join(dir, 'fonts.conf');
    writeFileSync(config, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>${LATIN_FONTS}</dir><cachedir>${path.join(dir, 'cache')}</cachedir></fontconfig>
`);
    browser = await launchChromium({ env: { ...process.env, FONTCONFIG_FILE: config } });
    page = await browser.newPage({ viewport: { width: 1000, height: 800 }, locale: 'zh-CN' });
    page.on('response', async (r) => {
      if (r.url().includes('/portal/fonts/')) fontRequests.push({ url: r.url(), status: r.status(), encoding: (await r.allHeaders())['content-encoding'] });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('draws the report\'s Chinese text with the server\'s font, compressed on the wire', async () => {
    const res = await page.goto(new URL(`/report/${SAMPLE_CODE}`, server.url).href);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("font-src 'self'");
    await page.evaluate(() => document.fonts.ready);

    // The browser really has no CJK font of its own: the same heading in the Latin fonts alone is □.
    const heading = page.locator('h1');
    const withWebFont = await heading.screenshot();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'report-latin-only-fonts.png') });
    await heading.evaluate((el) => { el.style.fontFamily = '"DejaVu Sans", sans-serif'; });
    const withoutWebFont = await heading.screenshot();
    await heading.evaluate((el) => { el.style.fontFamily = ''; });
    expect(Buffer.compare(withWebFont, withoutWebFont)).not.toBe(0);

    const faces = await page.evaluate(() => [...document.fonts].map((f) => ({ family: f.family, weight: f.weight, status: f.status })));
    expect(faces).toContainEqual({ family: 'Report Noto Sans SC', weight: '400', status: 'loaded' });
    // The h1 is bold: the bold face is fetched for it, not synthesised.
    expect(faces).toContainEqual({ family: 'Report Noto Sans SC', weight: '700', status: 'loaded' });
    expect(await page.evaluate(() => document.fonts.check('20pt "Report Noto Sans SC"', '公共信用信息报告'))).toBe(true);

    expect(fontRequests.map((r) => new URL(r.url).pathname).sort()).toEqual(['/portal/fonts/NotoSansHans-Bold.otf', '/portal/fonts/NotoSansHans-Regular.otf']);
    for (const r of fontRequests) {
      expect(r.status).toBe(200);
      expect(['br', 'gzip']).toContain(r.encoding);
    }
  });
});
