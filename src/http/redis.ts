/**
 * How this server talks to Redis (REDIS_URL), for the rate limiter and the public cache's
 * shared tier alike: commands are never queued while disconnected and never retried, so a
 * request gets its answer (or its refusal, or its fallback) at once instead of waiting on a
 * dead server; the client reconnects by itself in the background.
 */
import { Redis, type RedisOptions } from 'ioredis';

export function redisClient(url: string, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  });
  // Each user reports failures per command; the event must still be handled.
  redis.on('error', () => {});
  return redis;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
