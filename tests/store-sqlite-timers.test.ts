import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../engine/store/migrations.ts';
import { openSqliteStore } from '../engine/store/sqlite-store.ts';
import { createTimerKeys } from '../engine/store/sqlite-timer-keys.ts';
import { TimerAlreadyFiredError } from '../engine/store/store-errors.ts';
import { caseRecord, outboxEntry, step, T0, timer } from './fixtures/store/builders.ts';

// The timers table is keyed by (due_at, id) and the SQLite store finds a timer named by id through
// the due times it keeps in memory: these tests are about that map staying true to the file.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serviceframe-timers-'));
let files = 0;
const newFile = () => path.join(dir, `timers-${++files}.db`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rowsOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT id, due_at FROM timers ORDER BY due_at, id').raw().all();
  db.close();
  return rows;
};
const timers = (...list: [string, number][]) => ({ timers: { schedule: list.map(([id, dueAt]) => timer(id, 'c1', T0 + dueAt)), cancel: [] } });
const cancel = (...ids: string[]) => ({ timers: { schedule: [], cancel: ids } });
const c1 = caseRecord('c1');

describe('sqlite timers keyed by due time', () => {
  it('migrates stored timers to the (due_at, id) key with the same rows and due order, and fires and cancels them by id', async () => {
    // given a file at the version before the migration, holding timers (ties, ids against due order)
    const source = newFile();
    const writer = openSqliteStore(source);
    await writer.commit(step(0, c1, timers(['z', 10], ['a', 30], ['m', 10], ['b', 20], ['keep', 40])));
    await writer.close();
    const file = newFile();
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'timers keyed by due time')));
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'timers_by_due'").pluck().get()).toBe('timers_by_due');
    old.exec(`ATTACH '${source}' AS src`);
    const tables = old.prepare("SELECT name FROM src.sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'timers')").pluck().all() as string[];
    for (const table of tables) old.exec(`INSERT INTO main.${table} SELECT * FROM src.${table}`);
    old.exec('INSERT INTO timers (id, case_id, due_at, event) SELECT id, case_id, due_at, event FROM src.timers');
    old.exec('DETACH src');
    const before = old.prepare('SELECT id, case_id, due_at, event FROM timers ORDER BY due_at, id').all();
    old.close();
    // when the store opens it
    const store = openSqliteStore(file);
    // then the rows are the same, in the same due order, and timers_by_due is gone
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT id, case_id, due_at, event FROM timers').all()).toEqual(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'timers' AND type = 'index' AND sql IS NOT NULL").pluck().all()).toEqual([]);
    expect(db.prepare("SELECT name FROM pragma_index_info('sqlite_autoindex_timers_1')").pluck().all()).toEqual(['due_at', 'id']);
    db.close();
    expect((await store.dueTimers(T0 + 100, 10)).map((t) => t.id)).toEqual(['m', 'z', 'b', 'a', 'keep']);
    // and the timers are found by id: one fired, one cancelled, one re-armed
    await store.commit(step(1, c1, { firedTimer: 'z', ...cancel('b') }));
    await store.commit(step(2, c1, timers(['a', 5])));
    expect(rowsOf(file)).toEqual([['a', T0 + 5], ['m', T0 + 10], ['keep', T0 + 40]]);
    await store.close();
  });

  it('re-arms a timer at another time as one row, and writes nothing for the cancel of an unknown id', async () => {
    const file = newFile();
    const store = openSqliteStore(file);
    await store.commit(step(0, c1, timers(['t', 10])));
    await store.commit(step(1, c1, timers(['t', 20])));
    await store.commit(step(2, c1, { firedTimer: 't', ...timers(['t', 5]) }));
    expect(rowsOf(file)).toEqual([['t', T0 + 5]]);
    await store.commit(step(3, c1, cancel('never-set')));
    expect(rowsOf(file)).toEqual([['t', T0 + 5]]);
    await store.close();
  });

  it('sees the timers another connection set, moved or cleared since its last write (PRAGMA data_version)', async () => {
    // given two stores on one file, each having written once (so each has read the timers)
    const file = newFile();
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    await b.commit(step(0, caseRecord('c0')));
    await a.commit(step(0, c1, timers(['t1', 10], ['t2', 20])));
    // when b cancels a's timer, a re-arms its other timer, and b fires it
    await b.commit(step(1, c1, cancel('t1')));
    await a.commit(step(2, c1, timers(['t2', 30])));
    await b.commit(step(3, c1, { firedTimer: 't2' }));
    // then both are gone, and a knows it
    expect(rowsOf(file)).toEqual([]);
    await expect(a.commit(step(4, c1, { firedTimer: 't2' }))).rejects.toBeInstanceOf(TimerAlreadyFiredError);
    // and a timer re-armed by the other store is still one row
    await a.commit(step(4, c1, timers(['t3', 5])));
    await b.commit(step(5, c1, timers(['t3', 15])));
    expect(rowsOf(file)).toEqual([['t3', T0 + 15]]);
    await a.commit(step(6, c1, cancel('t3')));
    expect(rowsOf(file)).toEqual([]);
    await a.close();
    await b.close();
  });

  it('forgets the timer writes of a commit that fails inside a group-commit batch, and keeps the others\'', async () => {
    // given timers t1 and t2
    const file = newFile();
    const store = openSqliteStore(file);
    await store.commit(step(0, c1, timers(['t1', 10], ['t2', 20])));
    // when commits written together include one that fires t1, re-arms t2, sets t4 and cancels t3,
    // then fails on its outbox entry (after its timer writes) and is rolled back to its savepoint
    const broken = { ...outboxEntry('o1', 'c1'), channel: null as unknown as string };
    const results = await Promise.allSettled([
      store.commit(step(1, c1, timers(['t3', 30]))),
      store.commit(step(2, c1, { firedTimer: 't1', timers: { schedule: [timer('t2', 'c1', T0 + 25), timer('t4', 'c1', T0 + 40)], cancel: ['t3'] }, outbox: [broken] })),
      store.commit(step(0, caseRecord('c2'), { timers: { schedule: [timer('t5', 'c2', T0 + 50)], cancel: [] } })),
      store.commit(step(2, c1, cancel('t2'))),
    ]);
    // then only that commit failed, and the timers are as if it had never been made
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(rowsOf(file)).toEqual([['t1', T0 + 10], ['t3', T0 + 30], ['t5', T0 + 50]]);
    // and the next commits fire and cancel by id correctly
    await store.commit(step(3, c1, { firedTimer: 't1', ...cancel('t3', 't4') }));
    expect(rowsOf(file)).toEqual([['t5', T0 + 50]]);
    await store.close();
  });

  it('fires a timer where another connection moved it while a batch of its commits could not start', async () => {
    // given a store that has written, and another connection holding the write lock
    const file = newFile();
    const store = openSqliteStore(file, { busyTimeoutMs: 0 });
    await store.commit(step(0, c1, timers(['t1', 10])));
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    // when a batch cannot start, and the other connection moves t1 meanwhile
    const results = await Promise.allSettled([store.commit(step(1, c1, cancel('t1'))), store.commit(step(0, caseRecord('c2')))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    other.exec(`DELETE FROM timers WHERE id = 't1'; INSERT INTO timers (id, case_id, due_at, event) VALUES ('t1', 'c1', ${T0 + 60}, '{}'); COMMIT`);
    other.close();
    // then the store fires t1 where it now is
    await store.commit(step(1, c1, { firedTimer: 't1' }));
    expect(rowsOf(file)).toEqual([]);
    await store.close();
  });
});

