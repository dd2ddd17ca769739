import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json({ status: 'ok' }));
  return app;
}
