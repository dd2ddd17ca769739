import { routes } from '../../contract/routes.ts';
import { createCaseMigrations } from '../cases/case-migrations.ts';
import { readerLocale } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import type { Services } from '../services.ts';

/**
 * POST /api/cases/migrate and GET /api/cases/migrations (administrators, declared `admin`; issue
 * 18). mount puts these fixed paths before the case routes' GET /api/cases/{id}.
 */
export function migrationRoutes(services: Services) {
  const migrations = createCaseMigrations(services);

  const migrate = implement(routes.migrate, async (c, { body, json }) => {
    return json(200, await migrations.migrate(await body(), c.get('user'), readerLocale(c)));
  });

  const list = implement(routes.migrations, async (_c, { query, json }) => {
    return json(200, { items: await migrations.list(query.limit ?? 50) });
  });

  return [migrate, list];
}
