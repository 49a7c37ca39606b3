/**
 * Response headers of the portal. The page runs only its own modules and talks only to its
 * own origin: no inline script or style, no third party, DOM sinks closed by Trusted Types
 * (the client builds every node with createElement/textContent).
 */
import type { ServerResponse } from 'node:http';

export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types none',
].join('; ');

/** Caching policy per kind of response. */
export type CachePolicy =
  /** The page itself: always revalidated (cheap with its ETag), so a deployment shows at once. */
  | 'revalidate'
  /** Versioned assets and the font: their URL changes when they do. */
  | 'immutable'
  /** An asset asked for under an old version: the current file, not to be kept. */
  | 'no-store';

const CACHE_CONTROL: Readonly<Record<CachePolicy, string>> = {
  revalidate: 'no-cache',
  immutable: 'public, max-age=31536000, immutable',
  'no-store': 'no-store',
};

export function setPortalHeaders(res: ServerResponse, contentType: string, cache: CachePolicy): void {
  res.setHeader('content-type', contentType);
  res.setHeader('cache-control', CACHE_CONTROL[cache]);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (contentType.startsWith('text/html')) {
    res.setHeader('content-security-policy', PORTAL_CSP);
    res.setHeader('x-frame-options', 'DENY');
  }
}
