import { Hono } from 'hono';
import { createCaseMigrations, type MigrateRequest } from '../cases/case-migrations.ts';
import type { AppEnv } from '../context.ts';
import { jsonBody } from '../http/json-body.ts';
import { Problem } from '../http/problem.ts';
import type { Services } from '../services.ts';
import { requireAdmin } from './user-routes.ts';

/**
 * POST /api/cases/migrate and GET /api/cases/migrations (administrators; issue 18). Mounted
 * before the case routes, whose GET /:id would take "migrations" for a case id.
 */
export function migrationRoutes(services: Services) {
  const app = new Hono<AppEnv>();
  const migrations = createCaseMigrations(services);

  app.post('/migrate', async (c) => {
    requireAdmin(c.get('user'), services.registry.current().org);
    const body = await jsonBody<MigrateRequest>(c, 'MigrateCases');
    return c.json(await migrations.migrate(body, c.get('user')));
  });

  app.get('/migrations', async (c) => {
    requireAdmin(c.get('user'), services.registry.current().org);
    const limit = c.req.query('limit') === undefined ? 50 : Number(c.req.query('limit'));
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new Problem(400, 'limit must be an integer from 1 to 500', { code: 'INVALID_QUERY', errors: [{ path: 'limit', message: 'an integer from 1 to 500' }] });
    return c.json({ items: await migrations.list(limit) });
  });

  return app;
}
