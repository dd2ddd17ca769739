import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE, tokenHash } from '../auth/tokens.ts';
import type { AppEnv } from '../context.ts';
import { unauthorized } from '../http/problem.ts';
import type { Services } from '../services.ts';
import { authUserOf } from '../users/user-directory.ts';

/**
 * Resolves `Authorization: Bearer TOKEN` (API clients) or the session cookie (the staff app) to a
 * user. Missing, unknown or expired tokens and disabled users get 401 — a disabled user at once,
 * since the user row is read on every request.
 */
export function authenticate(services: Services, options: { isPublic?: (path: string, method: string) => boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function authenticateRequest(c, next) {
    if (options.isPublic?.(c.req.path, c.req.method)) return next();
    const header = c.req.header('authorization');
    let token: string | undefined;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw unauthorized('the Authorization header must be "Bearer TOKEN"');
      token = m[1];
    } else token = getCookie(c, SESSION_COOKIE);
    if (!token) throw unauthorized();
    const hash = tokenHash(token);
    const session = await services.storage.sessions.get(hash);
    const now = services.clock.now();
    if (!session || session.expiresAt <= now) throw unauthorized('the login has expired or ended; log in again');
    const user = await services.storage.users.get(session.username);
    if (!user || user.disabled) throw unauthorized('this user may not log in');
    c.set('user', authUserOf(user, hash));
    await next();
  };
}
