import { Hono } from 'hono';
import { scopeOf, seesUnit, unitsFilter } from '../access/scope.ts';
import type { AppEnv, AuthUser } from '../context.ts';
import { forbidden, notFound, Problem } from '../http/problem.ts';
import { monthOf } from '../projection/month-of.ts';
import { reportTimeZone } from '../projection/project-case.ts';
import { monthlyReport } from '../reports/monthly-report.ts';
import { unitScorecards } from '../reports/scorecards.ts';
import type { Services } from '../services.ts';

/** GET /api/reports/monthly?unit=&month= and GET /api/scorecards?unit=&period=. */
export function reportRoutes(services: Services) {
  const app = new Hono<AppEnv>();

  /** The unit asked for (default: the one the user acts for), 404 when outside the user's scope. */
  const unitFor = (user: AuthUser, unit: string | undefined) => {
    const set = services.registry.current();
    const scope = scopeOf(user, set.org);
    if (scope.customer !== null) throw forbidden('reports are for staff');
    const name = unit ?? (set.org.unit(user.unit) ? set.org.actingUnit(user.unit) : set.org.root);
    if (!set.org.unit(name) || !seesUnit(scope, name)) throw notFound('unit');
    return { set, scope, name };
  };
  const monthParam = (v: string | undefined, tz: string, name: string) => {
    const m = v ?? monthOf(services.clock.now(), tz);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m) && !(name === 'period' && /^\d{4}$/.test(m))) throw new Problem(400, `${name} must look like 2026-09`, { code: 'INVALID_QUERY', errors: [{ path: name, message: 'YYYY-MM' }] });
    return m;
  };

  app.get('/reports/monthly', async (c) => {
    const user = c.get('user');
    const { set, scope, name } = unitFor(user, c.req.query('unit'));
    const month = monthParam(c.req.query('month'), reportTimeZone(set, name), 'month');
    await services.projector.flush();
    const rows = await services.storage.projections.report({ month, ...(unitsFilter(scope, set.org, name) ? { units: unitsFilter(scope, set.org, name)! } : {}) });
    const scorecards = await unitScorecards(set, services.store, name, month);
    return c.json({ unit: name, month, ...monthlyReport(set, rows, user.locale), scorecards });
  });

  app.get('/scorecards', async (c) => {
    const user = c.get('user');
    const { set, name } = unitFor(user, c.req.query('unit'));
    const period = monthParam(c.req.query('period'), reportTimeZone(set, name), 'period');
    return c.json({ unit: name, period, scorecards: await unitScorecards(set, services.store, name, period) });
  });

  return app;
}
