// Issue 18 items 3 and 4: moving open cases to another definition version on purpose, and
// recomputing their clocks only. Covers P-3 (a case runs on a version; the history says which) and
// P-7 (the migration is an event in each history; the hash chain and `audit verify` hold).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { SourceFile } from '../../engine/definitions/index.ts';
import type { Commit, Store } from '../../engine/store/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import { renamedOpen, shortNames, shorterOnSite, versionA } from '../engine/migration/migration-support.ts';
import { testServer, type TestServer } from './server-support.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T01:00:00Z'); // Monday 09:00 in Shanghai, the test clock's start
const iso = (t: number) => new Date(t).toISOString();

interface Installation {
  s: TestServer;
  dir: string;
  admin: string;
  staff: string;
  lead: string;
  close(): Promise<void>;
}
let open: Installation | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

/**
 * A server on an SQLite file (so `audit verify` can read it) with version A published; `wrap`
 * may put something between the engine and the store (a crash after some commits).
 */
async function install(wrap: (store: Store) => Store = (x) => x): Promise<Installation> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-migrate-'));
  const file = join(dir, 'serviceframe.sqlite');
  const store = openSqliteStore(file);
  const storage = openServerStorage(file);
  const s = await testServer({ initialFiles: versionA, store: wrap(store), storage });
  const inst: Installation = {
    s,
    dir,
    admin: await s.login('admin'),
    staff: await s.login('b1.staff'),
    lead: await s.login('b1.lead'),
    async close() {
      await s.close();
      await storage.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open = inst;
  return inst;
}

async function newTicket(i: Installation, name = 'Zhang'): Promise<string> {
  const res = await i.s.call('POST', '/api/cases', {
    token: i.staff,
    body: { workflow: 'ticket', data: { customerName: name, phone: '13800000009' } },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function publish(i: Installation, files: SourceFile[]): Promise<number> {
  const res = await i.s.call('POST', '/api/definitions', { token: i.admin, body: { files } });
  expect(res.status).toBe(201);
  return res.body.seq as number;
}

const migrate = (i: Installation, body: Record<string, unknown>) =>
  i.s.call('POST', '/api/cases/migrate', { token: i.admin, body });
const getCase = async (i: Installation, id: string) =>
  (await i.s.call('GET', `/api/cases/${id}`, { token: i.admin })).body;
const migratedEvents = async (i: Installation, id: string) =>
  (await i.s.services.store.history(id)).filter((e) => e.type === 'migrated');

async function auditVerify(dir: string): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await main(['audit', 'verify', '--data', dir], { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, out };
}

describe('the dry run (issue 18 item 3)', () => {
  it('lists per case its state, clocks with explanations and timers before and after, and writes nothing', async () => {
    // given two tickets on version A (24 h on site): one just registered, one dispatched an hour later
    const i = await install();
    const registered = await newTicket(i, 'Zhang');
    const dispatched = await newTicket(i, 'Wang');
    i.s.clock.advance(HOUR);
    expect(
      (
        await i.s.call('POST', `/api/cases/${dispatched}/events`, {
          token: i.lead,
          body: { type: 'dispatch', data: { technician: 'b1.tech' } },
        })
      ).status,
    ).toBe(200);
    // and version B: `open` renamed `registered` (its timer 2 working hours instead of 4) and 12 h on site
    const b = await publish(i, renamedOpen(shorterOnSite()));
    i.s.clock.advance(HOUR);
    // when the administrator asks for a dry run
    const res = await migrate(i, {
      workflow: 'ticket',
      fromVersion: 1,
      toVersion: b,
      stateMapping: { open: 'registered' },
      dryRun: true,
      reason: 'open is now called registered; on site within 12 hours',
    });
    // then each case's changes are listed exactly
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      batch: null,
      dryRun: true,
      workflow: 'ticket',
      from: { seq: 1 },
      to: { seq: b },
      counts: { selected: 2, migrate: 2, migrated: 0, refused: 0 },
    });
    const first = res.body.cases.find((c: { id: string }) => c.id === registered);
    expect(first).toEqual({
      id: registered,
      unit: 'b1',
      version: 1,
      outcome: 'migrate',
      state: { before: [{ path: 'open', title: 'open' }], after: [{ path: 'registered', title: 'registered' }] },
      dataRefusals: [],
      clocks: [
        {
          clock: 'ticket-on-site',
          title: '上门时限',
          status: 'running',
          before: { deadline: iso(T0 + 24 * HOUR), targetMs: 24 * HOUR },
          after: { deadline: iso(T0 + 12 * HOUR), targetMs: 12 * HOUR },
          explanation: expect.arrayContaining([
            expect.stringMatching(/^recomputed 2026-03-02 11:00 with the published policy/),
            'deadline 2026-03-02 21:00',
          ]),
          explanationLines: expect.arrayContaining([
            expect.objectContaining({
              code: 'recomputed',
              args: expect.objectContaining({ target: '12h', at: T0 + 2 * HOUR }),
            }),
            expect.objectContaining({ code: 'deadline', args: expect.objectContaining({ at: T0 + 12 * HOUR }) }),
          ]),
        },
      ],
      timers: {
        // 2 working hours from registration on Monday 09:00 is 11:00; the breach re-armed just after 21:00
        // (at the deadline itself is on time)
        added: [
          { id: `${registered}:sf.after:registered:0`, title: 'registered：2h后', dueAt: iso(T0 + 2 * HOUR) },
          { id: `${registered}:sla:ticket-on-site:breach`, title: '上门时限：到期', dueAt: iso(T0 + 12 * HOUR + 1) },
        ],
        removed: [{ id: `${registered}:sf.after:open:0`, title: 'open：4h后' }],
      },
      notes: [],
    });
    const second = res.body.cases.find((c: { id: string }) => c.id === dispatched);
    // the dispatched case stays in work.travelling: no state timer changes, only its clock
    expect(second.state).toEqual({
      before: [{ path: 'work.travelling', title: 'work.travelling' }],
      after: [{ path: 'work.travelling', title: 'work.travelling' }],
    });
    expect(second.timers).toEqual({
      added: [
        { id: `${dispatched}:sla:ticket-on-site:breach`, title: '上门时限：到期', dueAt: iso(T0 + 12 * HOUR + 1) },
      ],
      removed: [],
    });
    // and nothing was written
    const aVersion = (await i.s.services.storage.versions.get(1))!.version;
    for (const id of [registered, dispatched]) {
      expect((await getCase(i, id)).definitionVersion).toBe(aVersion);
      expect(await migratedEvents(i, id)).toEqual([]);
    }
    expect((await i.s.call('GET', '/api/cases/migrations', { token: i.admin })).body.items).toEqual([]);
  });

  it("speaks the administrator's language", async () => {
    const i = await install();
    await newTicket(i);
    const b = await publish(i, renamedOpen());
    await i.s.call('PATCH', '/api/users/admin', { token: i.admin, body: { locale: 'en' } });
    const res = await migrate(i, {
      workflow: 'ticket',
      fromVersion: 1,
      toVersion: b,
      stateMapping: {},
      dryRun: true,
      reason: 'x',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: '/stateMapping/open',
        code: 'stateUnmapped',
        message: 'state open is not in version 2: map the open cases in it to a state of that version',
      }),
    ]);
  });
});

