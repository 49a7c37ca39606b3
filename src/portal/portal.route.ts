/**
 * The public portal (公共信用信息公示): one page whose modules route in the browser, its
 * versioned static files, and the CJK fallback font. Every address a user can land on
 * (`/`, `/search`, `/subject/<code>`, `/lists`, `/help`) serves the same page; the data come
 * from the public GraphQL API, so the portal sees exactly what the public may see.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogBundle } from '../catalog/catalog.bundle';
import type { PageRoute } from '../http/app';
import { ASSET_NAME, FALLBACK_FONT_NAMES, FALLBACK_FONT_PREFIX, loadFallbackFont, loadPortalAssets, type Asset } from './portal-assets';
import { encodeFor, sendDynamic } from '../http/compression';
import { setPortalHeaders, type CachePolicy } from './portal-headers';
import { KINDS_MODULE, portalKindsModule } from './portal-kinds';
import { searchView, statusView, subjectView, type RunServerOperation, type ServerView } from './portal-server-pages';

/** Addresses the client-side router answers. */
const PAGE_PATHS = [/^\/$/, /^\/search$/, /^\/lists$/, /^\/help$/, /^\/my(?:\/(?:object|repair|consent))?$/, /^\/subject\/[^/]{1,64}$/];
const SUBJECT_PREFIX = '/subject/';
const ASSET_PATH = new RegExp(`^/portal/([0-9a-f]{12})/(${ASSET_NAME})$`);

/**
 * An asset, compressed when the client accepts it (src/http/compression.ts). Each encoding is
 * its own representation, so its ETag carries the encoding: a 304 never confirms a gzip body
 * to a client holding the plain one.
 */
async function send(req: IncomingMessage, res: ServerResponse, asset: Asset, cache: CachePolicy, status = 200): Promise<void> {
  setPortalHeaders(res, asset.contentType, cache);
  const { body, encoding } = await encodeFor(req, res, asset.body, asset.contentType, 'static');
  const etag = encoding ? `${asset.etag.slice(0, -1)}-${encoding}"` : asset.etag;
  const validated = cache !== 'no-store' && status === 200;
  if (validated) res.setHeader('etag', etag);
  if (validated && req.headers['if-none-match'] === etag) {
    res.removeHeader('content-encoding');
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function notFound(res: ServerResponse, pathname: string): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(`portal: no file at ${pathname}`);
}

export interface PortalOptions {
  /** The catalog the server started with: which record fields the public can be shown (portal-kinds.ts). */
  catalog: CatalogBundle;
  /**
   * The time limits in force, in working days, stated on the help page (异议、信用修复): the
   * catalog's (src/modules/procedure/time-limits.ts limitsInForce), '5–10' where list types differ.
   */
  timeLimits: { objectionDecision: string; repairDecision: string; listObjectionWindow: string };
  /** Runs the public operations of the server-drawn pages through the /graphql pipeline (serverOperationRunner). */
  run: RunServerOperation;
}

const VIEW_REGION = /<!--server-view-->[\s\S]*<!--\/server-view-->/;
const TITLE = /<title>([^<]*)<\/title>/;

/**
 * The application page with the server's view in #view: a 404/400 page shown to every
 * browser, other pages inside <noscript> (the modules draw their own).
 */
function pageWith(page: Asset, view: ServerView): string {
  const html = page.body.toString('utf8');
  if (!VIEW_REGION.test(html) || !TITLE.test(html)) throw new Error('portal: index.html lacks <!--server-view--> … <!--/server-view--> or <title>');
  const shown = view.html.includes('data-server-status=') ? view.html : `<noscript>${view.html}</noscript>`;
  return html
    .replace(TITLE, (_, site: string) => `<title>${escapeText(view.title)} - ${site}</title>`)
    .replace(VIEW_REGION, () => `<!--server-view-->${shown}<!--/server-view-->`);
}

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PortalRoute extends PageRoute {
  /** The 404 page, for a browser asking for an address nothing serves. */
  notFound(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

export function portalRoute(options: PortalOptions): PortalRoute {
  const t = options.timeLimits;
  const assets = loadPortalAssets({
    OBJECTION_DAYS: t.objectionDecision,
    REPAIR_DAYS: t.repairDecision,
    LIST_OBJECTION_DAYS: t.listObjectionWindow,
  }, undefined, { [KINDS_MODULE]: portalKindsModule(options.catalog) });
  const fonts = new Map<string, Asset>();
  for (const name of FALLBACK_FONT_NAMES) {
    const font = loadFallbackFont(name);
    if (font) fonts.set(`${FALLBACK_FONT_PREFIX}${name}`, font);
  }
  const sendView = async (req: IncomingMessage, res: ServerResponse, view: ServerView) => {
    setPortalHeaders(res, assets.page.contentType, 'revalidate');
    await sendDynamic(req, res, view.status, assets.page.contentType, pageWith(assets.page, view));
  };
  return {
    notFound: (req, res, url) => sendView(req, res, statusView(404, `本站没有 ${url.pathname} 这个页面。`)),
    matches: (pathname) => pathname.startsWith('/portal/') || PAGE_PATHS.some((p) => p.test(pathname)),
    async handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.statusCode = 405;
        res.setHeader('allow', 'GET, HEAD');
        res.end();
        return;
      }
      const { pathname } = url;
      // Pages whose content the server can draw: for browsers without JavaScript, and so that a
      // malformed or unknown code answers 400 or 404 (the API's own validation decides which).
      if (pathname === '/search' && url.searchParams.has('q')) return sendView(req, res, await searchView(options.run, req, res, url));
      if (pathname.startsWith(SUBJECT_PREFIX)) return sendView(req, res, await subjectView(options.run, req, res, pathname.slice(SUBJECT_PREFIX.length)));
      if (!pathname.startsWith('/portal/')) return send(req, res, assets.page, 'revalidate');
      if (pathname.startsWith(FALLBACK_FONT_PREFIX)) {
        const font = fonts.get(pathname);
        return font ? send(req, res, font, 'immutable') : notFound(res, pathname);
      }
      const match = ASSET_PATH.exec(pathname);
      const file = match ? assets.files.get(match[2]!) : undefined;
      if (!match || !file) return notFound(res, pathname);
      // A page from before a deployment asks for its old version: give the current file, uncached.
      send(req, res, file, match[1] === assets.version ? 'immutable' : 'no-store');
    },
  };
}
