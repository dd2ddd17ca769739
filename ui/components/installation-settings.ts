import type { ApiClient } from '../api/client.ts';

/** What `GET /api/settings` says of the installation. */
export interface InstallationSettings {
  /** A map's URL with `{address}`; null when the installation has none. */
  readonly mapUrl?: string | null;
}

const read = new WeakMap<ApiClient, Promise<InstallationSettings>>();

/** The installation's settings, read once per client; an error (an older server) reads as none. */
export function settingsOf(client: ApiClient): Promise<InstallationSettings> {
  let hit = read.get(client);
  if (!hit) {
    hit = client.request<InstallationSettings>('GET', '/api/settings').catch(() => ({}));
    read.set(client, hit);
  }
  return hit;
}
