/**
 * The server's storage (users, sessions, idempotency keys, definition versions, archive records,
 * projections, inbox reads) behaves the same on SQLite and on PostgreSQL (issue 17; INFO-5 record
 * history, P-3 published versions). Each database runs the same suite.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import type { RecordRow, ServerStorage, UserRow } from '../../ports/server-storage.ts';
import { postgresServerStorage } from '../../adapters/postgres/server/open-postgres-server-storage.ts';
import { createDatabase, dropDatabase } from '../helpers/postgres-cluster.ts';
import { openPostgres } from '../../adapters/postgres/connection.ts';
import { migratePostgresServer } from '../../adapters/postgres/server-migrations.ts';

interface Opened {
  storage: ServerStorage;
  close(): Promise<void>;
}

const databases: { name: string; open: () => Promise<Opened> }[] = [
  {
    name: 'SQLite',
    async open() {
      const storage = openServerStorage(':memory:');
      return { storage, close: () => storage.close() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const url = await createDatabase(inject('postgresUrl'), 'sf_storage');
      const conn = await openPostgres(url, { max: 4 });
      await migratePostgresServer(conn);
      const storage = postgresServerStorage(conn);
      return {
        storage,
        async close() {
          await storage.close();
          await conn.close();
          await dropDatabase(url);
        },
      };
    },
  },
];

const user = (username: string, extra: Partial<UserRow> = {}): UserRow => ({
  username,
  name: null,
  passwordHash: 'h',
  unit: 'b1',
  roles: ['agent'],
  email: null,
  mobile: null,
  locale: null,
  admin: false,
  disabled: false,
  mustChangePassword: false,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  ...extra,
});

const record = (id: string, version: number, data: Record<string, unknown>, unit = 'b1'): RecordRow => ({
  type: 'customer',
  id,
  unit,
  data,
  version,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000 + version,
  createdBy: 'a',
  updatedBy: 'b',
});

const report = (caseId: string, state: string, unit = 'b1') => ({
  caseId,
  unit,
  month: '2026-11',
  workflow: 'ticket',
  state,
  done: state === 'closed',
  clocksMet: 1,
  clocksBreached: 0,
  measures: { m: { g: [1, 2] as const } },
});

describe.each(databases)('server storage on $name', ({ open }) => {
  let opened: Opened;
  let s: ServerStorage;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => {
    await opened.close();
  });
  beforeEach(() => {
    s = opened.storage;
  });

  it('creates users once, updates the fields given, lists them by name', async () => {
    expect(
      await s.users.create(user('zhang', { roles: ['agent', 'lead'], locale: 'en', email: 'z@example.com' })),
    ).toBe(true);
    expect(await s.users.create(user('zhang'))).toBe(false);
    expect(await s.users.create(user('Adam'))).toBe(true);
    const updated = await s.users.update(
      'zhang',
      { disabled: true, name: '张三', mustChangePassword: true },
      1_800_000_000_000,
    );
    expect(updated).toMatchObject({
      username: 'zhang',
      disabled: true,
      name: '张三',
      mustChangePassword: true,
      roles: ['agent', 'lead'],
      locale: 'en',
      updatedAt: 1_800_000_000_000,
      createdAt: 1_700_000_000_000,
    });
    expect(await s.users.get('zhang')).toEqual(updated);
    expect(await s.users.update('nobody', { disabled: true }, 1)).toBeUndefined();
    expect((await s.users.list()).map((u) => u.username).filter((u) => u === 'Adam' || u === 'zhang')).toEqual([
      'Adam',
      'zhang',
    ]);
  });

  it('keeps sessions by token hash and ends them by user, by token and by expiry', async () => {
    await s.sessions.create({ tokenHash: 't1', username: 'li', createdAt: 1, expiresAt: 1000 });
    await s.sessions.create({ tokenHash: 't2', username: 'li', createdAt: 1, expiresAt: 5000 });
    await s.sessions.create({ tokenHash: 't3', username: 'li', createdAt: 1, expiresAt: 5000 });
    expect(await s.sessions.get('t1')).toEqual({ tokenHash: 't1', username: 'li', createdAt: 1, expiresAt: 1000 });
    expect(await s.sessions.deleteExpired(1000)).toBe(1);
    expect(await s.sessions.get('t1')).toBeUndefined();
    await s.sessions.deleteOf('li', 't2');
    expect(await s.sessions.get('t3')).toBeUndefined();
    expect(await s.sessions.get('t2')).toBeDefined();
    await s.sessions.delete('t2');
    expect(await s.sessions.get('t2')).toBeUndefined();
  });

  it('claims an idempotency key once and replays its answer; a released key is free again', async () => {
    expect(await s.idempotency.claim('u', 'k1', 'f1', 100)).toBeNull();
    expect(await s.idempotency.claim('u', 'k1', 'f1', 101)).toMatchObject({
      fingerprint: 'f1',
      status: 0,
      claimedAt: 100,
    });
    await s.idempotency.complete('u', 'k1', { status: 201, body: '{"id":"c1"}', contentType: 'application/json' });
    expect(await s.idempotency.claim('u', 'k1', 'f2', 102)).toEqual({
      fingerprint: 'f1',
      status: 201,
      body: '{"id":"c1"}',
      contentType: 'application/json',
      claimedAt: 100,
    });
    expect(await s.idempotency.claim('u', 'k2', 'f1', 200)).toBeNull();
    await s.idempotency.release('u', 'k2');
    expect(await s.idempotency.claim('u', 'k2', 'f1', 300)).toBeNull();
    expect(await s.idempotency.forgetBefore(250)).toBe(1);
    expect(await s.idempotency.claim('u', 'k1', 'f1', 400)).toBeNull();
  });

  it("numbers definition versions in publication order and keeps each content version's first files (P-3)", async () => {
    const a = await s.versions.add({
      version: 'va',
      files: [{ path: 'a.yaml', text: 'kind: A' }],
      publishedAt: 10,
      publishedBy: 'system',
      note: 'first start',
    });
    const b = await s.versions.add({
      version: 'vb',
      files: [{ path: 'b.yaml', text: 'kind: B' }],
      publishedAt: 20,
      publishedBy: 'admin',
      note: null,
    });
    const c = await s.versions.add({
      version: 'va',
      files: [{ path: 'a2.yaml', text: 'kind: A' }],
      publishedAt: 30,
      publishedBy: 'admin',
      note: 'rollback to version 1',
    });
    expect([a.seq, b.seq, c.seq]).toEqual([a.seq, a.seq + 1, a.seq + 2]);
    expect(await s.versions.latest()).toEqual(c);
    expect(await s.versions.get(b.seq)).toEqual(b);
    expect((await s.versions.list()).map((v) => [v.seq, v.version, v.publishedBy])).toEqual([
      [a.seq, 'va', 'system'],
      [b.seq, 'vb', 'admin'],
      [c.seq, 'va', 'admin'],
    ]);
    expect((await s.versions.distinct()).map((v) => [v.seq, v.files[0]!.path])).toEqual([
      [a.seq, 'a.yaml'],
      [b.seq, 'b.yaml'],
    ]);
  });

  it('adds a version after a given one only while that one is the latest (two nodes publishing at once)', async () => {
    const last = (await s.versions.latest())?.seq ?? 0;
    const row = { version: 'vc', files: [], publishedAt: 40, publishedBy: 'admin', note: null };
    const results = await Promise.all([
      s.versions.addAfter(row, last),
      s.versions.addAfter({ ...row, version: 'vd' }, last),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect((await s.versions.latest())?.seq).toBe(last + 1);
    expect(await s.versions.addAfter(row, last)).toBeNull();
  });

  it('writes archive records with their whole history, refusing stale versions and taken keys (INFO-5)', async () => {
    expect(await s.records.put(record('r1', 1, { name: '王' }), 'K-1', 'wang k-1', null, 0)).toBe('ok');
    expect(await s.records.put(record('r1', 2, { name: '王五' }), 'K-1', 'wang wu k-1', 'renamed', 1)).toBe('ok');
    expect(await s.records.put(record('r1', 2, { name: 'x' }), 'K-1', 'x', null, 1)).toBe('stale');
    expect(await s.records.put(record('r2', 1, { name: '李' }), 'K-1', 'li', null, 0)).toBe('duplicate');
    expect(await s.records.put(record('r2', 1, { name: '李' }), 'K-2', 'li k-2', null, 0)).toBe('ok');
    expect(await s.records.put(record('r3', 1, { name: 'Zhao' }, 'b2'), null, 'zhao', null, 0)).toBe('ok');
    expect(await s.records.get('customer', 'r1')).toEqual(record('r1', 2, { name: '王五' }));
    expect((await s.records.findByKey('customer', 'K-2'))?.id).toBe('r2');
    expect(await s.records.history('customer', 'r1')).toEqual([
      { version: 1, data: { name: '王' }, at: 1_700_000_000_001, by: 'b', note: null },
      { version: 2, data: { name: '王五' }, at: 1_700_000_000_002, by: 'b', note: 'renamed' },
    ]);
    const ids = async (q: Partial<Parameters<ServerStorage['records']['search']>[0]>) =>
      (await s.records.search({ type: 'customer', limit: 10, ...q })).map((r) => r.id);
    expect(await ids({})).toEqual(['r1', 'r2', 'r3']);
    expect(await ids({ units: ['b1'] })).toEqual(['r1', 'r2']);
    expect(await ids({ text: 'WU' })).toEqual(['r1']);
    expect(await ids({ after: 'r1', limit: 1 })).toEqual(['r2']);
  });

  it('refuses one of two writers racing for the same record version', async () => {
    const outcomes = await Promise.all(
      [1, 2, 3].map((n) => s.records.put(record('race', 1, { n }), null, String(n), null, 0)),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'stale')).toHaveLength(2);
    expect(await s.records.history('customer', 'race')).toHaveLength(1);
  });

  it('projects ledger rows, report rows and record links per case, replacing what the case had', async () => {
    const row = (caseId: string, unit: string, at: number) => ({
      ledger: 'service',
      caseId,
      unit,
      at,
      values: { z: 1, a: caseId },
    });
    await s.projections.put([
      {
        caseId: 'c1',
        version: 1,
        ledger: [row('c1', 'b1', 100)],
        records: [{ name: 'customer', type: 'customer', id: 'r1' }],
        report: report('c1', 'open'),
      },
      {
        caseId: 'c2',
        version: 1,
        ledger: [row('c2', 'b1', 100)],
        records: [{ name: 'customer', type: 'customer', id: 'r1' }],
        report: report('c2', 'open'),
      },
      { caseId: 'c3', version: 1, ledger: [row('c3', 'B0', 300)], records: [], report: report('c3', 'closed', 'b2') },
    ]);
    await s.projections.put([
      { caseId: 'c2', version: 2, ledger: [row('c2', 'b1', 50)], records: [], report: report('c2', 'closed') },
    ]);
    const page = await s.projections.ledger({ ledger: 'service', from: 0, to: 1000 });
    expect(page.map((r) => [r.unit, r.at, r.caseId])).toEqual([
      ['B0', 300, 'c3'],
      ['b1', 50, 'c2'],
      ['b1', 100, 'c1'],
    ]);
    expect(page[0]!.values).toEqual({ z: 1, a: 'c3' });
    expect(
      (
        await s.projections.ledger({
          ledger: 'service',
          from: 0,
          to: 1000,
          after: { unit: 'b1', at: 50, caseId: 'c2' },
          limit: 5,
        })
      ).map((r) => r.caseId),
    ).toEqual(['c1']);
    expect(
      (await s.projections.ledger({ ledger: 'service', units: ['b1'], from: 60, to: 1000 })).map((r) => r.caseId),
    ).toEqual(['c1']);
    expect(await s.records.casesOf('customer', 'r1')).toEqual(['c1']);
    const rows = await s.projections.report({ units: ['b1'], month: '2026-11' });
    expect(rows.sort((x, y) => x.caseId.localeCompare(y.caseId))).toEqual([
      report('c1', 'open'),
      report('c2', 'closed'),
    ]);
    expect(await s.projections.report({ month: '2026-11' })).toHaveLength(3);
    expect(await s.projections.casesByState()).toEqual([
      { workflow: 'ticket', state: 'closed', count: 2 },
      { workflow: 'ticket', state: 'open', count: 1 },
    ]);
    expect(await s.projections.projectedVersion('c2')).toBe(2);
    expect(await s.projections.projectedVersion('none')).toBeUndefined();
    expect(await s.projections.projectedVersions(['c1', 'c2', 'none'])).toEqual(
      new Map([
        ['c1', 1],
        ['c2', 2],
      ]),
    );
    expect(await s.projections.projectedVersions([])).toEqual(new Map());
    await s.projections.flush();
  });

  it('keeps case migration batches: unfinished until finished, newest first (issue 18)', async () => {
    const batch = (id: string, startedAt: number) => ({
      id,
      workflow: 'ticket',
      request: {
        fromVersion: 'a1',
        toVersion: 'b2',
        fromSeq: 1,
        toSeq: 2,
        filter: {},
        stateMapping: { open: 'registered' },
        clocksOnly: false,
        reason: '上门 12 小时',
      },
      caseIds: ['c1', 'c2'],
      startedBy: 'admin',
      startedAt,
      finishedAt: null,
      counts: null,
    });
    await s.migrations.add(batch('m1', 10));
    await s.migrations.add(batch('m2', 20));
    expect((await s.migrations.unfinished()).map((b) => b.id)).toEqual(['m1', 'm2']);
    const counts = { selected: 2, migrate: 0, migrated: 2, alreadyMigrated: 0, refused: 0, unchanged: 0, skipped: 0 };
    await s.migrations.finish('m1', 30, counts);
    expect(await s.migrations.unfinished()).toEqual([batch('m2', 20)]);
    expect(await s.migrations.get('m1')).toEqual({ ...batch('m1', 10), finishedAt: 30, counts });
    expect((await s.migrations.list(10)).map((b) => b.id)).toEqual(['m2', 'm1']);
    expect(await s.migrations.get('nope')).toBeUndefined();
  });

  it('keeps read marks of in-app notifications per person', async () => {
    await s.inboxReads.markRead('zhang', ['o1', 'o2'], 5);
    await s.inboxReads.markRead('zhang', ['o2'], 6);
    expect([...(await s.inboxReads.readOf('zhang', ['o1', 'o2', 'o3']))].sort()).toEqual(['o1', 'o2']);
    expect(await s.inboxReads.readOf('li', ['o1'])).toEqual(new Set());
    expect(await s.inboxReads.readOf('zhang', [])).toEqual(new Set());
  });
});
