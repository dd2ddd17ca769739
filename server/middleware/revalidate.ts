import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';

/**
 * GET answers of the API carry an ETag (a hash of the body) and `private, no-cache`: the browser
 * keeps them, asks again each time, and a definition, the user or an unchanged worklist comes back
 * as a bodiless 304 rather than again in full. Event streams are left alone: hashing their body
 * would wait for a stream that never ends.
 */
export function revalidate(options: { skip?: (path: string) => boolean } = {}): MiddlewareHandler {
  const tag = etag();
  const skip = options.skip ?? (() => false);
  return async function revalidateAnswer(c, next) {
    if (c.req.method !== 'GET' || skip(c.req.path)) return next();
    await tag(c, next);
    if (c.res.status === 200 || c.res.status === 304) {
      if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'private, no-cache');
    }
  };
}
