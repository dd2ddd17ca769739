import { routes } from '../../contract/routes.ts';
import { implement } from '../http/route-contract.ts';

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
  return [implement(routes.settings, (_c, { json }) => json(200, { mapUrl: settings.mapUrl ?? null }))];
}
