// covers: P-7
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../adapters/sqlite/store/sqlite-store.ts';
import { runningWriterThreads, terminateWriterThreads } from '../../../adapters/sqlite/store/sqlite-writer-thread.ts';
import type { Commit, Store } from '../../../engine/store/store.ts';
import { StaleVersionError } from '../../../engine/store/store.ts';
import {
  InvalidCommitError,
  OutboxNotFoundError,
  StoreClosedError,
  StoreWriterStoppedError,
  TimerAlreadyFiredError,
} from '../../../engine/store/store-errors.ts';
import { caseEvent, caseRecord, outboxEntry, step, T0 } from '../../fixtures/store/builders.ts';
import { describeStoreContract } from '../../engine/store/store-contract.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serviceframe-store-thread-'));
let files = 0;
const newFile = () => path.join(dir, `store-${++files}.db`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite (writer thread)', () => openSqliteStore(newFile(), { writer: 'thread' }));

/** What a caller can test of an error: its class, message and own fields. */
const shape = (error: unknown) => ({
  class: (error as object).constructor,
  message: (error as Error).message,
  fields: { ...(error as object) },
});
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('resolved'),
    (error: unknown) => error,
  );

describe('sqlite store with a writer thread', () => {
  it('rejects a commit with the error the inline store gives, of the same class and with the same fields', async () => {
    // given the same history in an inline store and a threaded one
    const stores = [openSqliteStore(newFile()), openSqliteStore(newFile(), { writer: 'thread' })];
    const record = caseRecord('c1');
    const wrong: Commit[] = [
      step(0, record), // stale: the case is at version 1
      { ...step(1, record), events: [caseEvent('c1', 5)] }, // invalid: seq 5 does not follow 1
      step(1, record, { firedTimer: 'never-armed' }),
      step(1, record, { outbox: [outboxEntry('o1', 'c1', { channel: null as unknown as string })] }), // NOT NULL, from SQLite
    ];
    const errors: unknown[][] = [];
    for (const store of stores) {
      await store.commit(step(0, record));
      // when each wrong commit is made, and an unknown outbox entry updated
      errors.push([
        ...(await Promise.all(wrong.map((commit) => rejection(store.commit(commit))))),
        await rejection(
          store.updateOutbox('nope', { status: 'sent', attempts: 1, lastError: null, sentAt: T0, notBefore: T0 }),
        ),
      ]);
    }
    // then the threaded store's errors are the inline store's
    const [inline, threaded] = errors as [unknown[], unknown[]];
    expect(threaded.map(shape)).toEqual(inline.map(shape));
    expect(threaded[0]).toBeInstanceOf(StaleVersionError);
    expect(threaded[0]).toMatchObject({ code: 'STALE_VERSION', caseId: 'c1', expected: 0, actual: 1 });
    expect(threaded[1]).toBeInstanceOf(InvalidCommitError);
    expect((threaded[1] as InvalidCommitError).problems.map((p) => p.path)).toContain('/events/0/seq');
    expect(threaded[2]).toBeInstanceOf(TimerAlreadyFiredError);
    expect(threaded[2]).toMatchObject({ code: 'TIMER_ALREADY_FIRED', timerId: 'never-armed' });
    expect(threaded[3]).toBeInstanceOf(Database.SqliteError);
    expect(threaded[3]).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(threaded[4]).toBeInstanceOf(OutboxNotFoundError);
    // and the commit that failed in the group wrote nothing
    expect((await stores[1]!.history('c1')).length).toBe(1);
    for (const store of stores) await store.close();
  });

  it('writes the commits still pending when it is closed, and refuses commits after', async () => {
    // given commits made and not awaited
    const file = newFile();
    const store = openSqliteStore(file, { writer: 'thread' });
    const record = caseRecord('c1');
    await store.commit(step(0, record));
    const pending = [1, 2, 3].map((from) => store.commit(step(from, record)));
    // when the store is closed at once
    await store.close();
    // then each was acknowledged, is in the file, and the closed store refuses more
    await Promise.all(pending);
    await expect(store.commit(step(4, record))).rejects.toBeInstanceOf(StoreClosedError);
    const reopened = openSqliteStore(file);
    expect((await reopened.history('c1')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    await reopened.close();
  });

  it('rejects the pending and every later commit when the writer thread dies, keeps reading, and still closes', async () => {
    // given a store that wrote a case
    const store: Store = openSqliteStore(newFile(), { writer: 'thread' });
    const record = caseRecord('c1');
    await store.commit(step(0, record));
    // when its writer thread is terminated with commits in flight
    const pending = store.commit(step(1, record));
    await terminateWriterThreads();
    // then they fail with a clear error, not a hang, and so do later writes
    await expect(pending).rejects.toBeInstanceOf(StoreWriterStoppedError);
    await expect(store.commit(step(1, record))).rejects.toThrow(/writer thread stopped/);
    await expect(
      store.updateOutbox('o1', { status: 'sent', attempts: 1, lastError: null, sentAt: T0, notBefore: T0 }),
    ).rejects.toBeInstanceOf(StoreWriterStoppedError);
    // while what was acknowledged can still be read, and close resolves
    expect((await store.getCase('c1'))?.version).toBe(1);
    await store.close();
  });

  // The store's own connection opens (and migrates) the file before the thread starts, so a file
  // unfit for the thread is made so in between: the thread loads its modules before it opens it.
  it.each([
    ['is gone', (file: string) => fs.rmSync(file), /unable to open database file/],
    // (its log and index go too, or the thread would read the store's pages from the log)
    [
      'is not a SQLite database',
      (file: string) => {
        for (const part of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(part, { force: true });
        fs.writeFileSync(file, 'not a database\n'.repeat(100));
      },
      /file is not a database/,
    ],
  ])(
    'rejects every write with StoreWriterStoppedError when the file the thread opens %s, keeps reading, and still closes',
    async (_, spoil, cause) => {
      // given a store with a writer thread whose file is spoiled before the thread opens it
      const before = runningWriterThreads();
      const file = newFile();
      const store = openSqliteStore(file, { writer: 'thread' });
      spoil(file);
      expect(runningWriterThreads()).toBe(before + 1);
      // when a commit is made while the thread is starting, and another once it has failed
      const first = await rejection(store.commit(step(0, caseRecord('c1'))));
      const later = await rejection(store.commit(step(0, caseRecord('c2'))));
      // then both fail with the thread's reason, naming the file, not a hang
      for (const error of [first, later]) {
        expect(error).toBeInstanceOf(StoreWriterStoppedError);
        expect((error as Error).message).toMatch(cause);
        expect((error as Error).message).toContain(file);
      }
      await expect(
        store.updateOutbox('o1', { status: 'sent', attempts: 1, lastError: null, sentAt: T0, notBefore: T0 }),
      ).rejects.toBeInstanceOf(StoreWriterStoppedError);
      // and reads go on, close resolves, and no thread is left running
      expect(await store.getCase('c1')).toBeUndefined();
      await store.close();
      expect(runningWriterThreads()).toBe(before);
    },
  );

  it('does not keep the process alive when idle, and keeps it alive until close resolves', async () => {
    // given a script that uses one store with a writer thread and never closes it, and closes another
    const file = newFile();
    const other = newFile();
    const script = path.join(dir, 'idle.mts');
    const root = path.resolve(import.meta.dirname, '../../..');
    fs.writeFileSync(
      script,
      `
      import { openSqliteStore } from ${JSON.stringify(path.join(root, 'adapters/sqlite/store/sqlite-store.ts'))};
      import { caseRecord, step } from ${JSON.stringify(path.join(root, 'tests/fixtures/store/builders.ts'))};
      const store = openSqliteStore(${JSON.stringify(file)}, { writer: 'thread' });
      await store.commit(step(0, caseRecord('c1')));
      console.log('committed');
      const closing = openSqliteStore(${JSON.stringify(other)}, { writer: 'thread' });
      await closing.commit(step(0, caseRecord('c1')));
      await closing.close();
      console.log('closed');
    `,
    );
    // when it runs, then it ends by itself, after its last await (an unsettled one would exit with code 13)
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: root, timeout: 20_000 }).toString();
    expect(out).toContain('committed');
    expect(out).toContain('closed');
  });
});
