import { deleteCookie, setCookie } from 'hono/cookie';
import { NO_PASSWORD, verifyPassword } from '../auth/password.ts';
import { newToken, SESSION_COOKIE, SIGNED_IN_COOKIE, tokenHash } from '../auth/tokens.ts';
import { routes } from '../../contract/routes.ts';
import { clientAddress, limitKeyOf } from '../http/client-address.ts';
import { saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import type { Services } from '../services.ts';
import { meAnswer } from '../users/me-answer.ts';
import { authUserOf } from '../users/user-directory.ts';

/** POST /api/auth/login and /api/auth/logout. */
export function authRoutes(services: Services) {
  const login = implement(routes.login, async (c, { body, json }) => {
    const { username, password } = await body();
    const now = services.clock.now();
    const address = limitKeyOf(clientAddress(c, services.trustProxy));
    const wait = services.limiter.retryAfter(username, address, now);
    if (wait > 0)
      throw saidProblem(
        429,
        'loginTooManyFailed',
        {},
        {
          code: 'RATE_LIMITED',
          headers: { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) },
        },
      );
    const user = await services.storage.users.get(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? NO_PASSWORD);
    if (!user || !ok || user.disabled) {
      services.limiter.failed(username, address, now);
      throw saidProblem(401, 'loginWrong', {}, { code: 'BAD_LOGIN' });
    }
    services.limiter.succeeded(username, address);
    const token = newToken();
    const expiresAt = now + services.sessionTtlMs;
    await services.storage.sessions.create({
      tokenHash: tokenHash(token),
      username: user.username,
      createdAt: now,
      expiresAt,
    });
    const cookie = {
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: Math.floor(services.sessionTtlMs / 1000),
    } as const;
    setCookie(c, SESSION_COOKIE, token, { ...cookie, httpOnly: true });
    setCookie(c, SIGNED_IN_COOKIE, '1', cookie);
    return json(200, {
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      // The same as GET /api/me answers, so the app need not ask it again.
      user: meAnswer(authUserOf(user, ''), services.registry.current().org),
      // After an administrator's reset: until POST /api/me/password, every other request answers 403
      // PASSWORD_CHANGE_REQUIRED.
      ...(user.mustChangePassword ? { mustChangePassword: true as const } : {}),
    });
  });

  const logout = implement(routes.logout, async (c) => {
    await services.storage.sessions.delete(c.get('user').tokenHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, SIGNED_IN_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  return [login, logout];
}
