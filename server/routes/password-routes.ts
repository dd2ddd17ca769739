import { hashPassword, verifyPassword } from '../auth/password.ts';
import { requireGoodPassword } from '../auth/password-policy.ts';
import { routes } from '../../contract/routes.ts';
import { clientAddress, limitKeyOf } from '../http/client-address.ts';
import { saidField, saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import type { Services } from '../services.ts';

/**
 * POST /api/me/password {currentPassword, newPassword}: a user changes their own password. The
 * current password is asked even of a logged-in session (a borrowed, unlocked screen must not
 * lock its owner out), and wrong guesses count against the login limits. Every other session of
 * the user ends; the one that asked stays logged in.
 */
export function passwordRoutes(services: Services) {
  const change = implement(routes.changePassword, async (c, { body }) => {
    const me = c.get('user');
    const { currentPassword, newPassword } = await body();
    const now = services.clock.now();
    const address = limitKeyOf(clientAddress(c, services.trustProxy));
    const wait = services.limiter.retryAfter(me.username, address, now);
    if (wait > 0)
      throw saidProblem(
        429,
        'passwordTooManyWrong',
        {},
        {
          code: 'RATE_LIMITED',
          headers: { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) },
        },
      );
    const row = await services.storage.users.get(me.username);
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
      services.limiter.failed(me.username, address, now);
      throw saidProblem(
        422,
        'passwordCurrentWrong',
        {},
        {
          code: 'WRONG_PASSWORD',
          errors: [saidField('/currentPassword', 'field.wrongPassword', {}, { code: 'wrongPassword' })],
        },
      );
    }
    services.limiter.succeeded(me.username, address);
    requireGoodPassword(newPassword, '/newPassword', row);
    if (await verifyPassword(newPassword, row.passwordHash)) {
      throw saidProblem(
        422,
        'passwordSame',
        {},
        {
          code: 'WEAK_PASSWORD',
          errors: [saidField('/newPassword', 'field.passwordUnchanged', {}, { code: 'passwordUnchanged' })],
        },
      );
    }
    await services.storage.users.update(
      me.username,
      { passwordHash: await hashPassword(newPassword), mustChangePassword: false },
      now,
    );
    await services.storage.sessions.deleteOf(me.username, me.tokenHash);
    return c.body(null, 204);
  });

  return [change];
}
