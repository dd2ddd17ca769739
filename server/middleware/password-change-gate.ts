import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { saidProblem } from '../http/problem-messages.ts';

/** What a user whose password an administrator reset may still do: see who they are, change it, leave. */
const OPEN = new Set(['GET /api/me', 'POST /api/me/password', 'POST /api/auth/logout']);

/**
 * After an administrator's reset the user must choose their own password before anything else
 * (the reset password has passed through another person's hands). Runs after `authenticate`;
 * requests without a user (the public paths) pass.
 */
export function passwordChangeGate(): MiddlewareHandler<AppEnv> {
  return async function requirePasswordChange(c, next) {
    const user = c.get('user') as AppEnv['Variables']['user'] | undefined;
    if (user?.mustChangePassword && !OPEN.has(`${c.req.method} ${c.req.path}`)) {
      throw saidProblem(403, 'passwordChangeRequired', {}, { code: 'PASSWORD_CHANGE_REQUIRED' });
    }
    await next();
  };
}
