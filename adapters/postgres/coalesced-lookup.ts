/**
 * Lookups by key that many requests make at once (a case by id, a session by token, a user by
 * name), sent to PostgreSQL together: while one query of a kind is on its way, the keys asked for
 * meanwhile wait and go in the next one, as a single `= ANY($1)` query. Under load that is one
 * round trip for many requests instead of one each; PostgreSQL's work and the node's per query
 * (the protocol, the pool, parsing a row description) are what the PostgreSQL node spent most of
 * its time on. Alone, a lookup goes at once (after the current microtasks), as before.
 *
 * Nothing is cached: a key only joins a query not yet sent, so every lookup reads the database
 * after it was asked for and sees every commit that finished before — what a lookup of its own
 * would read. A failed query fails each lookup in it with its (mapped) error.
 */

/** Reads the rows of `keys` (each at most once); returns them by key (absent: not found). */
export type ReadMany<R> = (keys: string[]) => Promise<Map<string, R>>;

/** Keys per query at most; more wait for the next. */
const MAX_KEYS = 500;

export function coalescedLookup<R>(readMany: ReadMany<R>): (key: string) => Promise<R | undefined> {
  type Waiter = { resolve: (row: R | undefined) => void; reject: (error: unknown) => void };
  const waiting = new Map<string, Waiter[]>();
  let running = false;

  const run = async () => {
    while (waiting.size > 0) {
      const batch = new Map<string, Waiter[]>();
      for (const [key, waiters] of waiting) {
        if (batch.size === MAX_KEYS) break;
        batch.set(key, waiters);
      }
      for (const key of batch.keys()) waiting.delete(key);
      try {
        const found = await readMany([...batch.keys()]);
        for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
      } catch (error) {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      }
    }
    running = false;
  };

  return (key) =>
    new Promise<R | undefined>((resolve, reject) => {
      const waiters = waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      if (running) return;
      running = true;
      // After the microtasks already queued: lookups asked for in the same turn go together.
      queueMicrotask(() => void run());
    });
}
