import type { ApiClient } from '../api/client.ts';
import type { Settings } from '../api/types.ts';

/** What `GET /api/settings` says of the installation. */
export type InstallationSettings = Settings;

const read = new WeakMap<ApiClient, Promise<InstallationSettings>>();

/** The installation's settings, read once per client; an error (an older server) reads as none. */
export function settingsOf(client: ApiClient): Promise<InstallationSettings> {
  let hit = read.get(client);
  if (!hit) {
    hit = client.request<InstallationSettings>('GET', '/api/settings').catch(() => ({ mapUrl: null }));
    read.set(client, hit);
  }
  return hit;
}
