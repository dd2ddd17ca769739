import { createDirectory, type Actor, type DirectoryUser } from '../runtime/actor.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { createEngine, type Engine } from '../runtime/engine.ts';
import { counterIds } from '../runtime/ids.ts';
import { createRecordsView, type RecordEntry } from '../runtime/records-view.ts';
import type { OrganizationSpec } from '../org/organization.ts';
import { createMemoryStore } from '../store/index.ts';
import type { Store } from '../store/store.ts';
import { localize } from '../localized.ts';
import { nextScheduleRun, runSchedules } from '../schedules/index.ts';

/** An engine on a virtual clock and an in-memory store: what scenarios and tests run against. */
export interface Simulation {
  readonly engine: Engine;
  readonly clock: VirtualClock;
  readonly store: Store;
  readonly set: CompiledSet;
  actor(username: string): Actor;
  /**
   * Moves the clock to `to`, firing every timer and every schedule run due on the way at its due
   * time, in time order (a timer before a run due at the same instant). Schedules count from the
   * simulation's start. Returns how many timers fired and runs were recorded.
   */
  advanceTo(to: number): Promise<number>;
  /** Archive records: the scenario's, plus those cases created (spec.records with fill). */
  records(): readonly RecordEntry[];
  /** Facts recorded about users by workflows (userFact actions). */
  userFacts(username: string): Readonly<Record<string, unknown>>;
}

/**
 * `records`: archive records decisions may look up (e.g. a duty roster), as the server keeps them.
 * `options.explain` false: decisions without their wording (EngineDeps.explain), as the impact
 * replay makes them; a test compares the two.
 */
export function createSimulation(
  set: CompiledSet,
  start: number,
  extraUsers: readonly DirectoryUser[] = [],
  records: readonly RecordEntry[] = [],
  options: { readonly explain?: boolean } = {},
): Simulation {
  const org = set.definition<OrganizationSpec>(
    'Organization',
    set.docs.find((d) => d.kind === 'Organization')!.metadata.name,
  )!;
  const facts = new Map<string, Record<string, unknown>>();
  const users: DirectoryUser[] = [
    ...(org.spec.users ?? []).map((u) => ({
      username: u.username,
      name: localize(u.name, 'zh-CN') || u.username,
      unit: u.unit,
      roles: u.roles,
      ...(u.email ? { email: u.email } : {}),
      ...(u.mobile ? { mobile: u.mobile } : {}),
    })),
    ...extraUsers,
  ];
  for (const u of [...(org.spec.users ?? []), ...extraUsers]) if (u.facts) facts.set(u.username, { ...u.facts });
  const withFacts = () => users.map((u) => ({ ...u, facts: facts.get(u.username) ?? {} }));
  let directory = createDirectory(withFacts());
  const clock = new VirtualClock(start);
  const store = createMemoryStore();
  // As the server does: a record id is written once; writing it again changes nothing.
  const archive = [...records];
  let recordsView = createRecordsView(archive);
  const engine = createEngine({
    store,
    clock,
    ids: counterIds(),
    directory: () => directory,
    records: () => recordsView,
    async writeRecords(writes) {
      for (const w of writes)
        if (!archive.some((r) => r.type === w.type && r.id === w.id))
          archive.push({ type: w.type, id: w.id, unit: w.unit, data: w.data });
      recordsView = createRecordsView(archive);
    },
    current: () => set,
    version: (v) => (v === set.version ? set : undefined),
    explain: options.explain ?? true,
    onCommit(_changed, commit) {
      const changes = (commit as { userFacts?: { username: string; fact: string; value: unknown }[] }).userFacts ?? [];
      if (changes.length === 0) return;
      for (const c of changes) facts.set(c.username, { ...(facts.get(c.username) ?? {}), [c.fact]: c.value });
      directory = createDirectory(withFacts());
    },
  });
  return {
    engine,
    clock,
    store,
    set,
    actor(username) {
      const u = directory.user(username);
      if (!u) throw new Error(`unknown user "${username}"`);
      return { username: u.username, unit: u.unit, roles: u.roles, facts: facts.get(u.username) ?? {} };
    },
    async advanceTo(to) {
      let fired = 0;
      for (;;) {
        const timer = await store.nextTimerDue();
        const run = await nextScheduleRun(set, store, { startedAt: start, now: clock.now() });
        const next = timer === null ? run : run === null ? timer : Math.min(timer, run);
        if (next === null || next > to) break;
        if (next > clock.now()) clock.set(next);
        if (timer !== null && timer <= next) fired += await engine.fireDueTimers(next);
        else fired += (await runSchedules(engine, set, store, next, { startedAt: start })).length;
      }
      if (to > clock.now()) clock.set(to);
      return fired;
    },
    records: () => archive,
    userFacts: (username) => facts.get(username) ?? {},
  };
}
