import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

// Where `npm run build:ui` (run by `npm start` first) writes the bundle and the pages.
const DIST = fileURLToPath(new URL('../../dist/ui/', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/**
 * The staff app (`GET /`) and the embeddable bundle (`GET /ui/serviceframe.js`), served from the
 * built files under dist/ui when they exist; until the UI is built, a short page says so.
 */
export function staticRoutes(options: { dir?: string } = {}) {
  const dist = normalize(options.dir ?? DIST);
  const app = new Hono<AppEnv>();
  const file = (rel: string) => {
    const full = normalize(join(dist, rel));
    if (!full.startsWith(dist) || !existsSync(full)) return null;
    return readFileSync(full);
  };
  app.get('/', (c) => {
    const page = file('index.html');
    if (page) return c.body(page, 200, { 'content-type': TYPES['.html']! });
    return c.html('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Serviceframe</title></head><body><h1>Serviceframe</h1><p>The API is at <a href="/api/docs">/api/docs</a>. The staff app appears here once it is built.</p></body></html>');
  });
  app.get('/ui/*', (c) => {
    const rel = c.req.path.slice('/ui/'.length);
    const body = file(rel);
    if (!body) return c.text('not found', 404);
    return c.body(body, 200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  });
  return app;
}
