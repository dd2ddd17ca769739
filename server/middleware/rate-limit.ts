import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { clientAddress, limitKeyOf } from '../http/client-address.ts';
import { saidProblem } from '../http/problem-messages.ts';

export interface RateLimitOptions {
  /** Requests per second each client address may keep up (default 300; 0 turns the limit off). */
  readonly perSecond?: number;
  /** Requests an address may send at once above the steady rate (default 10 × perSecond). */
  readonly burst?: number;
  /** Wall time in ms; the limit is about real seconds, whatever clock the engine runs on. */
  readonly now?: () => number;
  /** Reverse proxies whose X-Forwarded-For names the client (see http/client-address.ts). */
  readonly trustProxy?: readonly string[];
}

/** SERVICEFRAME_RATE_LIMIT: requests per second per client address (default 300, 0 = off). */
export function rateLimitFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): RateLimitOptions {
  const value = Number(env['SERVICEFRAME_RATE_LIMIT']);
  return env['SERVICEFRAME_RATE_LIMIT'] !== undefined && Number.isFinite(value) && value >= 0
    ? { perSecond: value }
    : {};
}

/**
 * A token bucket per client address: a flood from one address gets 429 with Retry-After while
 * everyone else is served. Generous by default, since one office behind one address is many users;
 * logins have their own, much stricter, limit per username.
 */
export function rateLimit(options: RateLimitOptions = {}): MiddlewareHandler<AppEnv> {
  const perSecond = options.perSecond ?? 300;
  const burst = options.burst ?? perSecond * 10;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async function limitRequestRate(c, next) {
    if (perSecond <= 0) return next();
    const key = limitKeyOf(clientAddress(c, options.trustProxy ?? []));
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) / perSecond);
      throw saidProblem(
        429,
        'rateLimited',
        {},
        {
          code: 'RATE_LIMITED',
          headers: { 'retry-after': String(Math.max(1, wait)) },
        },
      );
    }
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    // Full buckets carry no information; dropping them keeps the map small under address sprays.
    if (buckets.size > 50_000)
      for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * perSecond >= burst) buckets.delete(k);
    await next();
  };
}
