/**
 * The public response cache as the GraphQL handler uses it: the cache, the change watch that
 * keeps it exact, and the catalog snapshot the keys name. See response-cache.ts (what is kept
 * and evicted), change-watch.ts (freshness) and cache-key.ts (what is cacheable, keys, tags).
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Database } from '../../db/database';
import { ChangeWatch } from './change-watch';
import { PublicResponseCache, type CachedResponse } from './response-cache';

export { cacheableRequest } from './cache-key';
export type { CachedResponse } from './response-cache';

export interface PublicCacheOptions {
  maxBytes: number;
  /** Answers are never staler than this (DATABASE_READ_MAX_LAG_MS). */
  maxStalenessMs: number;
  /** Public reads may go to a read replica lagging up to maxStalenessMs. */
  replica: boolean;
}

export class PublicCache {
  readonly cache: PublicResponseCache;
  private readonly watch: ChangeWatch;
  private readonly catalogVersions = new WeakMap<object, number>();
  private catalogCount = 0;

  constructor(database: Pick<Database, 'db' | 'listen'>, opts: PublicCacheOptions) {
    let watch: ChangeWatch | undefined;
    this.cache = new PublicResponseCache({
      maxBytes: opts.maxBytes, replicaLagMs: opts.replica ? opts.maxStalenessMs : 0, isFresh: () => watch?.isFresh() ?? false,
    });
    watch = new ChangeWatch(database, { onChange: (p) => this.cache.change(p), onReset: () => this.cache.reset() }, { maxStalenessMs: opts.maxStalenessMs });
    this.watch = watch;
  }

  start(): Promise<void> {
    return this.watch.start();
  }

  stop(): Promise<void> {
    return this.watch.stop();
  }

  /** Resolves once every change committed before the call has reached this instance (or the bound has passed). */
  caughtUp(): Promise<void> {
    return this.watch.caughtUp();
  }

  /** A number naming a catalog snapshot (each reload builds a new bundle object). */
  catalogVersion(bundle: object): number {
    let v = this.catalogVersions.get(bundle);
    if (v === undefined) this.catalogVersions.set(bundle, (v = ++this.catalogCount));
    return v;
  }
}

/** The validator of a body: the same answer, the same ETag, on every instance. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Headers that let a browser or CDN help without ever serving stale: they may keep a public
 * GET answer but must revalidate it (no-cache), which costs a 304 when unchanged.
 */
export function setValidators(res: ServerResponse, method: string, etag: string): void {
  if (method !== 'GET') return;
  res.setHeader('etag', etag);
  res.setHeader('cache-control', 'public, no-cache');
  res.setHeader('vary', 'accept');
}

/** Answers from a cached response (304 when the client's copy is the same). */
export function answerFromCache(res: ServerResponse, method: string, ifNoneMatch: string | undefined, hit: CachedResponse): void {
  res.setHeader('x-cache', 'HIT');
  setValidators(res, method, hit.etag);
  if (method === 'GET' && ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === hit.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = hit.status;
  res.setHeader('content-type', hit.contentType);
  res.end(hit.body);
}
