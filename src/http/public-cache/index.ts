/**
 * The public response cache as the GraphQL handler uses it: this instance's memory, the
 * shared tier in Redis when REDIS_URL is set, the change watch that keeps both exact, and the
 * change stream that lets an instance judge another's answer. See response-cache.ts (what is
 * kept and evicted), change-watch.ts (freshness), change-stream.ts (exactness across
 * instances), shared-tier.ts (Redis) and cache-key.ts (what is cacheable, keys, tags).
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Database } from '../../db/database';
import type { Logger } from '../../logger';
import { nextLegalMidnight } from '../../time/legal-date';
import { CacheKeys, type CacheableRequest, type RequestParts } from './cache-key';
import { ChangeStream } from './change-stream';
import { ChangeWatch } from './change-watch';
import { PublicResponseCache, type CachedResponse, type CacheTags, type Ticket } from './response-cache';
import { SharedResponseTier } from './shared-tier';

export type { CachedResponse } from './response-cache';

export interface PublicCacheOptions {
  /** The served schema: what its fields declare they read decides the tags (answer-reads.ts). */
  schema: GraphQLSchema;
  maxBytes: number;
  /** Answers are never staler than this (DATABASE_READ_MAX_LAG_MS). */
  maxStalenessMs: number;
  /** Public reads may go to a read replica lagging up to maxStalenessMs. */
  replica: boolean;
  /** REDIS_URL: answers shared by every instance (shared-tier.ts); `prefix` separates deployments (and tests). */
  shared?: { url: string; prefix?: string };
  logger?: Pick<Logger, 'warn' | 'info'>;
}

/** Where an answer came from, as `x-cache` says: this instance's memory, or Redis. */
export type CacheTier = 'HIT' | 'HIT-SHARED';

/** A computation's ticket, with the anchor its answer is stored under in the shared tier. */
export interface PublicTicket extends Ticket {
  readonly anchor: string | undefined;
}

/** Heartbeats and changes are remembered this long (and Redis entries live at most this long). */
const STREAM_MEMORY_MS = 10 * 60_000;

export class PublicCache {
  readonly cache: PublicResponseCache;
  private readonly watch: ChangeWatch;
  private readonly stream: ChangeStream;
  private readonly shared: SharedResponseTier | undefined;
  private readonly replicaLagMs: number;
  private readonly streamMemoryMs: number;
  private readonly maxStalenessMs: number;
  private readonly keys: CacheKeys;
  private evictions: Promise<void> = Promise.resolve();

  constructor(database: Pick<Database, 'db' | 'listen'>, opts: PublicCacheOptions) {
    let watch: ChangeWatch | undefined;
    this.replicaLagMs = opts.replica ? opts.maxStalenessMs : 0;
    this.maxStalenessMs = opts.maxStalenessMs;
    this.keys = new CacheKeys(opts.schema);
    this.cache = new PublicResponseCache({ maxBytes: opts.maxBytes, replicaLagMs: this.replicaLagMs, isFresh: () => watch?.isFresh() ?? false });
    // Long enough that an anchor taken a replica's lag before a computation is still known.
    this.streamMemoryMs = Math.max(STREAM_MEMORY_MS, 4 * opts.maxStalenessMs);
    this.stream = new ChangeStream({ memoryMs: this.streamMemoryMs });
    const shared = opts.shared && new SharedResponseTier({ url: opts.shared.url, prefix: opts.shared.prefix, logger: opts.logger ?? { warn: () => {}, info: () => {} } });
    this.shared = shared;
    watch = new ChangeWatch(database, {
      onChange: (p) => {
        this.cache.change(p);
        this.stream.change(p);
        // Every instance deletes what the change ends (one after another; never failing); the anchor check does not depend on it.
        if (shared) this.evictions = this.evictions.then(() => shared.evict(p));
      },
      onReset: () => {
        this.cache.reset();
        this.stream.reset();
      },
      onHeartbeat: (id) => this.stream.heartbeat(id),
    }, { maxStalenessMs: opts.maxStalenessMs, beatOnChange: shared !== undefined });
    this.watch = watch;
  }

  /** The request's cache key and tags, or undefined when the cache should not touch it (cache-key.ts). */
  cacheable(parts: RequestParts): CacheableRequest | undefined {
    return this.keys.request(parts);
  }

  async start(): Promise<void> {
    await this.shared?.start();
    await this.watch.start();
  }

  async stop(): Promise<void> {
    await this.watch.stop();
    await this.shared?.close();
  }

  /**
   * Resolves once every change committed before the call has reached this instance and its
   * Redis evictions are done — or after the staleness bound at most for each (a slow Redis
   * must not hold a writer's answer; the anchor check needs no eviction).
   */
  async caughtUp(): Promise<void> {
    await this.watch.caughtUp();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.evictions, new Promise<void>((resolve) => { timer = setTimeout(resolve, this.maxStalenessMs); })]);
    clearTimeout(timer);
  }

  /**
   * This instance's answer, else (REDIS_URL) the shared tier's — served only if this instance
   * is fresh, received the answer's anchor, and received nothing since that touches what the
   * answer depends on (change-stream.ts): then it is the answer this instance would compute.
   */
  async lookup(key: string, tags: CacheTags): Promise<{ response: CachedResponse; tier: CacheTier } | undefined> {
    const local = this.cache.lookup(key);
    if (local) return { response: local, tier: 'HIT' };
    if (!this.shared || !this.watch.isFresh()) return undefined;
    const found = await this.shared.get(key);
    // Judged after the round trip, against everything received until now, and kept in the same turn.
    if (!found || !this.watch.isFresh() || !this.stream.unchangedSince(found.anchor, tags)) return undefined;
    this.cache.keep(key, found.response, tags);
    return { response: found.response, tier: 'HIT-SHARED' };
  }

  /** Taken before an answer is computed. The anchor precedes the data it reads: its start, less a replica's lag. */
  ticket(): PublicTicket {
    const ticket = this.cache.ticket();
    return { ...ticket, anchor: this.shared ? this.stream.anchor(ticket.at - this.replicaLagMs) : undefined };
  }

  /**
   * Keeps a computed answer here unless a change it depends on arrived meanwhile
   * (response-cache.ts), and then in the shared tier under the ticket's anchor, until
   * midnight in China (`now`: the request's clock) or the change stream's memory, whichever
   * is first. Says whether it was kept here.
   */
  async store(ticket: PublicTicket, key: string, response: CachedResponse, tags: CacheTags, now: Date): Promise<boolean> {
    if (!this.cache.store(ticket, key, response, tags)) return false;
    if (this.shared && ticket.anchor !== undefined) {
      const ttlMs = Math.min(nextLegalMidnight(now).getTime() - now.getTime(), this.streamMemoryMs);
      await this.shared.put(key, { response, anchor: ticket.anchor }, tags, ttlMs);
    }
    return true;
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
export function answerFromCache(res: ServerResponse, method: string, ifNoneMatch: string | undefined, hit: CachedResponse, tier: CacheTier = 'HIT'): void {
  res.setHeader('x-cache', tier);
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
