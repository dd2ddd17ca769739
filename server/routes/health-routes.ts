import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { Problem } from '../http/problem.ts';

/** Liveness: the process answers. Stays 200 while the database is away, so nothing restarts a node that only waits for it. */
export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json({ status: 'ok' }));
  return app;
}

/**
 * Readiness: 200 while this node can reach its database, 503 (a problem document) while it cannot,
 * so a load balancer sends requests to the nodes that can answer them.
 */
export function readyRoutes(ready: () => Promise<void>) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    try {
      await ready();
    } catch {
      throw new Problem(503, 'this node cannot reach its database; it is ready again as soon as the database answers', {
        code: 'NOT_READY',
        headers: { 'retry-after': '1' },
      });
    }
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ready' });
  });
  return app;
}
