import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE, tokenHash } from '../auth/tokens.ts';
import type { AppEnv } from '../context.ts';
import { localeOfHeader, unauthorized } from '../http/problem-messages.ts';
import type { Services } from '../services.ts';
import { authUserOf } from '../users/user-directory.ts';

/**
 * Resolves `Authorization: Bearer TOKEN` (API clients) or the session cookie (the staff app) to a
 * user. Missing, unknown or expired tokens and disabled users get 401 — a disabled user at once,
 * since the user row is read on every request.
 */
export function authenticate(
  services: Services,
  options: { isPublic?: (path: string, method: string) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  // The hash of each token recently accepted: a client sends the same token on every request, and
  // SHA-256 of it was about 1% of the server's time under the HTTP bench. Only tokens of sessions
  // found are kept; what the session and user allow is still checked on every request.
  const hashes = new Map<string, string>();
  return async function authenticateRequest(c, next) {
    if (options.isPublic?.(c.req.path, c.req.method)) return next();
    const header = c.req.header('authorization');
    let token: string | undefined;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw unauthorized('unauthorized.badHeader');
      token = m[1];
    } else token = getCookie(c, SESSION_COOKIE);
    if (!token) throw unauthorized();
    const hash = hashes.get(token) ?? tokenHash(token);
    const session = await services.storage.sessions.get(hash);
    const now = services.clock.now();
    if (!session || session.expiresAt <= now) {
      hashes.delete(token);
      throw unauthorized('unauthorized.expired');
    }
    if (!hashes.has(token)) {
      if (hashes.size >= 10_000) hashes.clear();
      hashes.set(token, hash);
    }
    const user = await services.storage.users.get(session.username);
    if (!user || user.disabled) throw unauthorized('unauthorized.mayNotLogIn');
    // Answers are said in the language the reader asked for (the app's language switch sends it), not
    // only the one saved with the user: a customer who switched to English reads English titles.
    const saved = authUserOf(user, hash);
    const asked = localeOfHeader(c.req.header('accept-language'));
    c.set('user', asked && asked !== saved.locale ? { ...saved, locale: asked, savedLocale: saved.locale } : saved);
    await next();
  };
}
