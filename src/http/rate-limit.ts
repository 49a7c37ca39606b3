/**
 * Request budgets per principal and per client address (fixed windows), checked in the HTTP
 * layer after authentication and before any execution. In memory by default (one instance);
 * in Redis when REDIS_URL is set, so every instance spends from one shared budget. A Redis
 * that cannot be reached refuses requests (fail closed): an unmetered API is not an option.
 */
import type { Redis } from 'ioredis';
import type { Principal } from '../auth/principal';
import { appError } from '../errors';
import { TrustedProxies } from './client-address';
import { redactUrl, redisClient } from './redis';

export interface RateLimits {
  /** Requests one authenticated principal (its agency or subject, and its token `sub`) may make per window. */
  perPrincipal: number;
  /** Requests one client address may make per window, whoever it claims to be. */
  perIp: number;
  windowMs: number;
  /** TRUSTED_PROXIES: peers whose X-Forwarded-For gives the client address (src/http/client-address.ts). */
  trustedProxies?: readonly string[];
}

/**
 * The budget an authenticated request spends from: role, the agency (or subject) the token
 * is bound to, and the token's holder (`sub`). Two agencies' tokens never share a budget,
 * whatever `sub` their issuers chose.
 */
export function principalKey(principal: Principal): string {
  const bound = principal.agencyCode !== undefined ? `a=${principal.agencyCode}`
    : principal.subjectId !== undefined ? `s=${principal.subjectId}` : '-';
  return `p:${principal.role}:${bound}:${encodeURIComponent(principal.id)}`;
}

/** The counter behind the limiter: adds one hit to `key` and says how many it has now. */
export interface WindowStore {
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  close(): Promise<void>;
}

export type RateDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; scope: 'principal' | 'ip' };

export class RateLimiter {
  /** Whose X-Forwarded-For is believed when charging a client address. */
  readonly trustedProxies: TrustedProxies;

  constructor(
    readonly limits: RateLimits,
    private readonly store: WindowStore,
  ) {
    this.trustedProxies = new TrustedProxies(limits.trustedProxies ?? []);
  }

  /** Spends one request from the address's budget and, if authenticated, the principal's. */
  async consume(principal: Principal, ip: string): Promise<RateDecision> {
    const { windowMs } = this.limits;
    const checks: Array<{ scope: 'principal' | 'ip'; key: string; limit: number }> = [{ scope: 'ip', key: `ip:${ip}`, limit: this.limits.perIp }];
    if (principal.role !== 'PUBLIC') checks.push({ scope: 'principal', key: principalKey(principal), limit: this.limits.perPrincipal });
    for (const c of checks) {
      const { count, resetInMs } = await this.store.hit(c.key, windowMs);
      if (count > c.limit) return { allowed: false, scope: c.scope, retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)) };
    }
    return { allowed: true };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** One process's counters. Expired windows are swept as new ones open, so memory stays bounded by active clients. */
export class MemoryWindowStore implements WindowStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  async hit(key: string, windowMs: number) {
    const now = this.clock();
    if (now >= this.nextSweep) this.sweep(now, windowMs);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, resetInMs: w.resetAt - now };
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    this.nextSweep = now + windowMs;
  }

  async close() {
    this.windows.clear();
  }
}

// INCR and the expiry in one atomic step, so concurrent instances never lose a window's TTL.
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

export class RateLimitUnavailable extends Error {}

/** Counters shared by every instance pointing at the same Redis (ioredis client). */
export class RedisWindowStore implements WindowStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'credit-api:rl:',
  ) {}

  async hit(key: string, windowMs: number) {
    try {
      const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, String(windowMs))) as [number, number];
      return { count, resetInMs: ttl };
    } catch (err) {
      throw new RateLimitUnavailable(`rate limiter store unreachable: ${(err as Error).message}`);
    }
  }

  async close() {
    this.redis.disconnect();
  }
}

/**
 * A Redis-backed limiter. Commands are never queued while disconnected and never retried:
 * each request gets an answer (or a refusal) at once instead of waiting on a dead server.
 */
export async function createRedisRateLimiter(url: string, limits: RateLimits, prefix?: string): Promise<RateLimiter> {
  // Connection errors surface per request as RATE_LIMIT_UNAVAILABLE (src/http/redis.ts).
  const redis = redisClient(url);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new RateLimitUnavailable(`REDIS_URL is set but Redis at ${redactUrl(url)} is unreachable: ${(err as Error).message}`);
  }
  return new RateLimiter(limits, new RedisWindowStore(redis, prefix));
}

/** Throws the client-facing refusal when the request is over budget or the budget cannot be read. */
export async function enforceRateLimit(limiter: RateLimiter | undefined, principal: Principal, ip: string): Promise<void> {
  if (!limiter) return;
  let decision: RateDecision;
  try {
    decision = await limiter.consume(principal, ip);
  } catch (err) {
    if (!(err instanceof RateLimitUnavailable)) throw err;
    throw appError('RATE_LIMIT_UNAVAILABLE', 'the request budget cannot be checked right now, so the request is refused; try again shortly');
  }
  if (!decision.allowed) {
    const who = decision.scope === 'ip' ? 'this client address' : 'this token';
    throw appError('RATE_LIMITED', `too many requests from ${who}; retry after ${decision.retryAfterSeconds} s`, {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
}
