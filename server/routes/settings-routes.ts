import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

export interface InstallationSettings {
  /** A map's URL with `{address}` where the address goes (SERVICEFRAME_MAP_URL); none by default. */
  readonly mapUrl?: string | undefined;
}

/**
 * Settings of this installation that pages need (a map link for addresses). Only http(s) templates
 * holding `{address}` are passed on: anything else would make links to nowhere, or to a script.
 */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): InstallationSettings {
  const map = env['SERVICEFRAME_MAP_URL']?.trim();
  return map && /^https?:\/\//i.test(map) && map.includes('{address}') ? { mapUrl: map } : {};
}

export function settingsRoutes(settings: InstallationSettings) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json({ mapUrl: settings.mapUrl ?? null }));
  return app;
}
