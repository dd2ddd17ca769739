// The background half of wal-checkpointer.ts, run in a worker thread. Plain JavaScript so that it
// loads the same way under Node, tsx and vitest (a worker does not inherit a TypeScript loader
// registered with register()).
//
// For every database the main thread opens here, it copies the write-ahead log back into the
// database file with PASSIVE checkpoints: they take no lock a writer needs, so the main thread
// keeps committing while this thread waits for the disk (the WAL fsync before the copy and the
// database fsync after it are the slow part: tens of milliseconds for a few thousand pages).
// After each pass it reports how far the log goes and how much of it is now in the file; the
// main thread uses that to reset the log (see wal-checkpointer.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const Database = createRequire(import.meta.url)(workerData.sqlite);
/** @type {Map<number, import('better-sqlite3').Database>} */
const open = new Map();
const PASS_EVERY_MS = workerData.passEveryMs;

parentPort.on('message', (message) => {
  if (message.open !== undefined) {
    try {
      const db = new Database(message.file, { fileMustExist: true });
      // Never wait for the writer: a busy pass is simply tried again at the next tick.
      db.pragma('busy_timeout = 0');
      open.set(message.open, db);
    } catch (error) {
      parentPort.postMessage({ id: message.open, error: String(error?.message ?? error) });
    }
  } else if (message.close !== undefined) {
    open.get(message.close)?.close();
    open.delete(message.close);
    parentPort.postMessage({ closed: message.close });
  }
});

// A long log is followed up at once with more passes, each copying what was written during the
// one before, until a pass finds almost nothing new: then the main thread's own final pass (the
// one that lets the log start again) has only those few pages left to copy.
const FOLLOW_UP_BELOW_PAGES = 64;
const MAX_FOLLOW_UPS = 8;

function pass(db) {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  return result;
}

setInterval(() => {
  for (const [id, db] of open) {
    try {
      let result = pass(db);
      if (result.log === 0) continue;
      for (let i = 0; i < MAX_FOLLOW_UPS && result.log >= workerData.resetAtPages; i++) {
        const next = pass(db);
        const grew = next.log - result.log;
        result = next;
        if (grew >= 0 && grew < FOLLOW_UP_BELOW_PAGES) break;
      }
      parentPort.postMessage({ id, log: result.log, checkpointed: result.checkpointed });
    } catch (error) {
      // A busy database (another checkpoint running) is retried next tick; anything else is reported.
      if (error?.code !== 'SQLITE_BUSY') parentPort.postMessage({ id, error: String(error?.message ?? error) });
    }
  }
}, PASS_EVERY_MS);
