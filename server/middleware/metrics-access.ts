import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isAdministrator } from '../access/scope.ts';
import type { AppEnv } from '../context.ts';
import { forbidden, unauthorized } from '../http/problem-messages.ts';
import type { Services } from '../services.ts';
import { authenticate } from './authenticate.ts';

/** The scraper's token from the environment (CONTRACT.md); unset or empty: administrators only. */
export function metricsTokenFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const token = env['SERVICEFRAME_METRICS_TOKEN']?.trim();
  return token ? token : undefined;
}

/**
 * Guards `/metrics`, which shows business figures (open cases by workflow and state, the
 * notification backlog, failed logins): a bearer token equal to `token` passes, so does a logged-in
 * administrator (token or session cookie); no credentials or an unknown token get 401, a user who
 * is not an administrator 403.
 */
export function metricsAccess(services: Services, token: string | undefined): MiddlewareHandler<AppEnv> {
  // Compared as digests of equal length, in constant time: the comparison tells nothing of the token's prefix.
  const expected = token === undefined ? undefined : digest(token);
  const asUser = authenticate(services);
  return async function guardMetrics(c, next) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (expected && m && timingSafeEqual(digest(m[1]!), expected)) return next();
    await asUser(c, async () => {
      const user = c.get('user');
      if (!user) throw unauthorized('unauthorized.metrics');
      if (!isAdministrator(user, services.registry.current().org)) throw forbidden('forbidden.metrics');
      await next();
    });
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();
