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
// When each client last asked, answered or not: re-reads are spaced from it (rereadDirectory).
const askedAt = new WeakMap<ApiClient, number>();

export function directoryOf(client: ApiClient): Promise<Directory | undefined> {
  let hit = cache.get(client);
  if (!hit) {
    askedAt.set(client, Date.now());
    hit = client.directory().catch(() => {
      cache.delete(client);
      return undefined;
    });
    cache.set(client, hit);
  }
  return hit;
}

/**
 * Reads the directory again if what was read for `client` is at least `minAgeMs` old, else
 * undefined: someone it does not know (a user created since, a technician now on the customer's
 * case) is named after one more read, and a screen full of unknown ids asks at most that often.
 */
export function rereadDirectory(client: ApiClient, minAgeMs: number): Promise<Directory | undefined> | undefined {
  if (Date.now() - (askedAt.get(client) ?? 0) < minAgeMs) return undefined;
  cache.delete(client);
  return directoryOf(client);
}

/** Drops what was read for `client`: another user logged in on it (staff see more names than a customer). */
export function forgetDirectory(client: ApiClient): void {
  cache.delete(client);
}

/** How the engine's own actor is called. */
const SYSTEM_NAME: Readonly<Record<string, string>> = { 'zh-CN': '系统', en: 'System' };

export function namesFrom(directory: Directory | undefined, locale: Locale): Names {
  const units = new Map(
    (directory?.units ?? []).map((u) => [u.name, u.title === undefined ? u.name : localize(u.title, locale) || u.name]),
  );
  const people = new Map((directory?.people ?? []).map((p) => [p.username, p.name || p.username]));
  if (directory?.system) people.set(directory.system, SYSTEM_NAME[locale] ?? '系统');
  return {
    unit: (name) => (name ? (units.get(name) ?? name) : ''),
    person: (username) => (username ? (people.get(username) ?? username) : ''),
  };
}
