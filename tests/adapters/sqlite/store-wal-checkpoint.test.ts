import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../adapters/sqlite/store/sqlite-store.ts';
import {
  BACKGROUND_AUTOCHECKPOINT_PAGES,
  stopCheckpointWorker,
} from '../../../adapters/sqlite/store/wal-checkpointer.ts';
import { caseRecord, step } from '../../fixtures/store/builders.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serviceframe-wal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PAGE = 4096;
const walPages = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size / PAGE : 0);

/** The checkpoint sequence number in the log's header (bytes 12-15), which SQLite increments each time the log starts over. */
function restartsOf(file: string): number {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(`${file}-wal`, 'r');
  try {
    return fs.readSync(fd, header, 0, 16, 0) === 16 ? header.readUInt32BE(12) : 0;
  } finally {
    fs.closeSync(fd);
  }
}

describe('background WAL checkpoints', () => {
  it('starts the log over again and again while commits keep coming, which SQLite alone does only past its threshold', async () => {
    // given a store on a file, written at a steady pace (about a thousand commits a second, each
    // some pages of log) that never leaves the log idle
    const file = path.join(dir, 'steady.db');
    const store = openSqliteStore(file);
    const filler = 'x'.repeat(3000);
    const firstRestarts = restartsOf(file);
    let i = 0;
    let largestLog = 0;
    const deadline = Date.now() + 20_000;
    // when commits continue until the log has started over twice (or the deadline passes)
    while (restartsOf(file) < firstRestarts + 2 && Date.now() < deadline) {
      const record = caseRecord(`c${i++}`, { data: { filler } });
      await store.commit(step(0, record));
      await new Promise((resolve) => setTimeout(resolve, 1));
      largestLog = Math.max(largestLog, walPages(file));
    }
    // then it did, long before the log reached the connection's own automatic threshold (SQLite
    // counts a restart in the log's header; the file keeps its largest size)
    expect(restartsOf(file)).toBeGreaterThanOrEqual(firstRestarts + 2);
    expect(largestLog).toBeLessThan(BACKGROUND_AUTOCHECKPOINT_PAGES / 2);
    // and everything committed is there
    expect(await store.countCases()).toBe(i);
    await store.close();
  });

  it("falls back to SQLite's own checkpoints when the worker thread dies, and a new store gets a new worker", async () => {
    // given a store whose worker thread is gone
    const file = path.join(dir, 'fallback.db');
    const store = openSqliteStore(file);
    await store.commit(step(0, caseRecord('c0')));
    await stopCheckpointWorker();
    // when commits continue past SQLite's default threshold (1,000 pages)
    const filler = 'x'.repeat(3000);
    const before = restartsOf(file);
    for (let i = 1; i < 800 && restartsOf(file) === before; i++)
      await store.commit(step(0, caseRecord(`c${i}`, { data: { filler } })));
    // then the connection checkpointed by itself and the log started over
    expect(restartsOf(file)).toBeGreaterThan(before);
    await store.close();
    // and a store opened afterwards has a worker again, whose connection close() waits for
    const next = path.join(dir, 'after-fallback.db');
    const again = openSqliteStore(next);
    await again.commit(step(0, caseRecord('c1')));
    await again.close();
    expect(fs.existsSync(`${next}-wal`)).toBe(false);
  });

  it('lets go of the file on close, so the last connection folds the log into the database and removes it', async () => {
    // given a store that committed (the worker has the file open too)
    const file = path.join(dir, 'close.db');
    const store = openSqliteStore(file);
    await store.commit(step(0, caseRecord('c1')));
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    // when it closes
    await store.close();
    // then no connection is left: SQLite removed the log, and the database alone holds the case
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
    db.close();
  });
});
