import type { SessionRow, SessionStore, UserRow, UserStore } from '../../ports/server-storage.ts';

export interface CachedLoginsOptions {
  /** How long a session or user row read from storage answers without reading it again (default 2 s). */
  readonly ttlMs?: number;
  /** Wall time in ms: the cache is about real seconds, whatever clock the engine runs on. */
  readonly now?: () => number;
  /** Entries kept per map before it is emptied (a flood of unknown tokens cannot grow it). */
  readonly maxEntries?: number;
}

interface Entry<T> {
  readonly row: T;
  readonly readAt: number;
}

/**
 * The session and user stores with the rows every authenticated request reads kept briefly in
 * memory. Every change made through these stores forgets what it touches before it resolves —
 * logout forgets the token, disabling a user or changing their password forgets their sessions,
 * any user update forgets the user — so this server refuses a disabled or logged-out user at once,
 * as it did when it read the rows on every request. Only a change written to the database by
 * another process waits up to `ttlMs`. Expiry is still checked by the caller on every request.
 */
export function cachedLogins(
  stores: { sessions: SessionStore; users: UserStore },
  options: CachedLoginsOptions = {},
): { sessions: SessionStore; users: UserStore } {
  const ttl = options.ttlMs ?? 2000;
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? 10_000;
  const sessions = new Map<string, Entry<SessionRow>>();
  const users = new Map<string, Entry<UserRow>>();
  const fresh = <T>(e: Entry<T> | undefined): e is Entry<T> => e !== undefined && now() - e.readAt < ttl;
  // Only rows found are kept: an unknown token or user reads the database each time, as before.
  const readThrough = async <T>(
    map: Map<string, Entry<T>>,
    key: string,
    read: (key: string) => Promise<T | undefined>,
  ) => {
    const hit = map.get(key);
    if (fresh(hit)) return hit.row;
    const row = await read(key);
    if (!row) {
      map.delete(key);
    } else {
      if (map.size >= max) map.clear();
      map.set(key, { row, readAt: now() });
    }
    return row;
  };
  const forgetSessionsOf = (username: string) => {
    for (const [hash, e] of sessions) if (e.row.username === username) sessions.delete(hash);
  };
  const { sessions: s, users: u } = stores;
  return {
    sessions: {
      create: (row) => s.create(row),
      get: (tokenHash) => readThrough(sessions, tokenHash, (key) => s.get(key)),
      async delete(tokenHash) {
        sessions.delete(tokenHash);
        await s.delete(tokenHash);
        sessions.delete(tokenHash);
      },
      async deleteOf(username, exceptTokenHash) {
        forgetSessionsOf(username);
        await s.deleteOf(username, exceptTokenHash);
        forgetSessionsOf(username);
      },
      async deleteExpired(at) {
        sessions.clear();
        return s.deleteExpired(at);
      },
    },
    users: {
      get: (username) => readThrough(users, username, (key) => u.get(key)),
      list: () => u.list(),
      async create(row) {
        users.delete(row.username);
        const created = await u.create(row);
        users.delete(row.username);
        return created;
      },
      async update(username, change, at) {
        users.delete(username);
        const updated = await u.update(username, change, at);
        users.delete(username);
        return updated;
      },
    },
  };
}
