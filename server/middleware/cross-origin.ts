import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../context.ts';

export interface CrossOriginOptions {
  /**
   * Origins allowed to call the API from a browser (pages embedding the components), exactly as
   * the browser sends them: `https://portal.example.com`. None by default: the API is closed to
   * other origins and answers without any Access-Control-* header.
   */
  readonly origins?: readonly string[];
}

/** SERVICEFRAME_CORS_ORIGINS: comma-separated origins; unset or empty keeps cross-origin calls closed. */
export function corsOriginsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  return (env['SERVICEFRAME_CORS_ORIGINS'] ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter((o) => o !== '');
}

/**
 * CORS for the listed origins only; bearer tokens, not cookies, cross origins (the session cookie
 * is SameSite=Strict), so credentials are not allowed. Any other origin gets no CORS headers, which
 * browsers treat as a refusal.
 */
export function crossOrigin(options: CrossOriginOptions = {}): MiddlewareHandler<AppEnv> {
  const allowed = new Set(options.origins ?? []);
  const handler = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PATCH'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
    maxAge: 600,
  });
  return async function allowListedOrigins(c, next) {
    if (allowed.size === 0) return next();
    return handler(c, next);
  };
}
