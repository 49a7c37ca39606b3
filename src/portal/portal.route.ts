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
import { encodeFor } from '../http/compression';
import { setPortalHeaders, type CachePolicy } from './portal-headers';
import { KINDS_MODULE, portalKindsModule } from './portal-kinds';

/** Addresses the client-side router answers. */
const PAGE_PATHS = [/^\/$/, /^\/search$/, /^\/lists$/, /^\/help$/, /^\/subject\/[^/]{1,64}$/];
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
}

export function portalRoute(options: PortalOptions): PageRoute {
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
  return {
    matches: (pathname) => pathname.startsWith('/portal/') || PAGE_PATHS.some((p) => p.test(pathname)),
    handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.statusCode = 405;
        res.setHeader('allow', 'GET, HEAD');
        res.end();
        return;
      }
      const { pathname } = url;
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
