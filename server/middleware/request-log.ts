import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from '../context.ts';
import { requestScope, type Logger } from '../log.ts';

/**
 * Gives each request an id (the client's `X-Request-Id` when it sends a sensible one, else a new
 * UUID), answers it in `X-Request-Id`, runs the request inside `requestScope` so every log line
 * written meanwhile carries the id, and writes one access-log line when the answer is ready.
 */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv>[] {
  return [
    requestId(),
    async function accessLog(c, next) {
      const start = performance.now();
      await requestScope.run({ requestId: c.get('requestId') }, async () => {
        await next();
        log('info', 'request', {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - start) * 10) / 10,
          ...(c.get('user') ? { user: c.get('user').username } : {}),
        });
      });
    },
  ];
}
