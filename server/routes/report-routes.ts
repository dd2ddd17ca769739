import { routes } from '../../contract/routes.ts';
import { scopeOf, seesUnit, unitsFilter } from '../access/scope.ts';
import type { AuthUser } from '../context.ts';
import { forbidden, notFound } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import { monthOf } from '../projection/month-of.ts';
import { reportTimeZone } from '../projection/project-case.ts';
import { monthlyReport } from '../reports/monthly-report.ts';
import { unitScorecards } from '../reports/scorecards.ts';
import type { Services } from '../services.ts';

/** GET /api/reports/monthly?unit=&month= and GET /api/scorecards?unit=&period=. */
export function reportRoutes(services: Services) {
  /** The unit asked for (default: the one the user acts for), 404 when outside the user's scope. */
  const unitFor = (user: AuthUser, unit: string | undefined) => {
    const set = services.registry.current();
    const scope = scopeOf(user, set.org);
    if (scope.customer !== null) throw forbidden('forbidden.reportsStaff');
    const name = unit ?? (set.org.unit(user.unit) ? set.org.actingUnit(user.unit) : set.org.root);
    if (!set.org.unit(name) || !seesUnit(scope, name)) throw notFound('unit');
    return { set, scope, name };
  };
  // The declaration holds a given month (or period) to its pattern; by default, this one.
  const thisMonth = (tz: string) => monthOf(services.clock.now(), tz);

  const monthly = implement(routes.monthlyReport, async (c, { query, json }) => {
    const user = c.get('user');
    const { set, scope, name } = unitFor(user, query.unit);
    const month = query.month ?? thisMonth(reportTimeZone(set, name));
    await services.projector.flush();
    const rows = await services.storage.projections.report({
      month,
      ...(unitsFilter(scope, set.org, name) ? { units: unitsFilter(scope, set.org, name)! } : {}),
    });
    const scorecards = await unitScorecards(set, services.store, name, month);
    return json(200, { unit: name, month, ...monthlyReport(set, rows, user.locale), scorecards });
  });

  const scorecards = implement(routes.scorecards, async (c, { query, json }) => {
    const user = c.get('user');
    const { set, name } = unitFor(user, query.unit);
    const period = query.period ?? thisMonth(reportTimeZone(set, name));
    return json(200, { unit: name, period, scorecards: await unitScorecards(set, services.store, name, period) });
  });

  return [monthly, scorecards];
}