describe('refused before anything runs (issue 18, bad input)', () => {
  it("answers 422 with the mapping's path for an unmapped open state, an unknown or stuck or final target, a state A lacks", async () => {
    const i = await install();
    const id = await newTicket(i);
    const b = await publish(i, renamedOpen());
    const cases = [
      [{ vendor: 'vendor' }, '/stateMapping/open', 'stateUnmapped'],
      [{ open: 'registerd' }, '/stateMapping/open', 'targetUnknown'],
      [{ open: 'parked' }, '/stateMapping/open', 'targetStuck'],
      [{ open: 'closed' }, '/stateMapping/open', 'targetFinal'],
      [{ open: 'work' }, '/stateMapping/open', 'targetNotLeaf'],
      [{ open: 'registered', nowhere: 'registered' }, '/stateMapping/nowhere', 'stateNotInFrom'],
    ] as const;
    for (const [stateMapping, path, code] of cases) {
      const res = await migrate(i, {
        workflow: 'ticket',
        fromVersion: 1,
        toVersion: b,
        stateMapping,
        reason: 'rename',
        dryRun: false,
      });
      expect(res.status, JSON.stringify(stateMapping)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code, message: expect.any(String) }));
    }
    // a reason is required, the versions must exist, the workflow must be in both
    expect(
      (
        await migrate(i, {
          workflow: 'ticket',
          fromVersion: 1,
          toVersion: b,
          stateMapping: { open: 'registered' },
          reason: ' ',
        })
      ).body.errors,
    ).toEqual([expect.objectContaining({ path: '/reason', code: 'reasonRequired' })]);
    expect(
      (await migrate(i, { workflow: 'ticket', fromVersion: 9, stateMapping: {}, reason: 'r' })).body.errors,
    ).toEqual([expect.objectContaining({ path: '/fromVersion', code: 'versionUnknown' })]);
    expect((await migrate(i, { workflow: 'tickets', fromVersion: 1, reason: 'r' })).body.errors).toEqual([
      expect.objectContaining({ path: '/fromVersion', code: 'workflowUnknown' }),
      expect.objectContaining({ path: '/toVersion', code: 'workflowUnknown' }),
    ]);
    // and nothing ran
    expect(await migratedEvents(i, id)).toEqual([]);
    expect((await i.s.call('GET', '/api/cases/migrations', { token: i.admin })).body.items).toEqual([]);
  });

  it('is for administrators only', async () => {
    const i = await install();
    expect(
      (
        await i.s.call('POST', '/api/cases/migrate', {
          token: i.lead,
          body: { workflow: 'ticket', fromVersion: 1, reason: 'r', dryRun: true },
        })
      ).status,
    ).toBe(403);
    expect((await i.s.call('GET', '/api/cases/migrations', { token: i.lead })).status).toBe(403);
  });
});