describe('timer keys (the map of due times by id)', () => {
  const source = (rows: [string, number][]) => {
    const state = { version: 1, rows, loads: 0 };
    return { state, keys: createTimerKeys({ dataVersion: () => state.version, load: () => (state.loads++, state.rows) }) };
  };

  it('loads at the first sync, and again only when the data version moves or after a rollback in doubt', () => {
    const { state, keys } = source([['t', 10]]);
    expect(state.loads).toBe(0);
    keys.sync();
    keys.sync();
    expect([state.loads, keys.dueOf('t')]).toEqual([1, 10]);
    state.rows = [['t', 20]];
    state.version = 2;
    keys.sync();
    expect([state.loads, keys.dueOf('t')]).toEqual([2, 20]);
    keys.rolledBack(false);
    keys.sync();
    expect(state.loads).toBe(2);
    keys.rolledBack(true);
    keys.sync();
    expect(state.loads).toBe(3);
  });

  it('shows a commit its own and earlier kept writes, and stores them only once the transaction commits', () => {
    const { keys } = source([['a', 1], ['b', 2]]);
    keys.sync();
    keys.stage('a', undefined);
    keys.stage('c', 3);
    expect([keys.dueOf('a'), keys.dueOf('c')]).toEqual([undefined, 3]);
    keys.keep();
    keys.stage('b', 5);
    keys.drop();
    expect([keys.dueOf('a'), keys.dueOf('b'), keys.dueOf('c')]).toEqual([undefined, 2, 3]);
    keys.rolledBack(false);
    expect([keys.dueOf('a'), keys.dueOf('b'), keys.dueOf('c')]).toEqual([1, 2, undefined]);
    keys.stage('b', undefined);
    keys.keep();
    keys.committed();
    expect([keys.dueOf('a'), keys.dueOf('b')]).toEqual([1, undefined]);
  });
});
