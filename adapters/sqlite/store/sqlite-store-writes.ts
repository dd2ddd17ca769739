import type Database from 'better-sqlite3';
import { createFlushTiming } from './flush-timing.ts';
import type { ConnectionStatements } from './sqlite-statements.ts';
import { createSqliteWriter, type OutboxChange } from './sqlite-writer.ts';
import type { Commit } from '../../../engine/store/store.ts';
import { StoreClosedError } from '../../../engine/store/store-errors.ts';

/** How the SQLite store's writes reach its writing connection: inline, or through its writer thread. */
export interface StoreWrites {
  /** Resolves once the commit's transaction has committed; rejects with its error otherwise. */
  commit(commit: Commit): Promise<void>;
  updateOutbox(id: string, change: OutboxChange): Promise<void>;
  /** Writes the commits still queued, then stops writing. */
  close(): Promise<void>;
}

/**
 * Writes on the store's own connection, in the calling thread (writer 'inline').
 *
 * Group commit: commits queued together (see flush-timing.ts for when the queue is written) go in
 * one transaction, so one COMMIT acknowledges them all and a conflict in one fails only that one.
 * Each promise resolves after COMMIT, so nothing is acknowledged before it is durable.
 */
export function inlineWrites(db: Database.Database, file: string, statements: ConnectionStatements): StoreWrites {
  const writer = createSqliteWriter(db, file, statements);
  type Queued = { commit: Commit; resolve: () => void; reject: (e: unknown) => void };
  let queue: Queued[] = [];
  const flushQueue = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return; // close() flushed it already
    timing.flushed(batch.length);
    if (!db.open) {
      for (const item of batch) item.reject(new StoreClosedError());
      return;
    }
    const errors = writer.writeGroup(batch.map((item) => item.commit));
    batch.forEach((item, i) => (errors[i] === undefined ? item.resolve() : item.reject(errors[i])));
  };
  const timing = createFlushTiming(flushQueue);
  return {
    commit(commit) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ commit, resolve, reject });
        if (queue.length === 1) timing.schedule();
      });
    },
    async updateOutbox(id, change) {
      writer.updateOutbox(id, change);
    },
    async close() {
      if (queue.length) flushQueue();
      await writer.close();
    },
  };
}
