/**
 * The portal over plain HTTP: every page address serves the application page with a strict
 * CSP, every module the page loads (followed through its imports) is served with the right
 * type and a year-long cache under the versioned prefix, and the portal does not depend on
 * GraphiQL or development mode.
 */
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { makeUscc } from '../../src/identifiers';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let origin: string;

beforeAll(async () => {
  // Production, GraphiQL off: the portal must not need either.
  server = await startTestServer({ subjects: 20, config: { env: 'production', graphiql: false } });
  origin = new URL(server.url).origin;
});

afterAll(async () => {
  await server?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers, redirect: 'manual' });

/** script src and stylesheet/icon href of the page. */
function pageAssets(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

/** Relative ES-module imports of a module's source. */
function moduleImports(source: string): string[] {
  return [...source.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

describe('the portal page', () => {
  test.each(['/', '/search', '/subject/91320100748204660Q', '/lists', '/help'])('%s serves the Chinese application page with a strict CSP', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toMatch(/<html lang="zh-CN"/);
    expect(html).not.toContain('%ASSET_BASE%');
    // No inline script: every <script> has a src.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\bsrc="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect(html).not.toMatch(/\bstyle="/);
    // No resource from another origin.
    for (const url of pageAssets(html)) expect(url.startsWith('/')).toBe(true);
  });

  test('the page states the configured time limits for objections and repair', async () => {
    const html = await (await get('/')).text();
    expect(html).toContain('data-objection-days="5"');
    expect(html).toContain('data-repair-days="3"');
    expect(html).toContain('data-list-objection-days="10"');
  });

  test('revalidation answers 304 with the same ETag', async () => {
    const first = await get('/');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/help', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
  });

  test('other methods are refused with 405 and Allow', async () => {
    const res = await fetch(`${origin}/`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the portal assets', () => {
  test('every module the page loads, followed through its imports, is served as JavaScript with a long cache', async () => {
    const html = await (await get('/')).text();
    const assets = pageAssets(html);
    const entry = assets.find((a) => a.endsWith('/js/app.js'));
    expect(entry).toMatch(/^\/portal\/[0-9a-f]{12}\/js\/app\.js$/);
    const seen = new Set<string>();
    const queue = [entry!];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const source = await res.text();
      for (const rel of moduleImports(source)) queue.push(new URL(rel, `${origin}${path}`).pathname);
    }
    // app, router pages and their helpers: a missing module would have failed above.
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  test('the stylesheet and the emblem have their content types', async () => {
    const html = await (await get('/')).text();
    const css = pageAssets(html).find((a) => a.endsWith('.css'))!;
    const svg = pageAssets(html).find((a) => a.endsWith('.svg'))!;
    const cssRes = await get(css);
    expect(cssRes.status).toBe(200);
    expect(cssRes.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await cssRes.text()).toContain('font-family');
    const svgRes = await get(svg);
    expect(svgRes.headers.get('content-type')).toBe('image/svg+xml');
  });

  test('an asset under an older version is served current and uncached; an unknown file is 404', async () => {
    const old = await get('/portal/000000000000/css/portal.css');
    expect(old.status).toBe(200);
    expect(old.headers.get('cache-control')).toBe('no-store');
    expect((await get('/portal/000000000000/js/nothing.js')).status).toBe(404);
    expect((await get('/portal/../package.json')).status).not.toBe(200);
    expect((await get('/portal/000000000000/%2e%2e/portal.route.ts')).status).toBe(404);
  });

  test('the CJK fallback font is served as font/otf with a long cache', async () => {
    const res = await fetch(`${origin}/portal/fonts/NotoSansHans-Regular.otf`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/otf');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1_000_000);
  });
});

/** A GET with exactly this Accept-Encoding, the body as sent (fetch would decompress it). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** What a browser without JavaScript shows: the page with its <noscript> opened up. */
const noscript = (html: string) => /<!--server-view-->([\s\S]*)<!--\/server-view-->/.exec(html)?.[1] ?? '';
const html = { accept: 'text/html,application/xhtml+xml' };

describe('status pages', () => {
  test('an unknown address is a real 404 page, in the portal, with its strict CSP', async () => {
    const res = await get('/no-such-page', html);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await res.text();
    expect(body).toContain('<title>页面不存在 - 公共信用信息公示平台</title>');
    // Shown to every browser (not only inside <noscript>); the modules leave it in place.
    expect(noscript(body)).toMatch(/^<section class="panel" data-server-status="404">/);
    expect(body).toContain('/no-such-page');
    expect((await get('/subject/a/b', html)).status).toBe(404);
  });

  test('a malformed code is 400 with the API\'s own reason; a well-formed unknown one is 404', async () => {
    const bad = await get('/subject/91320100748204660X', html);
    expect(bad.status).toBe(400);
    const badBody = noscript(await bad.text());
    expect(badBody).toContain('data-server-status="400"');
    expect(badBody).toMatch(/check character|校验/);
    const unknown = makeUscc({ authority: '9', category: '1', divisionCode: '320100', orgBody8: 'MA0YYYYY' });
    const missing = await get(`/subject/${unknown}`, html);
    expect(missing.status).toBe(404);
    expect(noscript(await missing.text())).toContain(unknown);
  });
});

describe('without JavaScript', () => {
  test('the front page offers the search as a plain GET form', async () => {
    const view = noscript(await (await get('/')).text());
    expect(view).toMatch(/<noscript>[\s\S]*<form method="get" action="\/search"[\s\S]*name="q"/);
  });

  test('a search is answered with the results, linking each subject', async () => {
    const res = await get(`/search?q=${encodeURIComponent('南京钢铁')}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<title>“南京钢铁”的查询结果 - 公共信用信息公示平台</title>');
    const view = noscript(body);
    expect(view.startsWith('<noscript>')).toBe(true);
    expect(view).toContain('value="南京钢铁"');
    expect(view).toContain('<a href="/subject/91320100748204660Q">南京钢铁联合有限公司</a>');
    // A full code is looked up directly.
    expect(noscript(await (await get('/search?q=91320100748204660q')).text())).toContain('<a href="/subject/91320100748204660Q">');
    // Too short: 400, with the form to try again.
    const short = await get('/search?q=%E5%8D%97');
    expect(short.status).toBe(400);
    expect(noscript(await short.text())).toContain('至少需要2个字');
  });

  test('the subject page shows the basic facts, the count per section, and links the server-drawn report', async () => {
    const view = noscript(await (await get('/subject/91320100748204660Q')).text());
    expect(view).toContain('<h1>南京钢铁联合有限公司</h1>');
    expect(view).toMatch(/<th scope="row">行政处罚<\/th><td>[1-9]\d* 条/);
    expect(view).toContain('<a href="/report/91320100748204660Q">');
  });

  test('drawn through the public policy: the legal representative\'s name is masked as the API masks it', async () => {
    const view = noscript(await (await get('/subject/91320100748204660Q')).text());
    const api = await server.gql('{ subject(code: "91320100748204660Q") { legalRepresentative } }');
    const masked = api.body.data?.subject?.legalRepresentative as string;
    expect(masked).toContain('*');
    expect(view).toContain(`<th scope="row">法定代表人/负责人</th><td>${masked}</td>`);
  });
});

describe('compression', () => {
  test.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('the page, its modules and stylesheet are sent as %s when asked, the same bytes once decoded', async (encoding, decode) => {
    const html = (await raw('/')).body.toString();
    const paths = ['/', ...pageAssets(html).filter((a) => /\.(js|css)$/.test(a))];
    for (const path of paths) {
      const plain = await raw(path);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      const packed = await raw(path, { 'accept-encoding': `${encoding}, identity;q=0.5` });
      expect({ path, encoding: packed.headers['content-encoding'] }).toEqual({ path, encoding });
      expect(packed.headers.vary).toBe('Accept-Encoding');
      expect(Number(packed.headers['content-length'])).toBe(packed.body.length);
      expect(packed.body.length).toBeLessThan(plain.body.length);
      expect(decode(packed.body).equals(plain.body)).toBe(true);
      // Each encoding is its own representation: its own ETag, and a 304 only for that one.
      expect(packed.headers.etag).not.toBe(plain.headers.etag);
      expect((await raw(path, { 'accept-encoding': encoding, 'if-none-match': packed.headers.etag! })).status).toBe(304);
      expect((await raw(path, { 'if-none-match': packed.headers.etag! })).status).toBe(200);
    }
  });

  test('brotli is preferred, q-values are honoured, q=0 refuses', async () => {
    expect((await raw('/help', { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    expect((await raw('/help', { 'accept-encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await raw('/help', { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect((await raw('/help', { 'accept-encoding': '*' })).headers['content-encoding']).toBe('br');
  });

  test('the fallback font is sent compressed, and decodes to the font', async () => {
    const plain = await raw('/portal/fonts/NotoSansHans-Regular.otf');
    const packed = await raw('/portal/fonts/NotoSansHans-Regular.otf', { 'accept-encoding': 'gzip' });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.body.length).toBeLessThan(plain.body.length * 0.9);
    expect(gunzipSync(packed.body).equals(plain.body)).toBe(true);
  });

  test('the HTML report is compressed per request', async () => {
    const packed = await raw('/report/91320100748204660Q', { 'accept-encoding': 'br' });
    expect(packed.status).toBe(200);
    expect(packed.headers['content-encoding']).toBe('br');
    expect(packed.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(packed.body).toString()).toContain('公共信用信息报告');
  });
});

describe('the API beside the portal', () => {
  test('in production with GraphiQL off, /graphql still answers the portal and serves no GraphiQL page', async () => {
    const page = await get('/graphql', { accept: 'text/html' });
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
    const res = await server.gql('{ subject(code: "91320100748204660Q") { name } }');
    expect(res.status).toBe(200);
    expect(res.body.data?.subject?.name).toBe('南京钢铁联合有限公司');
  });

  test('unrelated paths are still the API 404 for a client that does not ask for HTML', async () => {
    const res = await get('/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});
