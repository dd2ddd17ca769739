// covers: P-7, INFO-5
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDirectory } from '../../../engine/runtime/actor.ts';
import { VirtualClock } from '../../../engine/runtime/clock.ts';
import { createEngine } from '../../../engine/runtime/engine.ts';
import { counterIds } from '../../../engine/runtime/ids.ts';
import { createMemoryStore } from '../../../engine/store/memory-store.ts';
import { type Store } from '../../../engine/store/index.ts';
import { openSqliteStore } from '../../../adapters/sqlite/store/sqlite-store.ts';
import type { OrganizationSpec } from '../../../engine/org/organization.ts';
import { at, engineFixtureSet } from '../../helpers/engine-fixture.ts';

const set = engineFixtureSet();
const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
const actor = (name: string) => {
  const u = directory.user(name)!;
  return { username: u.username, unit: u.unit, roles: u.roles };
};
const dir = mkdtempSync(join(tmpdir(), 'sf-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engineOn(file: string, clock: VirtualClock, prefix: string) {
  const store = openSqliteStore(file);
  const engine = createEngine({
    store,
    clock,
    ids: counterIds(prefix),
    directory: () => directory,
    current: () => set,
    version: (v) => (v === set.version ? set : undefined),
  });
  return { store, engine };
}

describe('the engine on SQLite', () => {
  it('continues a case after the database is closed and reopened, timers included', async () => {
    const file = join(dir, 'cases.db');
    const clock = new VirtualClock(at('2026-11-02T16:00:00+08:00'));
    const first = engineOn(file, clock, 'a');
    const c = await first.engine.createCase(actor('b1.staff'), 'ticket', { customerName: 'Li', phone: '13900139000' });
    await first.store.close();

    clock.set(at('2026-11-03T12:00:00+08:00'));
    const second = engineOn(file, clock, 'b');
    expect(await second.engine.fireDueTimers()).toBe(1);
    expect(await second.engine.fireDueTimers()).toBe(0);
    const moved = await second.engine.sendEvent(c.id, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      actor: actor('b1.lead'),
      expectedVersion: 2,
    });
    expect(moved).toMatchObject({ version: 3, assignee: 'b1.tech', activeStates: ['work.travelling'] });
    const history = await second.store.history(c.id);
    expect(history.map((e) => e.type)).toEqual(['create', 'sf.after:open:0', 'dispatch']);
    expect(history[2]!.prevHash).toBe(history[1]!.hash);
    expect(await second.store.scoreFacts({ unit: 'b1' })).toHaveLength(1);
    await second.store.close();
  });

  it('fires many due timers together with the same outcome, in the same order, as one at a time in memory', async () => {
    // given the same cases, some with two due timers, on SQLite (which writes a batch of commits in
    // one transaction) and in memory (which commits each before the next is decided)
    const clock = new VirtualClock(at('2026-11-02T16:00:00+08:00'));
    const told = { sqlite: [] as string[], memory: [] as string[] };
    const onCommit = (into: string[]) => (changed: readonly { id: string; version: number }[]) =>
      into.push(...changed.map((c) => `${c.id}@${c.version}`));
    const sqliteStore = openSqliteStore(join(dir, 'batch.db'));
    const memoryStore = createMemoryStore();
    const engines = [sqliteStore, memoryStore].map((store, i) =>
      createEngine({
        store,
        clock,
        ids: counterIds('t'),
        directory: () => directory,
        current: () => set,
        version: () => set,
        onCommit: onCommit(i === 0 ? told.sqlite : told.memory),
      }),
    );
    for (const engine of engines) {
      for (let i = 0; i < 12; i++) {
        const c = await engine.createCase(actor('b1.staff'), 'ticket', { customerName: `C${i}`, phone: '13900139000' });
        if (i % 3 === 0) {
          await engine.store.commit({
            cases: [],
            events: [],
            outbox: [],
            scoreFacts: [],
            timers: {
              schedule: [
                {
                  id: `${c.id}-again`,
                  caseId: c.id,
                  dueAt: at('2026-11-03T11:00:00+08:00'),
                  event: { type: 'note', data: {} },
                },
              ],
              cancel: [],
            },
          });
        }
      }
    }
    told.sqlite.length = 0;
    told.memory.length = 0;
    clock.set(at('2026-11-03T12:00:00+08:00'));
    // when both fire what is due
    const fired = await Promise.all(engines.map((engine) => engine.fireDueTimers()));
    // then each timer fired once, the histories are the same event for event (hashes included),
    // the day anchors fold the same append order, and commits were told in the same order
    expect(fired[0]).toBe(16);
    expect(fired[1]).toBe(16);
    expect(await Promise.all(engines.map((engine) => engine.fireDueTimers()))).toEqual([0, 0]);
    const histories = async (store: Store) => {
      const events = [];
      for await (const event of store.allEventsForAudit()) events.push(event);
      return events;
    };
    expect(await histories(sqliteStore)).toEqual(await histories(memoryStore));
    expect(await sqliteStore.dayAnchors()).toEqual(await memoryStore.dayAnchors());
    expect(told.sqlite).toEqual(told.memory);
    // ('note' is not an event of the state the first timer left the case in: the second timer is consumed without a change)
    expect(told.sqlite).toHaveLength(12);
    await sqliteStore.close();
  });

  it('writes nothing when a second writer loses the race for a version', async () => {
    const clock = new VirtualClock(at('2026-11-02T09:00:00+08:00'));
    const { store, engine } = engineOn(join(dir, 'race.db'), clock, 'r');
    const c = await engine.createCase(actor('b1.staff'), 'ticket', { customerName: 'Wu', phone: '13700137000' });
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => engine.sendEvent(c.id, { type: 'note', actor: actor('b1.staff'), expectedVersion: 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      ['STALE_VERSION', 'STALE_VERSION'],
    );
    expect((await store.history(c.id)).map((e) => e.seq)).toEqual([1, 2]);
    await store.close();
  });
});
