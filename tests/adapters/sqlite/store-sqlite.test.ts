// covers: P-7
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listCasesSql } from '../../../adapters/sqlite/store/list-cases-sql.ts';
import { auditStore } from '../../../engine/store/audit-store.ts';
import { migrate, MIGRATIONS } from '../../../adapters/sqlite/store/migrations.ts';
import { DUE_TIMERS_SQL, prepareStatements } from '../../../adapters/sqlite/store/sqlite-statements.ts';
import { openSqliteStore } from '../../../adapters/sqlite/store/sqlite-store.ts';
import { StaleVersionError } from '../../../engine/store/store.ts';
import { SchemaTooNewError } from '../../../engine/store/store-errors.ts';
import { verifyCaseChain } from '../../../engine/store/verify-chain.ts';
import { caseRecord, outboxEntry, step, T0, timer } from '../../fixtures/store/builders.ts';
import { describeStoreContract } from '../../engine/store/store-contract.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serviceframe-store-'));
let files = 0;
const newFile = () => path.join(dir, `store-${++files}.db`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', () => openSqliteStore(newFile()));

describe('sqlite store', () => {
  it('continues a case after the database is reopened, chaining to the stored hash', async () => {
    // given a case written and the store closed
    const file = newFile();
    const record = caseRecord('c1');
    const first = openSqliteStore(file);
    await first.commit(step(0, record, { timers: { schedule: [timer('t', 'c1', T0)], cancel: [] } }));
    await first.close();
    // when it is reopened and the case continued
    const second = openSqliteStore(file);
    await second.commit(step(1, record, { firedTimer: 't' }));
    // then
    const history = await second.history('c1');
    expect(history.map((e) => e.seq)).toEqual([1, 2]);
    expect(history[1]?.prevHash).toBe(history[0]?.hash);
    expect(verifyCaseChain(history)).toEqual([]);
    expect((await second.dayAnchors())[0]?.events).toBe(2);
    await second.close();
  });

  it("prepares each statement once on its connection, the inline writer's included", async () => {
    // given a file already migrated
    const file = newFile();
    await openSqliteStore(file).close();
    // when it is opened again (inline writer), watching every statement prepared and on which connection
    const byConnection = new Map<unknown, string[]>();
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    let store;
    try {
      store = openSqliteStore(file);
      prepare.mock.calls.forEach(([sql], i) => {
        const connection = prepare.mock.contexts[i];
        byConnection.set(connection, [...(byConnection.get(connection) ?? []), sql]);
      });
    } finally {
      prepare.mockRestore();
    }
    // then one connection prepared the reads and the writes, and no SQL twice
    expect(byConnection.size).toBe(1);
    const prepared = [...byConnection.values()][0]!;
    expect(prepared.filter((sql, i) => prepared.indexOf(sql) !== i)).toEqual([]);
    expect(prepared.filter((sql) => sql.includes('INSERT INTO events'))).toHaveLength(1);
    expect(prepared.filter((sql) => sql.includes('FROM day_anchors ORDER BY day'))).toHaveLength(1);
    // and it still writes and reads through them
    await store.commit(step(0, caseRecord('c1')));
    expect((await store.listCases({})).items.map((c) => c.id)).toEqual(['c1']);
    expect((await store.dayAnchors())[0]?.events).toBe(1);
    await store.close();
  });

  it('migrates a new file once, and leaves a current one alone', async () => {
    const file = newFile();
    await openSqliteStore(file).close();
    await openSqliteStore(file).close();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT version FROM migrations ORDER BY version').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('brings a database made by an earlier release up to date, keeping its data', async () => {
    // given a file at schema version 1 holding a row
    const file = newFile();
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.prepare("INSERT INTO meta (key, value) VALUES ('written-by', 'release 1')").run();
    old.close();
    // when the current store opens it and writes to every table
    const store = openSqliteStore(file);
    await store.commit(
      step(0, caseRecord('c1'), { userFacts: [{ username: 'dave', fact: 'qualified', value: true }] }),
    );
    expect(await store.userFacts('dave')).toEqual({ qualified: true });
    await store.close();
    // then it is at the last version, with each step recorded once
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT version FROM migrations ORDER BY version').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    expect(db.prepare("SELECT value FROM meta WHERE key = 'written-by'").pluck().get()).toBe('release 1');
    db.close();
  });

  it('moves a version-3 history to the current tables with its order, hashes, anchors, timers, cases, chains and append-only rule', async () => {
    // given a history written by the current store, and the same rows in a file at schema version 3
    const source = newFile();
    const store = openSqliteStore(source);
    await store.commit(
      step(0, caseRecord('c1'), { timers: { schedule: [timer('t1', 'c1', T0 + 60_000)], cancel: [] } }),
    );
    await store.commit(step(0, caseRecord('c2')));
    await store.commit(step(1, caseRecord('c1'), {}, { at: T0 + 86_400_000 }));
    // (the current store keeps the newest day's anchor in its event row; version 3 had every day's in day_anchors)
    const anchors = await store.dayAnchors();
    await store.close();
    const file = newFile();
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 3));
    old.exec(`ATTACH '${source}' AS src`);
    // (version 3 still had cases.data, which held the record's data)
    old.exec(`INSERT INTO cases (id, workflow, unit, state, active_states, done, owner, assignee, watchers, customer_user, version,
                                 created_at, updated_at, data, next_deadline, search_text, record)
        SELECT id, workflow, unit, state, active_states, done, owner, assignee, watchers, customer_user, version,
               created_at, updated_at, json_extract(record, '$.data'), next_deadline, search_text, record FROM src.cases;
      INSERT INTO events (case_id, seq, pos, type, actor, actor_unit, at, definition_version, data, from_states, to_states, effects, hash, prev_hash)
        SELECT case_id, seq, pos, type, actor, actor_unit, at, definition_version, data, from_states, to_states, effects, hash, prev_hash FROM src.events;
      INSERT INTO timers (id, case_id, due_at, event) SELECT id, case_id, due_at, event FROM src.timers;`);
    old.exec('DETACH src');
    for (const anchor of anchors)
      old.prepare('INSERT INTO day_anchors (day, hash, events) VALUES (@day, @hash, @events)').run(anchor);
    old.close();
    // when the current store opens it and continues a case
    const upgraded = openSqliteStore(file);
    await upgraded.commit(step(2, caseRecord('c1'), {}, { at: T0 + 86_400_000 }));
    // then the history reads, verifies and appends in the order it was written
    const appended = [];
    for await (const event of upgraded.allEventsForAudit('appended')) appended.push(`${event.caseId}/${event.seq}`);
    expect(appended).toEqual(['c1/1', 'c2/1', 'c1/2', 'c1/3']);
    expect(verifyCaseChain(await upgraded.history('c1'))).toEqual([]);
    expect(verifyCaseChain(await upgraded.history('c2'))).toEqual([]);
    expect((await upgraded.dayAnchors()).map((a) => a.events)).toEqual([2, 2]);
    expect((await upgraded.timersOf('c1')).map((t) => t.id)).toEqual(['t1']);
    expect((await upgraded.getCase('c2'))?.data).toEqual(caseRecord('c2').data);
    const byCase = [];
    for await (const event of upgraded.allEventsForAudit('case')) byCase.push(`${event.caseId}/${event.seq}`);
    expect(byCase).toEqual(['c1/1', 'c1/2', 'c1/3', 'c2/1']);
    expect((await upgraded.history('c1')).map((e) => e.seq)).toEqual([1, 2, 3]);
    await upgraded.close();
    const db = new Database(file);
    // each event links to its case's event before it (migration 9), the one appended after the upgrade too
    expect(db.prepare('SELECT pos, prev_pos FROM events ORDER BY pos').raw().all()).toEqual([
      [1, null],
      [2, null],
      [3, 1],
      [4, 3],
    ]);
    expect(db.prepare('SELECT id, last_pos FROM cases ORDER BY id').raw().all()).toEqual([
      ['c1', 4],
      ['c2', 2],
    ]);
    expect(() => db.prepare("UPDATE events SET type = 'x' WHERE case_id = 'c1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM events WHERE case_id = 'c2'").run()).toThrow(/append-only/);
    db.close();
  });

  it("reads a case's history along its chain of positions, with no index on events to write at each event", async () => {
    // given two cases written in turns, with a group commit in which one commit is stale
    const file = newFile();
    const store = openSqliteStore(file);
    await store.commit(step(0, caseRecord('a')));
    await store.commit(step(0, caseRecord('b')));
    const batch = await Promise.allSettled([
      store.commit(step(1, caseRecord('a'))),
      store.commit(step(0, caseRecord('b'))), // stale: b is at version 1
      store.commit(step(1, caseRecord('b'))),
      store.commit(step(2, caseRecord('a'))),
    ]);
    // then the stale one alone failed, and each history is whole, in order, and chained
    expect(batch.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await store.history('a')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await store.history('b')).map((e) => e.seq)).toEqual([1, 2]);
    expect(verifyCaseChain(await store.history('a'))).toEqual([]);
    expect(await store.history('nobody')).toEqual([]);
    await store.close();
    const db = new Database(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all()).toEqual([]);
    expect(db.prepare('SELECT pos, case_id, prev_pos FROM events ORDER BY pos').raw().all()).toEqual([
      [1, 'a', null],
      [2, 'b', null],
      [3, 'a', 1],
      [4, 'b', 2],
      [5, 'a', 3],
    ]);
    // and a tampered link that points at itself or forward cannot make the walk loop
    db.exec('DROP TRIGGER events_are_never_updated');
    db.prepare('UPDATE events SET prev_pos = 5 WHERE pos = 3').run();
    db.close();
    const reopened = openSqliteStore(file);
    expect((await reopened.history('a')).map((e) => e.seq)).toEqual([2, 3]);
    await reopened.close();
  });

  describe('day anchors (migration 10)', () => {
    const day2 = T0 + 86_400_000;
    const sealedRows = (file: string) => {
      const db = new Database(file, { readonly: true });
      const rows = db.prepare('SELECT day, hash, events FROM day_anchors ORDER BY day').all();
      db.close();
      return rows;
    };

    it('writes no day_anchors row while the events stay on one day, and seals a day once the newest event leaves it', async () => {
      // given three commits on one day
      const file = newFile();
      const store = openSqliteStore(file);
      const record = caseRecord('c1');
      for (let n = 0; n < 3; n++) await store.commit(step(n, record));
      // then the day's anchor is read from the newest event's row, and day_anchors is untouched
      expect((await store.dayAnchors()).map((a) => a.events)).toEqual([3]);
      expect(sealedRows(file)).toEqual([]);
      const firstDay = (await store.dayAnchors())[0];
      // when the next event is on the next day, the first day is sealed with its final anchor
      await store.commit(step(3, record, {}, { at: day2 }));
      expect(sealedRows(file)).toEqual([firstDay]);
      // and when the clock steps back to the first day, the second is sealed in turn
      await store.commit(step(4, record, {}, { at: T0 + 10_000 }));
      const anchors = await store.dayAnchors();
      expect(anchors.map((a) => [a.day, a.events])).toEqual([
        ['2024-03-01', 4],
        ['2024-03-02', 1],
      ]);
      expect(sealedRows(file)).toEqual([firstDay, anchors[1]]);
      expect((await auditStore(store)).problems).toEqual([]);
      await store.close();
    });

    it('continues the anchors of a database from before migration 10, whose events carry none', async () => {
      // given a history and its anchors in a file at the schema before migration 10
      const source = newFile();
      const store = openSqliteStore(source);
      await store.commit(step(0, caseRecord('c1')));
      await store.commit(step(0, caseRecord('c2'), {}, { at: day2 }));
      await store.commit(step(1, caseRecord('c1'), {}, { at: day2 + 1 }));
      const anchors = await store.dayAnchors();
      await store.close();
      const file = newFile();
      const old = new Database(file);
      migrate(
        old,
        MIGRATIONS.filter((m) => m.version < 10),
      );
      old.exec(`ATTACH '${source}' AS src`);
      old.exec(`INSERT INTO cases SELECT * FROM src.cases;
        INSERT INTO case_units SELECT * FROM src.case_units;
        INSERT INTO events (pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states, to_states, effects, hash, prev_hash, prev_pos)
          SELECT pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states, to_states, effects, hash, prev_hash, prev_pos FROM src.events;`);
      old.exec('DETACH src');
      for (const anchor of anchors)
        old.prepare('INSERT INTO day_anchors (day, hash, events) VALUES (@day, @hash, @events)').run(anchor);
      old.close();
      // when the current store opens it
      const upgraded = openSqliteStore(file);
      // then the old events carry no anchor, the anchors read as before and the audit passes
      const raw = new Database(file, { readonly: true });
      expect(
        raw.prepare('SELECT count(*) FROM events WHERE day_hash IS NULL AND day_events IS NULL').pluck().get(),
      ).toBe(3);
      raw.close();
      expect(await upgraded.dayAnchors()).toEqual(anchors);
      expect((await auditStore(upgraded)).problems).toEqual([]);
      // and commits continue the tail day from its day_anchors row, then switch days both ways
      await upgraded.commit(step(2, caseRecord('c1'), {}, { at: day2 + 2 }));
      expect((await upgraded.dayAnchors()).map((a) => a.events)).toEqual([1, 3]);
      await upgraded.commit(step(1, caseRecord('c2'), {}, { at: T0 + 5000 }));
      await upgraded.commit(step(3, caseRecord('c1'), {}, { at: day2 + 3 }));
      expect((await upgraded.dayAnchors()).map((a) => a.events)).toEqual([2, 4]);
      expect((await auditStore(upgraded)).problems).toEqual([]);
      await upgraded.close();
    });

    it('continues after the events and anchors another connection appended between its commits', async () => {
      // given two stores on one file (two nodes), each committing in turn, across a day boundary
      const file = newFile();
      const a = openSqliteStore(file);
      const b = openSqliteStore(file);
      await a.commit(step(0, caseRecord('c1')));
      await a.commit(step(1, caseRecord('c1'), {}, { at: T0 + 1000 }));
      await b.commit(step(0, caseRecord('c2'), {}, { at: T0 + 2000 }));
      // when each goes on after the other's commit (a store that kept its own last tail would reuse a position)
      await a.commit(step(2, caseRecord('c1'), {}, { at: T0 + 3000 }));
      await b.commit(step(1, caseRecord('c2'), {}, { at: day2 }));
      await a.commit(step(3, caseRecord('c1'), {}, { at: day2 + 1 }));
      await a.commit(step(4, caseRecord('c1'), {}, { at: day2 + 2 }));
      await b.commit(step(2, caseRecord('c2'), {}, { at: day2 + 3 }));
      // then the history is one chain of positions and both read the same anchors, which the audit confirms
      expect((await a.dayAnchors()).map((d) => `${d.day}:${d.events}`)).toEqual(['2024-03-01:4', '2024-03-02:4']);
      expect(await b.dayAnchors()).toEqual(await a.dayAnchors());
      expect(sealedRows(file).map((row) => (row as { day: string }).day)).toEqual(['2024-03-01']);
      expect((await a.history('c1')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect((await auditStore(a)).problems).toEqual([]);
      await a.close();
      await b.close();
    });

    it('undoes a seal with the rest of a commit that fails, alone or among commits queued together', async () => {
      const file = newFile();
      const store = openSqliteStore(file);
      const [a, b] = [caseRecord('a'), caseRecord('b')];
      await store.commit(step(0, a));
      await store.commit(step(0, b, {}, { at: day2 }));
      const before = await store.dayAnchors();
      // when a commit back on the first day (which seals the second) fails at its last write (types bypassed on purpose)
      const broken = (from: number, at: number) =>
        step(from, a, { outbox: [{ ...outboxEntry(`o${from}`, 'a'), channel: null as unknown as string }] }, { at });
      await expect(store.commit(broken(1, T0 + 5000))).rejects.toThrow(/NOT NULL/);
      // then nothing of it stays, the seal included
      expect(await store.dayAnchors()).toEqual(before);
      expect(sealedRows(file).map((row) => (row as { day: string }).day)).toEqual(['2024-03-01']);
      // and among commits written in one transaction, the ones after it see the history without it
      const results = await Promise.allSettled([
        store.commit(broken(1, T0 + 5000)),
        store.commit(step(1, b, {}, { at: day2 + 1 })),
        store.commit(step(1, a, {}, { at: T0 + 6000 })),
        store.commit(step(2, b, {}, { at: day2 + 2 })),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect((await store.dayAnchors()).map((d) => `${d.day}:${d.events}`)).toEqual(['2024-03-01:2', '2024-03-02:3']);
      expect((await auditStore(store)).problems).toEqual([]);
      await store.close();
    });
  });

  it('numbers its migrations 1, 2, 3… with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('applies only the pending steps of an older database, in one transaction', () => {
    const db = new Database(':memory:');
    const steps = [
      {
        version: 1,
        name: 'one',
        sql: 'CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE a (x);',
      },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x);' },
      { version: 3, name: 'three, broken', sql: 'CREATE TABLE c (x); CREATE TABLE a (x);' },
    ];
    expect(migrate(db, steps.slice(0, 1))).toEqual([1]);
    // a failing step rolls back the steps before it in the same run
    expect(() => migrate(db, steps)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('b', 'c')").all()).toEqual([]);
    expect(migrate(db, steps.slice(0, 2))).toEqual([2]);
    db.close();
  });

  it('refuses a database written by a newer version', async () => {
    const file = newFile();
    await openSqliteStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(SchemaTooNewError);
  });

  it('keeps the file in WAL mode and refuses, in the database itself, to change or delete events', async () => {
    const file = newFile();
    const store = openSqliteStore(file);
    await store.commit(step(0, caseRecord('c1')));
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const raw = new Database(file);
    expect(() => raw.prepare('UPDATE events SET data = ? WHERE case_id = ?').run('{}', 'c1')).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    raw.close();
    await store.close();
  });

  it('rolls back the whole commit when a write fails after the checks passed', async () => {
    // given a commit whose last write breaks a NOT NULL column (types bypassed on purpose)
    const store = openSqliteStore(newFile());
    const broken = step(0, caseRecord('c1'), {
      outbox: [{ ...outboxEntry('o1', 'c1'), channel: null as unknown as string }],
    });
    // when it is committed, the case and event rows written before the outbox row are undone too
    await expect(store.commit(broken)).rejects.toThrow(/NOT NULL/);
    expect(await store.getCase('c1')).toBeUndefined();
    expect(await store.history('c1')).toEqual([]);
    expect(await store.dayAnchors()).toEqual([]);
    await store.close();
  });

  it('detects a conflict between two connections to the same file', async () => {
    const file = newFile();
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    const record = caseRecord('c1');
    await a.commit(step(0, record));
    await a.commit(step(1, record));
    await expect(b.commit(step(1, record))).rejects.toBeInstanceOf(StaleVersionError);
    expect((await b.history('c1')).map((e) => e.seq)).toEqual([1, 2]);
    await a.close();
    await b.close();
  });

  it('backs up to a file that opens with the same history', async () => {
    const store = openSqliteStore(newFile());
    await store.commit(step(0, caseRecord('c1')));
    const copy = newFile();
    await store.backup(copy);
    await store.close();
    const restored = openSqliteStore(copy);
    expect(verifyCaseChain(await restored.history('c1'))).toHaveLength(0);
    expect(await restored.countCases()).toBe(1);
    await restored.close();
  });

  describe('query plans', () => {
    // one store file with the schema, closed (its close resolves once the writer thread let go)
    let file = '';
    beforeAll(async () => {
      file = newFile();
      await openSqliteStore(file).close();
    });
    const planOf = (sql: string, params: unknown) => {
      const db = new Database(file, { readonly: true });
      const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = (Array.isArray(params) ? statement.all(...params) : statement.all(params)) as { detail: string }[];
      db.close();
      return rows.map((r) => r.detail);
    };

    it("walks a case's history by rowid lookups, with no scan of the events", () => {
      const db = new Database(file, { readonly: true });
      const sql = (prepareStatements(db).history as unknown as { source: string }).source;
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('c1') as { detail: string }[]).map((r) => r.detail);
      db.close();
      expect(plan.filter((line) => /^SCAN events/.test(line))).toEqual([]);
      expect(plan).toContain('SEARCH events USING INTEGER PRIMARY KEY (rowid=?)');
    });

    it('finds due timers through the due-time index, with no scan and no sort', () => {
      const plan = planOf(DUE_TIMERS_SQL, [T0, 100]);
      expect(plan).toEqual([
        expect.stringMatching(/^SEARCH timers USING (COVERING )?INDEX timers_by_due \(due_at<\?\)$/),
      ]);
    });

    it("reads a unit's cases newest first from the unit index alone, with no sort", () => {
      const one = listCasesSql({ unit: 'u1' }, undefined, 51);
      expect(planOf(one.sql, one.params)).toEqual([
        expect.stringMatching(/^SEARCH cases USING COVERING INDEX cases_by_unit \(unit=\?\)$/),
      ]);
      const next = listCasesSql({ unit: 'u1' }, { updatedAt: T0, id: 'x' }, 51);
      expect(planOf(next.sql, next.params)).toEqual([
        expect.stringMatching(
          /^SEARCH cases USING COVERING INDEX cases_by_unit \(unit=\? AND \(updated_at,id\)<\(\?,\?\)\)$/,
        ),
      ]);
    });

    it("filters a unit's range (a workflow, say) without sorting it, and reads a customer's cases from their own index", () => {
      const ofUnit = listCasesSql({ workflow: 'repair', unit: 'u1' }, undefined, 51);
      expect(planOf(ofUnit.sql, ofUnit.params)).toEqual([
        expect.stringContaining('SEARCH cases USING INDEX cases_by_unit (unit=?)'),
      ]);
      const customer = listCasesSql({ customerUser: 'cust-1', units: ['u1', 'u2'] }, undefined, 51);
      const plan = planOf(customer.sql, customer.params);
      expect(plan[0]).toMatch(/^SEARCH cases USING INDEX cases_by_customer \(customer_user=\?\)$/);
      expect(plan.some((line) => /TEMP B-TREE/.test(line))).toBe(false);
    });
  });

  it('lists several units, or all, by merging their ranges: no recency index is written at each event', async () => {
    // given cases in three units updated in an interleaved order
    const file = newFile();
    const store = openSqliteStore(file);
    const units = ['u1', 'u2', 'u3'];
    for (let i = 0; i < 30; i++)
      await store.commit(
        step(0, caseRecord(`m${String(i).padStart(2, '0')}`, { unit: units[i % 3]!, updatedAt: T0 + ((i * 7) % 30) })),
      );
    // when read four at a time, over all units and over two
    const read = async (query: { units?: string[] }) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listCases({ ...query, limit: 4, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((c) => `${c.updatedAt - T0}:${c.id}`));
        cursor = page.next ?? undefined;
      } while (cursor);
      return seen;
    };
    const all = await read({});
    const two = await read({ units: ['u3', 'u1', 'u3'] });
    // then every case comes once, newest first, and the two units' cases are exactly theirs
    const byRecency = (a: string, b: string) => Number(b.split(':')[0]) - Number(a.split(':')[0]) || (b > a ? 1 : -1);
    expect(all).toHaveLength(30);
    expect([...all].sort(byRecency)).toEqual(all);
    expect(two).toEqual(all.filter((k) => Number(k.split(':')[1]!.slice(1)) % 3 !== 1));
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL ORDER BY name",
        )
        .pluck()
        .all(),
    ).toEqual(['cases_by_customer', 'cases_by_deadline', 'cases_by_unit']);
    db.close();
  });

  it('keeps every event it acknowledged when the writing process is killed mid-loop', async () => {
    // given a child process appending events and printing each seq once its commit has returned
    const file = newFile();
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/store/commit-loop.ts', file], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const acknowledged: number[] = [];
    let buffered = '';
    // when it is killed with SIGKILL after some 200 acknowledged commits
    await new Promise<void>((resolve, reject) => {
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`)),
      );
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        acknowledged.push(...lines.map(Number));
        if (acknowledged.length >= 200) child.kill('SIGKILL');
      });
    });
    // then every acknowledged event is there, the chain verifies, and the case matches its history
    const store = openSqliteStore(file);
    const history = await store.history('crash');
    const stored = new Set(history.map((e) => e.seq));
    expect(acknowledged.filter((seq) => !stored.has(seq))).toEqual([]);
    expect(history.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(verifyCaseChain(history)).toEqual([]);
    expect((await store.getCase('crash'))?.version).toBe(history.length);
    // and the case can be continued
    await store.commit(step(history.length, caseRecord('crash')));
    expect(verifyCaseChain(await store.history('crash'))).toEqual([]);
    await store.close();
  });
});