describe('applying (issue 18 item 3)', () => {
  it('writes a migrated event into each history, runs the cases on B, and audit verify passes', async () => {
    const i = await install();
    const ids = [await newTicket(i, 'Zhang'), await newTicket(i, 'Li')];
    const b = await publish(i, renamedOpen(shorterOnSite()));
    const res = await migrate(i, {
      workflow: 'ticket',
      fromVersion: 1,
      toVersion: b,
      stateMapping: { open: 'registered' },
      reason: 'open is now registered',
    });
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ selected: 2, migrated: 2, refused: 0 });
    expect(res.body.batch).toMatch(/^mig-/);
    const bVersion = (await i.s.services.storage.versions.get(b))!.version;
    for (const id of ids) {
      const c = await getCase(i, id);
      expect(c).toMatchObject({ definitionVersion: bVersion, state: ['registered'], version: 2 });
      const [event, ...more] = await migratedEvents(i, id);
      expect(more).toEqual([]);
      expect(event).toMatchObject({
        seq: 2,
        actor: 'admin',
        definitionVersion: bVersion,
        from: ['open'],
        to: ['registered'],
        data: {
          batch: res.body.batch,
          reason: 'open is now registered',
          fromSeq: 1,
          toSeq: b,
          stateMapping: { open: 'registered' },
          clocksOnly: false,
        },
      });
    }
    // the case now takes B's events: `park` exists only in B
    expect(
      (await i.s.call('POST', `/api/cases/${ids[0]}/events`, { token: i.lead, body: { type: 'park' } })).status,
    ).toBe(200);
    // the versions page counts the open cases where they now run
    const versions = (await i.s.call('GET', '/api/definitions/versions', { token: i.admin })).body;
    expect(versions.map((v: { seq: number; openCases: number }) => [v.seq, v.openCases])).toEqual([
      [1, 0],
      [b, 2],
    ]);
    expect(versions[1].openCasesByWorkflow).toEqual({ ticket: 2 });
    // and the hash chain holds
    const audit = await auditVerify(i.dir);
    expect(audit.out.join('\n')).toMatch(/^ok: /);
    expect(audit.code).toBe(0);
  });

  it("leaves a case whose data B's forms refuse on A, lists why, and migrates the others", async () => {
    const i = await install();
    const short = await newTicket(i, 'Zhang');
    const long = await newTicket(i, 'Zhang Sanfeng');
    const b = await publish(i, shortNames());
    const dry = await migrate(i, {
      workflow: 'ticket',
      fromVersion: 1,
      toVersion: b,
      reason: 'names limited',
      dryRun: true,
    });
    const refused = dry.body.cases.find((c: { id: string }) => c.id === long);
    expect(refused.outcome).toBe('refused');
    expect(refused.dataRefusals).toEqual([
      {
        seq: 1,
        event: 'create',
        form: 'ticket',
        path: '/customerName',
        code: 'maxLength',
        message: expect.stringContaining('6'),
      },
    ]);
    expect(refused.notes).toEqual([
      expect.objectContaining({ code: 'dataRefused', message: '版本 2 的表单不接受该案件的数据：案件保留在版本 1' }),
    ]);
    const res = await migrate(i, { workflow: 'ticket', fromVersion: 1, toVersion: b, reason: 'names limited' });
    expect(res.body.counts).toMatchObject({ selected: 2, migrated: 1, refused: 1 });
    const aVersion = (await i.s.services.storage.versions.get(1))!.version;
    expect((await getCase(i, long)).definitionVersion).toBe(aVersion);
    expect(await migratedEvents(i, long)).toEqual([]);
    expect((await getCase(i, short)).definitionVersion).not.toBe(aVersion);
  });

  it('takes only the cases of the filter: unit, state, created range', async () => {
    const i = await install();
    const early = await newTicket(i, 'A');
    i.s.clock.advance(2 * 24 * HOUR);
    // logins last 12 hours
    Object.assign(i, {
      admin: await i.s.login('admin'),
      staff: await i.s.login('b1.staff'),
      lead: await i.s.login('b1.lead'),
    });
    const late = await newTicket(i, 'B');
    const dispatched = await newTicket(i, 'C');
    expect(
      (
        await i.s.call('POST', `/api/cases/${dispatched}/events`, {
          token: i.lead,
          body: { type: 'dispatch', data: { technician: 'b1.tech' } },
        })
      ).status,
    ).toBe(200);
    const b = await publish(i, shorterOnSite());
    const ids = async (filter: Record<string, string>) =>
      (
        await migrate(i, {
          workflow: 'ticket',
          fromVersion: 1,
          toVersion: b,
          clocksOnly: true,
          reason: 'r',
          dryRun: true,
          filter,
        })
      ).body.cases
        .map((c: { id: string }) => c.id)
        .sort();
    expect(await ids({})).toEqual([early, late, dispatched].sort());
    expect(await ids({ state: 'work' })).toEqual([dispatched]);
    expect(await ids({ createdTo: '2026-03-03' })).toEqual([early]);
    expect(await ids({ createdFrom: '2026-03-04', state: 'open' })).toEqual([late]);
    expect(await ids({ unit: 'b2' })).toEqual([]);
    expect(await ids({ unit: 'hq' })).toEqual([early, late, dispatched].sort());
  });
});

