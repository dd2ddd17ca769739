import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Metrics } from '../metrics/metrics.ts';

/**
 * Counts each answer and its latency under the matched route pattern (not the raw path, so ids do not explode the
 * labels).
 */
export function observe(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async function observeRequest(c, next) {
    const start = performance.now();
    await next();
    const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
    metrics.observe(c.req.method, route, c.res.status, (performance.now() - start) / 1000);
  };
}
