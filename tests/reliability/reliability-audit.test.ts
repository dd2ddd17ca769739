// covers: P-7, INFO-5
// `serviceframe audit verify` on both databases (issue 17): the same database built through the
// engine, then altered as an attacker with write access would, on SQLite (--data DIR) and on
// PostgreSQL (--database-url URL, each test on a fresh schema of one database of the test cluster).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { openPostgres, type PostgresConnection } from '../../adapters/postgres/connection.ts';
import { openPostgresStore } from '../../adapters/postgres/store/postgres-store.ts';
import { main } from '../../cli/main.ts';
import { createDirectory } from '../../engine/runtime/actor.ts';
import { VirtualClock } from '../../engine/runtime/clock.ts';
import { createEngine } from '../../engine/runtime/engine.ts';
import { counterIds } from '../../engine/runtime/ids.ts';
import type { OrganizationSpec } from '../../engine/org/organization.ts';
import { GENESIS_HASH, hashEvent, type Store } from '../../engine/store/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { at, engineFixtureSet } from '../helpers/engine-fixture.ts';
import { createDatabase, dropDatabase } from '../helpers/postgres-cluster.ts';
import { schemaUrl } from '../helpers/postgres-schema.ts';

const set = engineFixtureSet();
const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
const actor = (name: string) => {
  const u = directory.user(name)!;
  return { username: u.username, unit: u.unit, roles: u.roles };
};
const root = mkdtempSync(join(tmpdir(), 'sf-audit-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dataDir = '';
let dbFile = '';
let caseIds: string[] = [];

/** One database kind under test: where a new database goes, how to open it, audit it and write into it directly. */
interface Backend {
  readonly name: string;
  /** Makes a new, empty database the next open/audit/raw calls use. */
  fresh(): Promise<void>;
  open(): Promise<Store>;
  auditArgs(): string[];
  /** Runs `sql` (with ? placeholders) directly, as someone with write access to the database would. */
  raw(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  /** The statements that remove the append-only triggers. */
  readonly dropTriggers: string;
  /** Raises a case's version by one in its columns and record / sets its record's active states to ["closed"]. */
  readonly bumpVersion: string;
  readonly closeStates: string;
}

const sqlite: Backend = {
  name: 'SQLite',
  async fresh() {
    dataDir = mkdtempSync(join(root, 'data-'));
    dbFile = join(dataDir, 'serviceframe.sqlite');
  },
  async open() {
    return openSqliteStore(dbFile);
  },
  auditArgs: () => ['--data', dataDir],
  async raw(sql, ...params) {
    const db = new Database(dbFile);
    try {
      if (params.length === 0 && !/^\s*SELECT/i.test(sql)) return (db.exec(sql), []);
      const statement = db.prepare(sql);
      return statement.reader
        ? (statement.all(...params) as Record<string, unknown>[])
        : (statement.run(...params), []);
    } finally {
      db.close();
    }
  },
  dropTriggers: 'DROP TRIGGER IF EXISTS events_are_never_updated; DROP TRIGGER IF EXISTS events_are_never_deleted;',
  bumpVersion: `UPDATE cases SET version = version + 1, record = json_set(record, '$.version', version + 1) WHERE id = ?`,
  closeStates: `UPDATE cases SET record = json_set(record, '$.activeStates', json('["closed"]')) WHERE id = ?`,
};

let pgDatabase = '';
let pgAdmin: PostgresConnection | undefined;
let pgSchemaUrl = '';
let pgSchemas = 0;
const postgres: Backend = {
  name: 'PostgreSQL',
  async fresh() {
    if (!pgAdmin) {
      pgDatabase = await createDatabase(inject('postgresUrl'));
      pgAdmin = await openPostgres(pgDatabase, { max: 1 });
    }
    pgSchemaUrl = await schemaUrl(pgAdmin, pgDatabase, `audit_${++pgSchemas}`);
  },
  async open() {
    return openPostgresStore(pgSchemaUrl, { max: 2 });
  },
  auditArgs: () => ['--database-url', pgSchemaUrl],
  async raw(sql, ...params) {
    const client = new pg.Client({ connectionString: pgSchemaUrl });
    await client.connect();
    try {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      // Several statements cannot take parameters: those are sent as they are.
      return params.length
        ? (await client.query(text, params)).rows
        : (((await client.query(text)) as unknown as pg.QueryResult).rows ?? []);
    } finally {
      await client.end();
    }
  },
  dropTriggers:
    'DROP TRIGGER IF EXISTS events_are_never_changed ON events; DROP TRIGGER IF EXISTS events_are_never_truncated ON events;',
  bumpVersion: `UPDATE cases SET version = version + 1, record = jsonb_set(record::jsonb, '{version}', to_jsonb(version + 1))::text WHERE id = ?`,
  closeStates: `UPDATE cases SET record = jsonb_set(record::jsonb, '{activeStates}', '["closed"]'::jsonb)::text WHERE id = ?`,
};

afterAll(async () => {
  await pgAdmin?.close();
  if (pgDatabase) await dropDatabase(pgDatabase);
});

/** Three cases over two days: 2, 3 and 4 events. */
async function buildDatabase(backend: Backend): Promise<void> {
  await backend.fresh();
  const clock = new VirtualClock(at('2026-11-02T09:00:00+08:00'));
  const store = await backend.open();
  const engine = createEngine({
    store,
    clock,
    ids: counterIds('t'),
    directory: () => directory,
    current: () => set,
    version: (v) => (v === set.version ? set : undefined),
  });
  caseIds = [];
  for (let i = 0; i < 3; i++) {
    const c = await engine.createCase(actor('b1.staff'), 'ticket', {
      customerName: `Customer ${i}`,
      phone: '13900139000',
    });
    caseIds.push(c.id);
    for (let n = 0; n < i + 1; n++) {
      clock.set(clock.now() + 9 * 3600_000);
      const current = (await store.getCase(c.id))!;
      await engine.sendEvent(c.id, { type: 'note', actor: actor('b1.staff'), expectedVersion: current.version });
    }
  }
  await store.close();
}

describe.each([sqlite, postgres])('serviceframe audit verify on $name', (backend) => {
  beforeEach(() => buildDatabase(backend));

  async function audit(): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['audit', 'verify', ...backend.auditArgs()], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err };
  }

  /** As an attacker with write access to the database would: drop the append-only triggers first. */
  async function tamper(sql: string, ...params: unknown[]): Promise<void> {
    await backend.raw(backend.dropTriggers);
    await backend.raw(sql, ...params);
  }

  it('passes an untouched database and counts what it checked', async () => {
    const result = await audit();
    expect(result).toMatchObject({ code: 0, err: [] });
    expect(result.out).toEqual([expect.stringMatching(/^ok: 9 events, 3 cases, [2-9] days$/)]);
  });

  it('refuses to touch an event while the triggers stand', async () => {
    await expect(backend.raw("UPDATE events SET data = '{}' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(backend.raw('DELETE FROM events WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('names an event whose data was altered in the file', async () => {
    // given the second event of the second case rewritten
    await tamper(`UPDATE events SET data = '{"noted":false}' WHERE case_id = ? AND seq = 2`, caseIds[1]);
    // then
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe(
      `FAIL: first problem at case ${caseIds[1]}, seq 2 (HASH): ${result.err[0]!.split('(HASH): ')[1]}`,
    );
    // the stored hash (which the day anchor folds) is unchanged, so only the chain names it
  });

  it('names an altered actor or time as well as altered data', async () => {
    await tamper(`UPDATE events SET actor = 'hq.mgr' WHERE case_id = ? AND seq = 3`, caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain(`case ${caseIds[2]}, seq 3 (HASH)`);
  });

  it('names an event deleted from the middle of a history', async () => {
    await tamper('DELETE FROM events WHERE case_id = ? AND seq = 2', caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain(`case ${caseIds[2]}, seq 2 (MISSING_EVENT)`);
  });

  it('names an event deleted from the end of a history, where the chain alone still holds', async () => {
    await tamper('DELETE FROM events WHERE case_id = ? AND seq = 4', caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain(`case ${caseIds[2]}, seq 4 (MISSING_EVENT)`);
  });

  it('names reordered events of a case', async () => {
    // swap seq 2 and 3 of the third case
    await tamper('UPDATE events SET seq = -1 WHERE case_id = ? AND seq = 2', caseIds[2]);
    await tamper('UPDATE events SET seq = 2 WHERE case_id = ? AND seq = 3', caseIds[2]);
    await tamper('UPDATE events SET seq = 3 WHERE case_id = ? AND seq = -1', caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(new RegExp(`case ${caseIds[2]}, seq 2 \\((HASH|PREV_HASH)\\)`));
  });

  it('names a day whose events were reordered in the append order', async () => {
    // the day anchors fold events in append order (pos); swap the first two appended events
    await tamper('UPDATE events SET pos = -1 WHERE pos = 1');
    await tamper('UPDATE events SET pos = 1 WHERE pos = 2');
    await tamper('UPDATE events SET pos = 2 WHERE pos = -1');
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^FAIL: first problem at day 2026-11-0\d \(ANCHOR\)/);
  });

  /** As an attacker who knows the hash format would: rewrites a case's data at `seq` and recomputes its whole chain. */
  async function rewriteChain(caseId: string, seq: number): Promise<void> {
    await backend.raw(backend.dropTriggers);
    const rows = await backend.raw('SELECT * FROM events WHERE case_id = ? ORDER BY seq', caseId);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const data = row.seq === seq ? { noted: 'rewritten' } : JSON.parse(row.data as string);
      const event = {
        caseId: row.case_id as string,
        seq: row.seq as number,
        type: row.type as string,
        actor: row.actor as string,
        actorUnit: row.actor_unit as string | null,
        at: Number(row.at) /* PostgreSQL's BIGINT arrives as text here */,
        definitionVersion: row.definition_version as string,
        data,
        from: JSON.parse(row.from_states as string),
        to: JSON.parse(row.to_states as string),
        effects: JSON.parse(row.effects as string),
      };
      const hash = hashEvent(event, prev);
      await backend.raw(
        'UPDATE events SET data = ?, hash = ?, prev_hash = ? WHERE case_id = ? AND seq = ?',
        JSON.stringify(data),
        hash,
        prev,
        row.case_id,
        row.seq,
      );
      prev = hash;
    }
  }

  it('catches a history rewritten with freshly computed hashes through the day anchor', async () => {
    // given the whole chain of the first case rewritten (its days are over: their anchors are in day_anchors)
    await rewriteChain(caseIds[0]!, 2);
    // then the chains hold but the day anchor does not
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/\(ANCHOR\)/);
  });

  it('catches a rewrite of the newest day through the anchor carried by the newest event', async () => {
    // given the last case's chain rewritten from its last event, the newest of all and alone on its day
    await rewriteChain(caseIds[2]!, 4);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^FAIL: first problem at day 2026-11-04 \(ANCHOR\)/);
  });

  it('passes when the clock crosses midnight and steps back across it', async () => {
    // given events on one UTC day, the next, the first again (a clock set back) and the next again
    await backend.fresh();
    // (a system clock, which may be set back; a virtual one only moves forward)
    let now = at('2026-11-03T07:59:58+08:00');
    const clock = { now: () => now };
    const store = await backend.open();
    const engine = createEngine({
      store,
      clock,
      ids: counterIds('m'),
      directory: () => directory,
      current: () => set,
      version: (v) => (v === set.version ? set : undefined),
    });
    const c = await engine.createCase(actor('b1.staff'), 'ticket', { customerName: 'Midnight', phone: '13900139000' });
    for (const time of ['2026-11-03T08:00:01+08:00', '2026-11-03T07:59:59+08:00', '2026-11-03T08:00:02+08:00']) {
      now = at(time);
      await engine.sendEvent(c.id, {
        type: 'note',
        actor: actor('b1.staff'),
        expectedVersion: (await store.getCase(c.id))!.version,
      });
    }
    expect((await store.dayAnchors()).map((a) => [a.day, a.events])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-03', 2],
    ]);
    await store.close();
    // then each day's anchor is the refold of its events
    expect(await audit()).toMatchObject({ code: 0, out: ['ok: 4 events, 1 cases, 2 days'] });
  });

  it('names a case whose current state no longer matches its history', async () => {
    await backend.raw(backend.bumpVersion, caseIds[0]);
    await backend.raw(backend.closeStates, caseIds[1]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain(`case ${caseIds[0]}, seq 3 (MISSING_EVENT)`);
    expect(result.err.join('\n')).toContain(`case ${caseIds[1]}, seq 3 (STATE_MISMATCH)`);
  });
});

describe('serviceframe audit verify without a database', () => {
  it('says so when there is no SQLite file', async () => {
    const empty = join(root, 'nothing-here');
    mkdirSync(empty, { recursive: true });
    const err: string[] = [];
    const code = await main(['audit', 'verify', '--data', empty], { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err[0]).toMatch(/no such database/);
  });

  it('says so when the PostgreSQL database has no Serviceframe tables, and names it without the password', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    try {
      const err: string[] = [];
      const code = await main(['audit', 'verify', '--database-url', url], { out: () => {}, err: (l) => err.push(l) });
      expect(code).toBe(1);
      const target = new URL(url);
      expect(err[0]).toContain(`no Serviceframe database at ${target.hostname}:${target.port}${target.pathname}`);
      expect(err.join('\n')).not.toContain(target.password);
    } finally {
      await dropDatabase(url);
    }
  });
});