describe('a crash mid-batch and a resume (issue 18 item 3)', () => {
  it('migrates each case exactly once', async () => {
    // given a store that fails on the third migration commit, as a crash would cut the batch off
    let migrations = 0;
    let failAt = 3;
    const i = await install((store) => ({
      ...store,
      async commit(c: Commit) {
        if (c.events.some((e) => e.type === 'migrated') && ++migrations === failAt) throw new Error('power cut');
        return store.commit(c);
      },
    }));
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D', 'E']) ids.push(await newTicket(i, name));
    const b = await publish(i, renamedOpen());
    const body = {
      workflow: 'ticket',
      fromVersion: 1,
      toVersion: b,
      stateMapping: { open: 'registered' },
      reason: 'rename',
    };
    // when the batch is cut off after two cases
    expect((await migrate(i, body)).status).toBe(500);
    const batches = (await i.s.call('GET', '/api/cases/migrations', { token: i.admin })).body.items;
    expect(batches).toEqual([
      expect.objectContaining({ workflow: 'ticket', finishedAt: null, counts: null, cases: 5 }),
    ]);
    // then a new batch is refused until the interrupted one is resumed
    const refused = await migrate(i, body);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'MIGRATION_UNFINISHED', batch: batches[0].id });
    // and the resume finishes it, skipping the two cases already migrated
    failAt = 0;
    const resumed = await migrate(i, { resume: true });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({
      batch: batches[0].id,
      resumed: true,
      counts: { selected: 5, migrated: 3, alreadyMigrated: 2 },
    });
    for (const id of ids) expect((await migratedEvents(i, id)).map((e) => e.data['batch'])).toEqual([batches[0].id]);
    expect((await i.s.call('GET', '/api/cases/migrations', { token: i.admin })).body.items[0]).toMatchObject({
      finishedAt: expect.any(String),
      counts: expect.objectContaining({ migrated: 3, alreadyMigrated: 2 }),
    });
    // nothing left to resume
    expect((await migrate(i, { resume: true })).status).toBe(404);
    expect((await auditVerify(i.dir)).code).toBe(0);
  });
});

