import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Keeps SQLite's checkpoints off the thread that commits.
 *
 * In WAL mode every commit appends pages to the log, and a checkpoint copies them back into the
 * database file, with an fsync of the log before and of the file after. SQLite's automatic
 * checkpoint runs inside the commit that crosses its threshold, so that one commit (and, in a
 * server, every request queued behind it) waits for the disk: measured here, checkpoints were
 * about half of the engine's cost per event and set the HTTP tail latency.
 *
 * Here a worker thread runs PASSIVE checkpoints, which take no lock a writer needs, every few
 * milliseconds. A log that is never completely copied at the moment a write begins is never
 * reset, though, so it would grow without end under a steady load; when the worker reports a
 * long log it has just copied to the end, the committing thread runs one PASSIVE checkpoint itself
 * after a commit: it copies only the few pages written since (one short fsync each side) and the
 * next write starts the log again from its beginning.
 *
 * Durability is SQLite's own: checkpoints never make a commit more or less durable, only move
 * pages from one file to the other. If the worker fails, the connection falls back to SQLite's
 * automatic checkpoint.
 */
export interface WalCheckpointer {
  /** Call after each commit, outside any transaction. Cheap unless the log is due for its reset. */
  afterCommit(): void;
  /** Stops checkpointing this file; the worker's connection is closed when this resolves. */
  close(): Promise<void>;
}

/** A log of this many pages (about 16 MB), copied to its end, is reset by the committing thread. */
const RESET_AT_PAGES = 4000;
/**
 * Automatic checkpoint threshold while the worker runs: a safety net that only a worker far
 * behind lets the log reach. Connections to the same file that are not stores (the server's
 * tables) set it too, since any connection's commit checkpoints when the log is longer than its own setting.
 */
export const BACKGROUND_AUTOCHECKPOINT_PAGES = 50_000;
/** SQLite's default, used when there is no worker. */
const INLINE_AUTOCHECKPOINT_PAGES = 1000;
const PASS_EVERY_MS = 100;
/**
 * The committing thread resets the log only on a report this fresh: the pages written since the
 * worker's pass are what its own checkpoint copies, while every request waits.
 */
const FRESH_REPORT_MS = 20;
const CLOSE_TIMEOUT_MS = 5000;

type WorkerReport = { id: number; log?: number; checkpointed?: number; error?: string } | { closed: number };

interface Shared {
  worker: Worker;
  nextId: number;
  reports: Map<number, (report: WorkerReport) => void>;
  pendingCloses: number;
  failed: boolean;
}

let shared: Shared | undefined;

/** One worker thread serves every database of the process; it never keeps the process alive. */
function sharedWorker(): Shared {
  if (shared && !shared.failed) return shared;
  const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
    workerData: {
      sqlite: createRequire(import.meta.url).resolve('better-sqlite3'),
      passEveryMs: PASS_EVERY_MS,
      resetAtPages: RESET_AT_PAGES,
    },
    // The worker must not inherit a TypeScript loader or test-runner flags from this process.
    execArgv: [],
  });
  worker.unref();
  const state: Shared = { worker, nextId: 1, reports: new Map(), pendingCloses: 0, failed: false };
  worker.on('message', (report: WorkerReport) => {
    const id = 'closed' in report ? report.closed : report.id;
    state.reports.get(id)?.(report);
  });
  const fail = () => {
    state.failed = true;
    for (const handler of state.reports.values()) handler({ id: -1, error: 'checkpoint worker stopped' });
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  shared = state;
  return state;
}

/**
 * For tests: stops the worker thread as a crash would; the connections it served fall back to SQLite's own checkpoints.
 */
export async function stopCheckpointWorker(): Promise<void> {
  await shared?.worker.terminate();
}

/** Starts background checkpoints for `db`, a connection in WAL mode to the file `file`. */
export function startWalCheckpointer(db: Database.Database, file: string): WalCheckpointer {
  const state = sharedWorker();
  const id = state.nextId++;
  let dueForReset = false;
  let reportedAt = 0;
  let active = true;
  let onClosed: (() => void) | undefined;
  const fallBack = () => {
    if (!active) return;
    active = false;
    state.reports.delete(id);
    if (db.open) db.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
    onClosed?.();
  };
  state.reports.set(id, (report) => {
    if ('closed' in report) return onClosed?.();
    // A worker that fails while this file is being closed has let go of it too.
    if (report.error !== undefined) return active ? fallBack() : onClosed?.();
    if ((report.log ?? 0) >= RESET_AT_PAGES && report.checkpointed === report.log) {
      dueForReset = true;
      reportedAt = performance.now();
    }
  });
  db.pragma(`wal_autocheckpoint = ${BACKGROUND_AUTOCHECKPOINT_PAGES}`);
  state.worker.postMessage({ open: id, file });
  return {
    afterCommit() {
      if (!dueForReset || !active) return;
      dueForReset = false;
      if (performance.now() - reportedAt > FRESH_REPORT_MS) return;
      // PASSIVE never waits: if the worker is mid-pass this does nothing and the next report retries.
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    close() {
      if (!active) return Promise.resolve();
      active = false;
      return new Promise<void>((resolve) => {
        // The reply must arrive even when nothing else keeps the process alive.
        if (state.pendingCloses++ === 0) state.worker.ref();
        const done = () => {
          clearTimeout(timer);
          onClosed = undefined;
          state.reports.delete(id);
          if (--state.pendingCloses === 0) state.worker.unref();
          resolve();
        };
        const timer = setTimeout(done, CLOSE_TIMEOUT_MS);
        onClosed = done;
        if (state.failed) done();
        else state.worker.postMessage({ close: id });
      });
    },
  };
}
