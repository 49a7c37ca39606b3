/**
 * The portal at a phone's, a tablet's and a laptop's width (390, 768 and 1366 px), every page:
 * home, search results, a subject, the serious lists (all, and one type), the HTML credit
 * report, help, the sign-in form and the header once signed in. On each:
 *  - the page never scrolls sideways (documentElement.scrollWidth <= clientWidth), nor do the
 *    portal's tables (every column in view);
 *  - no text is squeezed into a narrow column: every text node of the page, as laid out, holds
 *    at least READABLE characters a line (or all of its characters, when shorter), measured
 *    from the line boxes Range.getClientRects() reports;
 *  - axe-core (injected into the page) finds no serious or critical violation of WCAG 2.1 A/AA
 *    or its best practices.
 * Screenshots go to test-results/layout-<width>-<page>.png (CI artefacts).
 *
 * Without chromium the suite is skipped with a message, unless REQUIRE_BROWSER=1.
 */
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signInTestAccounts } from '../../src/seed';
import { startTestServer, type TestServer } from '../support/server';
import { SHOTS, describeWithChromium, launchChromium } from '../support/chromium';
import { embeddedSignIn } from '../support/sign-in-config';

const SAMPLE_CODE = '91320100748204660Q';
const WIDTHS = [390, 768, 1366] as const;
/** Characters a line below which a column is unreadable (the bug: 1–2 a line at 390 px). */
const READABLE = 6;

const SIGN_IN = embeddedSignIn();

jest.setTimeout(300_000);
const describeBrowser = describeWithChromium('portal layout tests');

interface Squeezed { text: string; lines: number; columnEm: number }

/**
 * Text laid out over several lines in a column narrower than `min` characters (or than the
 * text, when it is shorter), in ems of its own font size: a CJK character is one em wide.
 * Runs in the page. The column is the nearest non-inline ancestor's content box, so a phrase
 * that merely wraps at the end of a wide paragraph does not count.
 */
function squeezedText(min: number): Squeezed[] {
  const out: Squeezed[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = [...(node.textContent ?? '').replace(/\s+/g, '')];
    const el = node.parentElement;
    if (chars.length < 2 || !el || el.closest('.visually-hidden, script, style, noscript, [hidden]')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const lines = new Set(rects.map((r) => Math.round(r.top))).size;
    if (lines < 2) continue;
    let block: Element = el;
    while (getComputedStyle(block).display.startsWith('inline') && block.parentElement) block = block.parentElement;
    const style = getComputedStyle(block);
    const content = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const columnEm = content / parseFloat(getComputedStyle(el).fontSize);
    if (columnEm < Math.min(chars.length, min)) {
      out.push({ text: chars.slice(0, 24).join(''), lines, columnEm: Math.round(columnEm * 10) / 10 });
    }
  }
  return out;
}

interface PageCase {
  name: string;
  path: string;
  /** Waits until the page's content is rendered. */
  ready: (page: Page) => Promise<unknown>;
  signedIn?: boolean;
}

const rows = (page: Page) => page.waitForFunction(() => document.querySelectorAll('.data-table tbody tr').length > 0);

const PAGES: PageCase[] = [
  { name: 'home', path: '/', ready: (p) => p.locator('#keyword-home').waitFor() },
  { name: 'search', path: `/search?q=${encodeURIComponent('有限公司')}`, ready: rows },
  { name: 'subject', path: `/subject/${SAMPLE_CODE}`, ready: (p) => p.locator('#penalties article.record').first().waitFor() },
  { name: 'lists', path: '/lists', ready: rows },
  { name: 'lists-court', path: '/lists?type=COURT_DEFAULTER', ready: async (p) => { await p.locator('#type-title').waitFor(); await rows(p); } },
  { name: 'report', path: `/report/${SAMPLE_CODE}`, ready: (p) => p.locator('h1').first().waitFor() },
  { name: 'help', path: '/help', ready: (p) => p.locator('main pre').first().waitFor() },
  { name: 'invalid-code', path: '/subject/9132010074820466', ready: (p) => p.locator('[role="alert"]').waitFor() },
  { name: 'sign-in-form', path: '/auth/login?return=%2F', ready: (p) => p.locator('input[name="login"]').waitFor() },
  { name: 'signed-in', path: `/subject/${SAMPLE_CODE}`, signedIn: true, ready: (p) => p.locator('.account-who').waitFor() },
];

describeBrowser('the portal at phone, tablet and laptop widths', () => {
  let server: TestServer;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ subjects: 40, config: { signIn: SIGN_IN }, signInAccounts: signInTestAccounts() });
    origin = new URL(server.url).origin;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each(WIDTHS)('%i px wide', (width) => {
    let context: BrowserContext;
    let page: Page;
    let signedIn = false;

    beforeAll(async () => {
      // Below a laptop's width, as a phone or tablet renders: the page's viewport meta and touch.
      const handheld = width < 1024;
      context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', isMobile: handheld, hasTouch: handheld });
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    /** Through the embedded provider's form, as a person does it; the session cookie stays in this context. */
    async function signIn(): Promise<void> {
      await page.goto(`${origin}/auth/login?return=%2F`);
      const account = signInTestAccounts()[1]!;
      await page.fill('input[name="login"]', account.login);
      await page.fill('input[name="password"]', account.password);
      await Promise.all([page.waitForURL(`${origin}/`), page.click('button[type="submit"]')]);
      signedIn = true;
    }

    test.each(PAGES)('$name: no sideways scroll, no squeezed text, no serious axe violation', async (c) => {
      if (c.signedIn && !signedIn) await signIn();
      await page.goto(`${origin}${c.path}`);
      await c.ready(page);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: path.join(SHOTS, `layout-${width}-${c.name}.png`), fullPage: true });

      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // The portal's tables show every column without scrolling them sideways, too.
      // A table laid out as cards is still a table for screen readers (its cells keep their column headings).
      const tableRoles = await page.evaluate(() => [...document.querySelectorAll('.table-wrap table')]
        .filter((t) => t.getAttribute('role') !== 'table' || [...t.querySelectorAll('tbody td')].some((td) => td.getAttribute('role') !== 'cell')).length);
      expect(tableRoles).toBe(0);
      const tableScroll = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth)));
      const squeezed = await page.evaluate(squeezedText, READABLE);
      // axe's source is evaluated through the DevTools protocol, which the page's CSP does not govern.
      await page.evaluate(axe.source);
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
      });
      expect({ overflowPx: Math.max(0, scroll), tableOverflowPx: tableScroll, squeezed, violations })
        .toEqual({ overflowPx: 0, tableOverflowPx: 0, squeezed: [], violations: [] });
    });
  });
});
