import type { Actor, DirectoryUser } from '../../engine/runtime/actor.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { Engine } from '../../engine/runtime/engine.ts';
import type { Store } from '../../engine/store/store.ts';
import type { RecordedCase, RecordedPeriod } from '../../engine/impact/index.ts';
import type { OrganizationSpec } from '../../engine/org/organization.ts';
import { localize } from '../../engine/localized.ts';

/**
 * A generated month of the impact fixture (tests/fixtures/impact/base): repairs registered at
 * random times, dispatched, reached 4 to 30 hours after registration (so a 24 h promise is broken
 * now and then and a 12 h one often), finished, and their return visits recorded. Seeded: the same
 * arguments give the same month.
 */
export interface MonthAction {
  readonly at: number;
  /** The repair (its index); `visit` acts on the return visit the repair started. */
  readonly key: number;
  readonly on: 'repair' | 'visit';
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

const HOUR = 3_600_000;
const BRANCHES = 4;

export function generateMonth(options: { start: number; days: number; cases: number; seed?: number }): MonthAction[] {
  const random = mulberry32(options.seed ?? 18);
  const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));
  const out: MonthAction[] = [];
  // Registrations stop three days before the end, so every case is finished inside the month.
  const span = (options.days - 3) * 24 * HOUR;
  for (let key = 0; key < options.cases; key++) {
    const b = `b${(key % BRANCHES) + 1}`;
    const created = options.start + between(0, span);
    const dispatched = created + between(HOUR / 4, 3 * HOUR);
    const arrived = Math.max(dispatched + HOUR / 6, created + between(4 * HOUR, 30 * HOUR));
    const finished = arrived + between(HOUR, 3 * HOUR);
    const visited = finished + between(12 * HOUR, 48 * HOUR);
    out.push(
      {
        at: created,
        key,
        on: 'repair',
        type: 'create',
        actor: `${b}.staff`,
        data: { customerName: `Customer ${key}` },
      },
      { at: dispatched, key, on: 'repair', type: 'dispatch', actor: `${b}.lead`, data: { technician: `${b}.tech` } },
      { at: arrived, key, on: 'repair', type: 'arrive', actor: `${b}.tech`, data: {} },
      { at: finished, key, on: 'repair', type: 'finish', actor: `${b}.tech`, data: {} },
      { at: visited, key, on: 'visit', type: 'record', actor: `${b}.staff`, data: { satisfied: true } },
    );
  }
  return out.sort((a, b) => a.at - b.at || a.key - b.key);
}

export interface MonthRun {
  readonly engine: Engine;
  readonly store: Store;
  now(): number;
  setTime(t: number): void;
  actor(username: string): Actor;
}

/**
 * Sends the month's actions through an engine as people would, at their times, firing every timer
 * due on the way at its due time; then runs the clock on to `until`. Returns the repairs' case ids.
 */
export async function driveMonth(actions: readonly MonthAction[], run: MonthRun, until: number): Promise<string[]> {
  const ids: string[] = [];
  const advance = async (to: number) => {
    for (;;) {
      const next = await run.store.nextTimerDue();
      if (next === null || next > to) break;
      if (next > run.now()) run.setTime(next);
      await run.engine.fireDueTimers(next);
    }
    if (to > run.now()) run.setTime(to);
  };
  for (const a of actions) {
    await advance(a.at);
    const actor = run.actor(a.actor);
    if (a.type === 'create') {
      ids[a.key] = (await run.engine.createCase(actor, 'repair', a.data)).id;
      continue;
    }
    let id = ids[a.key]!;
    if (a.on === 'visit') id = (await run.store.getCase(id))!.links.find((l) => l.name === 'visit')!.caseId;
    await run.engine.sendEvent(id, { type: a.type, data: a.data, actor });
  }
  await advance(until);
  return ids;
}

/**
 * The same month written directly as recorded cases, as a replay reads them from a store: each
 * repair with its people's events, the breach the engine recorded when 24 hours passed before
 * arrival, and the return visit it started (created by the engine, recorded by the desk). What the
 * engine recorded by itself is never sent again by a replay; it is here so the month has the
 * events a store would hold. For the bench, where running a hundred thousand cases through the
 * durable engine first would take longer than the replay it measures.
 */
export function monthAsRecorded(
  actions: readonly MonthAction[],
  version: string,
  from: number,
  to: number,
): RecordedPeriod {
  const repairs = new Map<number, { id: string; unit: string; events: RecordedCase['events'][number][] }>();
  const visits = new Map<number, { id: string; unit: string; events: RecordedCase['events'][number][] }>();
  for (const a of actions) {
    const unit = a.actor.split('.')[0]!;
    const id = `R${String(a.key).padStart(7, '0')}`;
    if (a.on === 'repair') {
      const c = repairs.get(a.key) ?? { id, unit, events: [] };
      repairs.set(a.key, c);
      if (a.type === 'arrive' && a.at - c.events[0]!.at > 24 * HOUR)
        c.events.push({
          seq: c.events.length + 1,
          type: 'sf.sla',
          actor: 'system',
          actorUnit: null,
          at: c.events[0]!.at + 24 * HOUR,
          data: {},
        });
      c.events.push({
        seq: c.events.length + 1,
        type: a.type,
        actor: a.actor,
        actorUnit: unit,
        at: a.at,
        data: a.data,
      });
      if (a.type === 'finish')
        visits.set(a.key, {
          id: `${id}V`,
          unit,
          events: [
            {
              seq: 1,
              type: 'create',
              actor: 'system',
              actorUnit: null,
              at: a.at,
              data: { customerName: a.data['customerName'] ?? '' },
            },
          ],
        });
    } else {
      const v = visits.get(a.key)!;
      v.events.push({
        seq: v.events.length + 1,
        type: a.type,
        actor: a.actor,
        actorUnit: unit,
        at: a.at,
        data: a.data,
      });
    }
  }
  const cases: RecordedCase[] = [];
  for (const [key, r] of repairs) {
    const v = visits.get(key);
    cases.push({
      id: r.id,
      workflow: 'repair',
      unit: r.unit,
      definitionVersion: version,
      createdAt: r.events[0]!.at,
      parent: null,
      links: v ? [{ direction: 'child', caseId: v.id, workflow: 'visit', name: 'visit' }] : [],
      events: r.events,
    });
    if (v)
      cases.push({
        id: v.id,
        workflow: 'visit',
        unit: v.unit,
        definitionVersion: version,
        createdAt: v.events[0]!.at,
        parent: { caseId: r.id, name: 'visit' },
        links: [{ direction: 'parent', caseId: r.id, workflow: 'repair', name: 'visit' }],
        events: v.events,
      });
  }
  return { from, to, cases };
}

/** The Organization's users as the directory knows them (names in Chinese, as the server seeds them). */
export function usersOf(set: CompiledSet): DirectoryUser[] {
  const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
  return (org.users ?? []).map((u) => ({
    username: u.username,
    name: localize(u.name, 'zh-CN') || u.username,
    unit: u.unit,
    roles: u.roles,
  }));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
