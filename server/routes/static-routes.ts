import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { staticFiles } from '../http/static-files.ts';
import { packageDir } from '../package-dir.ts';

// Where `npm run build` (run by `npm start` first) writes the bundle and the pages.
const DIST = join(packageDir(), 'dist/ui/');

/** esbuild names chunks by their content (ui/build.mjs: `chunks/[name]-[hash]`). */
const isHashed = (rel: string) => rel.startsWith('chunks/');

/**
 * The staff app (`GET /`), its service worker (`GET /sw.js`, at the root so it may serve the whole
 * app), the favicon and the built files under `/ui/` (the embeddable `serviceframe.js`, the app's
 * entry and their chunks), served from dist/ui when it exists; until the UI is built, a short page
 * says so. Chunks are named by their content and cached for a year; every other file is
 * revalidated by its ETag. Files go compressed (brotli or gzip) when the client asks.
 */
export function staticRoutes(options: { dir?: string } = {}) {
  const files = staticFiles(options.dir ?? DIST, { immutable: isHashed });
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const page = await files.answer(c, 'index.html');
    if (page) return page;
    return c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Serviceframe</title></head><body><h1>Serviceframe</h1><p>The API is at <a href="/api/docs">/api/docs</a>. The staff app appears here once it is built.</p></body></html>',
    );
  });
  // A worker's scope is its own folder unless the server allows more: served from the root, it
  // may answer for the app page at `/` when the network is gone.
  app.get('/sw.js', async (c) => (await files.answer(c, 'sw.js')) ?? c.notFound());
  app.get('/favicon.ico', async (c) => (await files.answer(c, 'favicon.svg')) ?? c.notFound());
  app.get('/ui/*', async (c) => {
    const rel = c.req.path.slice('/ui/'.length);
    return (await files.answer(c, rel)) ?? c.text('not found', 404);
  });
  return app;
}