describe('recomputing clocks only (issue 18 item 4)', () => {
  it('moves the deadlines of open cases (24 h to 12 h), keeps their states, and the timers fire at the new time', async () => {
    const i = await install();
    const first = await newTicket(i, 'A');
    i.s.clock.advance(HOUR);
    const second = await newTicket(i, 'B');
    const b = await publish(i, shorterOnSite());
    // a mapping is not what recomputing clocks takes
    expect(
      (
        await migrate(i, {
          workflow: 'ticket',
          fromVersion: 1,
          toVersion: b,
          clocksOnly: true,
          stateMapping: { open: 'open' },
          reason: 'r',
        })
      ).body.errors,
    ).toEqual([expect.objectContaining({ path: '/stateMapping', code: 'clocksOnlyMapping' })]);
    const res = await migrate(i, {
      workflow: 'ticket',
      fromVersion: 1,
      toVersion: b,
      clocksOnly: true,
      reason: 'headquarters: on site within 12 hours',
    });
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ migrated: 2 });
    expect(
      res.body.cases.map((c: { id: string; clocks: { before: unknown; after: unknown }[] }) => [
        c.id,
        c.clocks[0]!.before,
        c.clocks[0]!.after,
      ]),
    ).toEqual([
      [
        first,
        { deadline: iso(T0 + 24 * HOUR), targetMs: 24 * HOUR },
        { deadline: iso(T0 + 12 * HOUR), targetMs: 12 * HOUR },
      ],
      [
        second,
        { deadline: iso(T0 + 25 * HOUR), targetMs: 24 * HOUR },
        { deadline: iso(T0 + 13 * HOUR), targetMs: 12 * HOUR },
      ],
    ]);
    for (const id of [first, second]) {
      const c = await getCase(i, id);
      expect(c.state).toEqual(['open']);
      expect((await migratedEvents(i, id))[0]).toMatchObject({
        from: ['open'],
        to: ['open'],
        data: { clocksOnly: true },
      });
    }
    // when time passes: nothing breaches at 12 hours (at the deadline is on time)
    const breached = async (id: string) => (await i.s.services.store.getCase(id))!.clocks['ticket-on-site']!.breached;
    await i.s.services.engine.fireDueTimers(T0 + 12 * HOUR);
    expect([await breached(first), await breached(second)]).toEqual([false, false]);
    // the first breaches just after 12 hours, the second an hour later
    await i.s.services.engine.fireDueTimers(T0 + 12 * HOUR + 1);
    expect([await breached(first), await breached(second)]).toEqual([true, false]);
    await i.s.services.engine.fireDueTimers(T0 + 13 * HOUR + 1);
    expect(await breached(second)).toBe(true);
    const breach = (await i.s.services.store.history(first)).find((e) => e.type === 'sf.sla');
    expect(breach?.at).toBe(T0 + 12 * HOUR + 1);
    expect((await auditVerify(i.dir)).code).toBe(0);
  });
});
