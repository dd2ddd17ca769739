import { Worker } from 'node:worker_threads';
import { createFlushTiming } from './flush-timing.ts';
import type { SqliteConnectionOptions } from './sqlite-connection.ts';
import type { StoreWrites } from './sqlite-store-writes.ts';
import type { FromWriter, ToWriter, WriterThreadData } from './sqlite-writer-protocol.ts';
import { errorFromWire } from './store-error-wire.ts';
import { StoreClosedError, StoreWriterStoppedError } from '../../../engine/store/store-errors.ts';

type Settle = { resolve: () => void; reject: (error: unknown) => void };

/** Writer threads alive in this process, for the tests that stop one as a crash would. */
const running = new Set<Worker>();

/** For tests: how many writer threads are running in this process. */
export function runningWriterThreads(): number {
  return running.size;
}

/** For tests: terminates every writer thread, as a crash would. */
export async function terminateWriterThreads(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.terminate()));
}

/**
 * Writes through a worker thread that owns the writing connection (writer 'thread'): the calling
 * thread only turns each commit into one JSON string and posts the queued ones together; planning,
 * hashing, the statements and the COMMIT run on the other core. Each commit resolves when the
 * thread reports its transaction committed, so, as inline, nothing is acknowledged before it is
 * durable, and a read issued after that (a new read transaction in WAL mode) sees it.
 *
 * If the thread dies, or fails to open the file as it starts, every commit it has not acknowledged,
 * and every later one, rejects with StoreWriterStoppedError naming the reason; close() still resolves.
 */
export function startSqliteWriterThread(file: string, options: SqliteConnectionOptions): StoreWrites {
  const data: WriterThreadData = { file, options, module: new URL('./sqlite-writer-worker.ts', import.meta.url).href };
  const worker = new Worker(new URL('./sqlite-writer-worker.mjs', import.meta.url), {
    workerData: data,
    // The entry registers its own TypeScript loader; it must not inherit this process's flags (a test runner's).
    execArgv: [],
  });
  running.add(worker);
  // An idle writer never keeps the process alive; one with requests in flight does, until they are answered.
  worker.unref();
  // Requests sent and not yet answered, oldest first (answers come in the order sent).
  const waiting: Settle[] = [];
  let answered = 0;
  let stopped: string | undefined;
  let closed = false;

  const settle = (message: FromWriter) => {
    const errors = message.errors;
    let e = 0;
    for (let i = 0; i < message.count; i++) {
      const item = waiting[answered++]!;
      if (errors !== undefined && e < errors.length && errors[e]![0] === i) item.reject(errorFromWire(errors[e++]![1]));
      else item.resolve();
    }
    if (answered === waiting.length) {
      waiting.length = 0;
      answered = 0;
      // A closing store waits for the thread to exit, which must happen even with nothing else to do.
      if (!closed) worker.unref();
    } else if (answered >= 1024) {
      // Under a steady load requests are always in flight: drop the answered ones now and then.
      waiting.splice(0, answered);
      answered = 0;
    }
  };
  const send = (request: ToWriter, items: readonly Settle[]) => {
    if (waiting.length === answered) worker.ref();
    for (const item of items) waiting.push(item);
    worker.postMessage(request);
  };
  const stop = (reason: string) => {
    if (stopped !== undefined) return;
    stopped = reason;
    running.delete(worker);
    for (let i = answered; i < waiting.length; i++) waiting[i]!.reject(new StoreWriterStoppedError(reason));
    waiting.length = 0;
    answered = 0;
    for (const item of queued) item.reject(new StoreWriterStoppedError(reason));
    queued = [];
    json = [];
  };
  const exited = new Promise<void>((resolve) => {
    worker.on('message', settle);
    worker.on('error', (error: unknown) => stop(reasonOf(error)));
    worker.on('exit', (code) => {
      stop(closed ? 'closed' : `exited with code ${code}`);
      resolve();
    });
  });

  // Commits queued for the next post, with their JSON (see flush-timing.ts for when that is).
  let queued: Settle[] = [];
  let json: string[] = [];
  const flushQueue = () => {
    if (queued.length === 0) return;
    const items = queued;
    const commits = json.length === 1 ? `[${json[0]}]` : `[${json.join(',')}]`;
    queued = [];
    json = [];
    timing.flushed(items.length);
    send({ kind: 'commits', json: commits }, items);
  };
  const timing = createFlushTiming(flushQueue);

  return {
    commit(commit) {
      return new Promise<void>((resolve, reject) => {
        if (closed) throw new StoreClosedError();
        if (stopped !== undefined) throw new StoreWriterStoppedError(stopped);
        // JSON is what the store keeps anyway; a commit JSON cannot print is refused here, alone.
        json.push(JSON.stringify(commit));
        if (queued.push({ resolve, reject }) === 1) timing.schedule();
      });
    },
    updateOutbox(id, change) {
      return new Promise<void>((resolve, reject) => {
        if (closed) throw new StoreClosedError();
        if (stopped !== undefined) throw new StoreWriterStoppedError(stopped);
        flushQueue(); // answered in the order asked, after the commits before it
        send({ kind: 'updateOutbox', id, change }, [{ resolve, reject }]);
      });
    },
    async close() {
      if (!closed) {
        closed = true;
        if (stopped === undefined) {
          flushQueue();
          send({ kind: 'close' }, [{ resolve: () => {}, reject: () => {} }]);
        }
      }
      await exited;
    },
  };
}

/**
 * Why the thread stopped, from its 'error' event. An Error thrown there arrives with its message;
 * a SqliteError as a plain object with only its `code`, which then is the reason.
 */
function reasonOf(error: unknown): string {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (typeof code === 'string') return code;
  return String(error);
}
