/**
 * The public portal (公共信用信息公示): one page whose modules route in the browser, its
 * versioned static files, and the CJK fallback font. Every address a user can land on
 * (`/`, `/search`, `/subject/<code>`, `/lists`, `/help`) serves the same page; the data come
 * from the public GraphQL API, so the portal sees exactly what the public may see.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogBundle } from '../catalog/catalog.bundle';
import type { PageRoute } from '../http/app';
import { ASSET_NAME, FALLBACK_FONT_NAME, loadFallbackFont, loadPortalAssets, type Asset } from './portal-assets';
import { setPortalHeaders, type CachePolicy } from './portal-headers';
import { KINDS_MODULE, portalKindsModule } from './portal-kinds';

/** Addresses the client-side router answers. */
const PAGE_PATHS = [/^\/$/, /^\/search$/, /^\/lists$/, /^\/help$/, /^\/my(?:\/(?:object|repair|consent))?$/, /^\/subject\/[^/]{1,64}$/];
const ASSET_PATH = new RegExp(`^/portal/([0-9a-f]{12})/(${ASSET_NAME})$`);
const FONT_PATH = `/portal/fonts/${FALLBACK_FONT_NAME}`;

function send(req: IncomingMessage, res: ServerResponse, asset: Asset, cache: CachePolicy): void {
  setPortalHeaders(res, asset.contentType, cache);
  if (cache !== 'no-store') res.setHeader('etag', asset.etag);
  if (cache !== 'no-store' && req.headers['if-none-match'] === asset.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-length', asset.body.length);
  res.end(req.method === 'HEAD' ? undefined : asset.body);
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
  const font = loadFallbackFont();
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
      if (pathname === FONT_PATH) return font ? send(req, res, font, 'immutable') : notFound(res, pathname);
      const match = ASSET_PATH.exec(pathname);
      const file = match ? assets.files.get(match[2]!) : undefined;
      if (!match || !file) return notFound(res, pathname);
      // A page from before a deployment asks for its old version: give the current file, uncached.
      send(req, res, file, match[1] === assets.version ? 'immutable' : 'no-store');
    },
  };
}
