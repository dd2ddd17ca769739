import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The security headers of every answer: hono's `secureHeaders` defaults, with the content security
 * policy of the staff app (no inline script; issue 7).
 *
 * Case answers used to carry these headers from the start (a hand copy of the values, and a
 * WeakSet so the middleware skipped them), to save the ~10 us per request that setting them on a
 * finished answer cost on a bare route. Under the real load it is noise: `npm run bench http`'s
 * events/s, hand copy vs this middleware on every answer, in the same runs on the shared 2-core
 * machine: 168 vs 129, 121 vs 174, 132 vs 171 (ratios to the run's plain-Hono baseline 0.24 vs
 * 0.18, 0.18 vs 0.26, 1.06 vs 1.37 — the third run's baseline was starved), so the library is used.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
}
