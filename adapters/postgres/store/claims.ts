/**
 * Claims on due timers and ready outbox entries, so that with several nodes each is worked on by
 * one node at a time. A claim is a session advisory lock, `pg_try_advisory_lock(kind, hashtext(id))`,
 * on one connection this store keeps for the purpose, taken on rows read `FOR UPDATE SKIP LOCKED`
 * (so a row another node's firing commit is deleting right now is skipped too).
 *
 * Why not only row locks: the claim is read by one call (dueTimers, pendingOutbox) and consumed by
 * another (the firing commit, updateOutbox), each its own transaction; a row lock held by the
 * claiming transaction would block the consuming one. An advisory lock held by the session does
 * not, and ends with it: a node that dies mid-fire releases its claims at once.
 *
 * A claim is an optimisation, not the guarantee: a timer fires once because the firing commit
 * deletes its row under the store's write lock (commit-writer.ts) and a second commit for it is
 * refused (TimerAlreadyFiredError). Claims keep two nodes from doing the same work — and, for the
 * outbox, from sending the same notification twice. They are released when consumed, and all of a
 * kind when the same kind is claimed again (the scheduler asks again once the last batch is done).
 */
import type pg from 'pg';
import type { PostgresConnection } from '../connection.ts';
import { isConnectionLoss, storeErrorOf } from '../connection.ts';

/** The first key of each kind's advisory locks (the second is hashtext of the id). */
export const ClaimKind = { timer: 0x5346_5449, outbox: 0x5346_4f42 } as const;
export type ClaimKind = (typeof ClaimKind)[keyof typeof ClaimKind];

export interface Claims {
  /**
   * Runs `sql`, whose rows carry `claim_key`, after releasing what this store held of `kind`;
   * keeps the keys of the rows returned as held. The query must lock with
   * pg_try_advisory_lock(kind, claim_key) and return only what it locked.
   */
  claim<R extends { id: string; claim_key: number }>(kind: ClaimKind, sql: string, values: unknown[]): Promise<R[]>;
  /** Releases the claim on `id` of `kind`, if this store holds it. */
  release(kind: ClaimKind, id: string): Promise<void>;
  close(): Promise<void>;
}

export function createClaims(conn: PostgresConnection): Claims {
  let client: pg.PoolClient | undefined;
  // Per kind: id → its key, and key → how many times this session locked it (locks stack).
  const held = new Map<ClaimKind, { ids: Map<string, number>; counts: Map<number, number> }>();
  const of = (kind: ClaimKind) => {
    let h = held.get(kind);
    if (!h) held.set(kind, (h = { ids: new Map(), counts: new Map() }));
    return h;
  };
  // One call at a time on the claim connection, so releases and claims do not interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };
  const session = async (): Promise<pg.PoolClient> => {
    if (client) return client;
    const c = await conn.connect();
    c.on('error', () => {});
    return (client = c);
  };
  const run = async <R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> => {
    const c = await session();
    try {
      return (await c.query<R>(sql, values)).rows;
    } catch (error) {
      if (isConnectionLoss(error)) {
        // The session is gone and its locks with it.
        c.release(error as Error);
        client = undefined;
        held.clear();
      }
      throw storeErrorOf(error, conn.target);
    }
  };
  const unlock = async (kind: ClaimKind, keys: number[]) => {
    if (keys.length > 0) await run('SELECT pg_advisory_unlock($1, k) FROM unnest($2::int[]) AS k', [kind, keys]);
  };

  return {
    claim<R extends { id: string; claim_key: number }>(kind: ClaimKind, sql: string, values: unknown[]) {
      return serial(async () => {
        const h = of(kind);
        const keys = [...h.counts].flatMap(([key, count]) => Array<number>(count).fill(key));
        h.ids.clear();
        h.counts.clear();
        await unlock(kind, keys);
        const rows = await run<R>(sql, values);
        for (const row of rows) {
          h.ids.set(row.id, row.claim_key);
          h.counts.set(row.claim_key, (h.counts.get(row.claim_key) ?? 0) + 1);
        }
        return rows;
      });
    },
    release(kind, id) {
      return serial(async () => {
        const h = of(kind);
        const key = h.ids.get(id);
        if (key === undefined) return;
        h.ids.delete(id);
        const count = h.counts.get(key) ?? 0;
        if (count <= 1) h.counts.delete(key);
        else h.counts.set(key, count - 1);
        await unlock(kind, [key]);
      });
    },
    close() {
      return serial(async () => {
        held.clear();
        // Releasing the connection to the pool would keep its locks: end it instead.
        client?.release(true);
        client = undefined;
      });
    },
  };
}
