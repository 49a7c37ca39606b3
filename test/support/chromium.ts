/**
 * What every browser test needs of Chromium, in one place: where it is, the flags this
 * machine's closed network wants, the suite that is skipped (or fails, under REQUIRE_BROWSER=1)
 * when it is missing, where screenshots go, and the layout check several pages share.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots, kept as CI artefacts. */
export const SHOTS = path.resolve(__dirname, '../../test-results');

/**
 * Headless as root, and no background traffic: without the networking flags Chromium's
 * connections are refused by the machine's closed network, many at a time, on every start.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const INSTALL_HINT = 'apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH';

/**
 * `describe` when Chromium (and every other path the suite `needs`) exists. Otherwise the
 * suite is skipped with a message, or, under REQUIRE_BROWSER=1 (CI), replaced by one failing
 * test, so a machine without a browser cannot pass the browser tests by skipping them.
 */
export function describeWithChromium(suite: string, needs: readonly string[] = [], hint = INSTALL_HINT): jest.Describe {
  const missing = [CHROMIUM, ...needs].filter((p) => !existsSync(p));
  if (missing.length === 0) return describe;
  const message = `${suite}: needs ${missing.join(' and ')} (${hint})`;
  if (process.env.REQUIRE_BROWSER === '1') test('chromium is installed (REQUIRE_BROWSER=1)', () => { throw new Error(message); });
  else console.warn(`${message}; skipped`);
  return describe.skip;
}

/** A headless Chromium with the machine's flags; the screenshot folder exists once it resolves. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ...options });
}

/** The page never scrolls sideways at its viewport's width. */
export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect({ where, overflow: scroll > client }).toEqual({ where, overflow: false });
}

/**
 * Collects what the page reports going wrong — uncaught errors and console errors — into
 * `problems`. `ignoreFailedLoads`: leave out the console's "Failed to load resource" lines
 * (pages that answer a deliberate 404 or 401 on purpose).
 */
export function recordPageProblems(page: Page, problems: string[], { ignoreFailedLoads = false } = {}): void {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !(ignoreFailedLoads && /Failed to load resource/.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
}
