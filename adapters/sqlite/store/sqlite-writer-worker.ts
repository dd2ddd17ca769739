import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection } from './sqlite-connection.ts';
import { prepareConnectionStatements } from './sqlite-statements.ts';
import type { FromWriter, ToWriter, WriterThreadData } from './sqlite-writer-protocol.ts';
import { createSqliteWriter } from './sqlite-writer.ts';
import type { Commit } from '../../../engine/store/store.ts';
import { errorToWire } from './store-error-wire.ts';

/**
 * The body of the writer thread: its connection is the only one that writes the store's tables,
 * and it writes exactly as the inline store does (sqlite-writer.ts). Requests that arrived while
 * it was writing are taken together at the next turn: consecutive commits go in one transaction,
 * and each is answered once that transaction has committed.
 */
const port = parentPort!;
const { file, options } = workerData as WriterThreadData;
// The store's own connection migrated the file before starting this thread.
const db = openFile();
const writer = createSqliteWriter(db, file, prepareConnectionStatements(db));

let requests: ToWriter[] = [];
let closing = false;

port.on('message', (request: ToWriter) => {
  if (requests.push(request) === 1) setImmediate(run);
});

function run() {
  const batch = requests;
  requests = [];
  let commits: Commit[] = [];
  for (const request of batch) {
    if (closing) break; // the store sends nothing after close
    if (request.kind === 'commits') {
      for (const commit of JSON.parse(request.json) as Commit[]) commits.push(commit);
      continue;
    }
    if (commits.length) commits = writeGroup(commits);
    if (request.kind === 'updateOutbox') {
      try {
        writer.updateOutbox(request.id, request.change);
        reply({ count: 1 });
      } catch (error) {
        reply({ count: 1, errors: [[0, errorToWire(error)]] });
      }
    } else {
      closing = true;
      void close();
    }
  }
  if (commits.length) writeGroup(commits);
}

function writeGroup(commits: Commit[]): Commit[] {
  const errors = writer.writeGroup(commits);
  const failed: [number, ReturnType<typeof errorToWire>][] = [];
  errors.forEach((error, i) => failed.push([i, errorToWire(error)]));
  reply(failed.length ? { count: commits.length, errors: failed } : { count: commits.length });
  return [];
}

async function close() {
  await writer.close();
  db.close();
  reply({ count: 1 });
  // Nothing else keeps the thread alive: it ends, and the store sees it exit.
  port.close();
}

/**
 * An error thrown here ends the thread and reaches the store as its 'error' event, which keeps a
 * plain Error's message but not a SqliteError's (only its code crosses): so the reason is restated
 * in a plain Error, with the file it is about.
 */
function openFile() {
  try {
    return openSqliteConnection(file, options, { migrate: false });
  } catch (error) {
    const { message, code } = error as { message?: string; code?: string };
    throw new Error(`cannot open ${file} to write: ${message}${code ? ` (${code})` : ''}`);
  }
}

function reply(message: FromWriter) {
  port.postMessage(message);
}
