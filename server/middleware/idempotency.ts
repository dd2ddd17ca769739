import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { Problem } from '../http/problem.ts';
import type { Services } from '../services.ts';

/**
 * `Idempotency-Key` on POST: the first answer (any status below 500) is stored with a hash of
 * the request; a repeat with the same key and body gets that answer again and changes nothing.
 * The same key with another body is 422; a repeat while the first is still running is 409, and
 * so is one whose first request was cut off by a crash (IDEMPOTENCY_OUTCOME_UNKNOWN, never "retry").
 * Keys are per user, so one user's key never answers another's request.
 */
export function idempotency(services: Services): MiddlewareHandler<AppEnv> {
  // A claim older than this process was being answered when the server stopped (a crash, a kill):
  // whether that request took effect is unknown, and no answer will ever be stored for it.
  const startedAt = services.clock.now();
  return async function idempotentPost(c, next) {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (key.length === 0 || key.length > 200) throw new Problem(400, 'Idempotency-Key must be 1 to 200 characters', { code: 'INVALID_IDEMPOTENCY_KEY' });
    const user = c.get('user');
    const scope = user ? user.username : '';
    const body = await c.req.text();
    const fingerprint = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(body).digest('base64url');
    const store = services.storage.idempotency;
    const earlier = await store.claim(scope, key, fingerprint, services.clock.now());
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) throw new Problem(422, 'this Idempotency-Key was used for a different request; use a new key', { code: 'IDEMPOTENCY_KEY_REUSED' });
      if (earlier.status === 0 && earlier.claimedAt !== undefined && earlier.claimedAt < startedAt) {
        throw new Problem(409, 'the server stopped while answering the first request with this Idempotency-Key, so whether it took effect is unknown: reload what it would have changed (a case shows its events in its history) and send again with a new key only if it is not there', { code: 'IDEMPOTENCY_OUTCOME_UNKNOWN' });
      }
      if (earlier.status === 0) throw new Problem(409, 'a request with this Idempotency-Key is still being answered; retry shortly', { code: 'IDEMPOTENCY_IN_PROGRESS', headers: { 'retry-after': '1' } });
      return new Response(earlier.body, { status: earlier.status, headers: { 'content-type': earlier.contentType, 'idempotent-replayed': 'true' } });
    }
    try {
      await next();
    } catch (e) {
      await store.release(scope, key);
      throw e;
    }
    const res = c.res;
    if (res.status >= 500) {
      await store.release(scope, key);
      return;
    }
    const text = await res.clone().text();
    await store.complete(scope, key, { status: res.status, body: text, contentType: res.headers.get('content-type') ?? 'application/json' });
  };
}
