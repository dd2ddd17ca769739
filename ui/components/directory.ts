import { localize, type Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { Directory } from '../api/types.ts';

/**
 * Names for the ids cases carry (units, usernames), read once per client from GET /api/directory.
 * Every lookup falls back to the id itself: a screen never waits for names, and one that could
 * not be read (an older server, no network) still shows who and where.
 */
export interface Names {
  unit(name: string | null | undefined): string;
  person(username: string | null | undefined): string;
}

const cache = new WeakMap<ApiClient, Promise<Directory | undefined>>();

export function directoryOf(client: ApiClient): Promise<Directory | undefined> {
  let hit = cache.get(client);
  if (!hit) {
    hit = client.directory().catch(() => {
      cache.delete(client);
      return undefined;
    });
    cache.set(client, hit);
  }
  return hit;
}

/** Drops what was read for `client`: another user logged in on it (staff see more names than a customer). */
export function forgetDirectory(client: ApiClient): void {
  cache.delete(client);
}

export function namesFrom(directory: Directory | undefined, locale: Locale): Names {
  const units = new Map((directory?.units ?? []).map((u) => [u.name, u.title === undefined ? u.name : localize(u.title, locale) || u.name]));
  const people = new Map((directory?.people ?? []).map((p) => [p.username, p.name || p.username]));
  return {
    unit: (name) => (name ? (units.get(name) ?? name) : ''),
    person: (username) => (username ? (people.get(username) ?? username) : ''),
  };
}
