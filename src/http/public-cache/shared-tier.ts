/**
 * The public cache's second tier, shared by every instance through Redis (REDIS_URL): an
 * answer one instance computed is stored there with its anchor (change-stream.ts), so the
 * others need not compute it again. This module only stores, fetches and evicts; whether a
 * fetched answer may be served is decided by the instance's own change stream (index.ts).
 *
 * Each entry is also listed under its tags (a sorted set per tag — `s:<code>` per subject
 * code, `s:@registrations` for searches of registration fields — one for answers across
 * subjects, one of all entries), so that a change notification — which every instance
 * receives — deletes the entries it ends: those of its tags' sets and of the across set, or
 * everything for `'*'`. Entries and sets expire (at most the change stream's memory, after
 * which no instance could accept an entry, and never past midnight in China, which changes
 * the keys), so nothing is left behind. How much memory Redis may use is the operator's
 * (maxmemory).
 *
 * Redis is a cache here: an unreachable or slow Redis never fails a request — a lookup is a
 * miss, a store or an eviction is skipped — unlike the rate limiter, which refuses requests
 * without its shared budget (fail closed). Skipped evictions cannot make an answer stale: the
 * anchor check refuses it. The loss is logged once, and the return once.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger';
import { redactUrl, redisClient } from '../redis';
import type { CachedResponse, CacheTags } from './response-cache';

export interface SharedEntry {
  readonly response: CachedResponse;
  /** The heartbeat before the data the answer was computed from. */
  readonly anchor: string;
}

export interface SharedTierOptions {
  url: string;
  /** Key prefix; the braces keep every key in one Redis Cluster slot (the scripts use several). */
  prefix?: string;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** A command not answered within this many ms is given up (a miss). */
  commandTimeoutMs?: number;
}

export const DEFAULT_SHARED_PREFIX = 'credit-api:{pc}:';

// The entry and its listing under each tag in one step. Tag sets are sorted by expiry and
// trimmed of expired members at each store, so they hold live entries only, however long a
// busy set lives; a set lives as long as its newest entry.
const STORE_SCRIPT = `
local ttl = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
for i = 2, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  redis.call('ZADD', KEYS[i], now + ttl, KEYS[1])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1`;

// Deletes the entries listed under each tag set, and the sets.
const EVICT_SCRIPT = `
local n = 0
for i = 1, #KEYS do
  local members = redis.call('ZRANGE', KEYS[i], 0, -1)
  for j = 1, #members, 500 do
    n = n + redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
end
return n`;

interface Stored {
  v: 1;
  a: string;
  s: number;
  c: string;
  e: string;
  b: string;
}

export class SharedResponseTier {
  private readonly redis: Redis;
  private readonly prefix: string;
  private down = false;

  constructor(private readonly opts: SharedTierOptions) {
    this.prefix = opts.prefix ?? DEFAULT_SHARED_PREFIX;
    this.redis = redisClient(opts.url, { commandTimeout: opts.commandTimeoutMs ?? 500 });
  }

  /** Connects; an unreachable Redis is logged and the server starts without the tier (the client keeps trying). */
  async start(): Promise<void> {
    await this.redis.connect().then(() => this.up(), (err: Error) => this.failed(err));
  }

  async get(key: string): Promise<SharedEntry | undefined> {
    try {
      const raw = await this.redis.get(this.entryKey(key));
      this.up();
      if (raw === null) return undefined;
      const stored = JSON.parse(raw) as Stored;
      if (stored.v !== 1) return undefined;
      return { anchor: stored.a, response: { status: stored.s, contentType: stored.c, etag: stored.e, body: stored.b } };
    } catch (err) {
      this.failed(err as Error);
      return undefined;
    }
  }

  async put(key: string, entry: SharedEntry, tags: CacheTags, ttlMs: number): Promise<void> {
    const { response: r } = entry;
    const stored: Stored = { v: 1, a: entry.anchor, s: r.status, c: r.contentType, e: r.etag, b: r.body };
    const sets = [this.setKey('all'), ...(tags === null ? [this.setKey('across')] : tags.map((code) => this.setKey(`s:${code}`)))];
    try {
      await this.redis.eval(STORE_SCRIPT, 1 + sets.length, this.entryKey(key), ...sets, JSON.stringify(stored), String(Math.max(1, Math.floor(ttlMs))));
      this.up();
    } catch (err) {
      this.failed(err as Error);
    }
  }

  /**
   * A change notification's payload (`'*'`, codes and REGISTRATIONS separated by commas, or
   * `''`): deletes the entries it ends — those listed under its tags, and those across subjects.
   */
  async evict(payload: string): Promise<void> {
    const sets = payload === '*' ? [this.setKey('all')]
      : [this.setKey('across'), ...payload.split(',').filter(Boolean).map((code) => this.setKey(`s:${code}`))];
    try {
      await this.redis.eval(EVICT_SCRIPT, sets.length, ...sets);
      this.up();
    } catch (err) {
      this.failed(err as Error);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private entryKey(key: string): string {
    return `${this.prefix}e:${key}`;
  }

  private setKey(tag: string): string {
    return `${this.prefix}t:${tag}`;
  }

  private failed(err: Error): void {
    if (this.down) return;
    this.down = true;
    this.opts.logger.warn({ err: err.message, redis: redactUrl(this.opts.url) },
      'public cache: Redis (REDIS_URL) unavailable; answering from this instance\'s memory or the database until it is back');
  }

  private up(): void {
    if (!this.down) return;
    this.down = false;
    this.opts.logger.info({ redis: redactUrl(this.opts.url) }, 'public cache: Redis (REDIS_URL) is back; the shared tier is in use again');
  }
}
