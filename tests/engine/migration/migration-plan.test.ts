// The pure planning step of a migration (issue 18 item 3): state values from mapped leaves, the
// nearest mapping key, whether a state can be left, and what planCase does to a case's timers and
// data (P-3: the version a case runs on changes only through its recorded `migrated` event).
import { describe, expect, it } from 'vitest';
import { validateSet } from '../../../engine/definitions/index.ts';
import {
  canLeave,
  checkMigration,
  mappedLeaf,
  planCase,
  stateValueOf,
  type MigrationSpec,
} from '../../../engine/migration/index.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import type { CompiledSet } from '../../../engine/runtime/compiled-set.ts';
import { createSimulation } from '../../../engine/simulate/simulation.ts';
import { renamedOpen, shortNames, versionA } from './migration-support.ts';

const T0 = Date.parse('2026-03-02T01:00:00Z'); // Monday 09:00 in Shanghai
const HOUR = 3_600_000;
const compile = (files: ReturnType<typeof versionA>): CompiledSet =>
  compileSet(validateSet(files, T0).docs.map((d) => d.def));
const A = compile(versionA());
const spec = (to: CompiledSet, stateMapping: Record<string, string> = {}): MigrationSpec => ({
  workflow: 'ticket',
  from: { set: A, seq: 1 },
  to: { set: to, seq: 2 },
  stateMapping,
  clocksOnly: false,
  reason: 'test',
});

describe('state mapping', () => {
  it('builds xstate values from leaf paths, nested and parallel', () => {
    expect(stateValueOf(['open'])).toBe('open');
    expect(stateValueOf(['work.fixing'])).toEqual({ work: 'fixing' });
    expect(stateValueOf(['p.a.x', 'p.b.y'])).toEqual({ p: { a: 'x', b: 'y' } });
  });

  it('takes the nearest key: a leaf of its own, else its ancestor, else the same path', () => {
    const mapping = { work: 'registered', 'work.fixing': 'vendor' };
    expect(mappedLeaf(mapping, 'work.fixing')).toBe('vendor');
    expect(mappedLeaf(mapping, 'work.travelling')).toBe('registered');
    expect(mappedLeaf(mapping, 'open')).toBe('open');
  });

  it("knows a state no transition leaves from one an ancestor's event or a timer leaves", () => {
    const b = compile(renamedOpen()).workflows.get('ticket')!;
    expect(canLeave(b, 'parked')).toBe(false);
    expect(canLeave(b, 'registered')).toBe(true);
    expect(canLeave(b, 'work.travelling')).toBe(true);
  });

  it('checks every problem at once, each at its path', () => {
    const problems = checkMigration(spec(compile(renamedOpen()), { vendor: 'parked', 'work.fixing': 'closed' }), 'en');
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/stateMapping/vendor', 'targetStuck'],
      ['/stateMapping/work.fixing', 'targetFinal'],
      ['/stateMapping/open', 'stateUnmapped'],
    ]);
  });
});

describe('planCase', () => {
  it('does not arm again a timer that already fired in the state, and says so', async () => {
    // given a ticket registered Monday 09:00 whose 4-working-hour timer fired at 14:30
    const sim = createSimulation(A, T0);
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', {
      customerName: 'Zhang',
      phone: '13800000009',
    });
    await sim.advanceTo(T0 + 8 * HOUR);
    const history = await sim.store.history(c.id);
    expect(history.map((e) => e.type)).toContain('sf.after:open:0');
    const record = (await sim.store.getCase(c.id))!;
    // when it is planned onto B, where `open` is `registered` with a 2-hour timer
    const plan = planCase({
      spec: spec(compile(renamedOpen()), { open: 'registered' }),
      record,
      history,
      now: T0 + 8 * HOUR,
      actor: { username: 'admin', unit: null },
      batch: 'b',
      locale: 'en',
    });
    // then A's timer, gone, is not listed as removed, nor B's armed: the state's timer has had its turn
    expect(plan.outcome).toBe('migrate');
    expect(plan.timers.added.filter((t) => t.id.includes('sf.after'))).toEqual([]);
    expect(plan.timers.removed).toEqual([]);
    expect(plan.notes.map((n) => n.code)).toEqual(['timerFired']);
    expect(plan.commit?.events[0]).toMatchObject({
      type: 'migrated',
      seq: record.version + 1,
      from: ['open'],
      to: ['registered'],
      data: { batch: 'b', stateMapping: { open: 'registered' } },
    });
    expect(plan.commit?.cases[0]).toMatchObject({
      expectedVersion: record.version,
      record: { definitionVersion: compile(renamedOpen()).version, activeStates: ['registered'] },
    });
  });

  it('refuses a case whose recorded data the new form refuses, and only what the new form adds', async () => {
    const sim = createSimulation(A, T0);
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', {
      customerName: 'Zhang Sanfeng',
      phone: '13800000009',
    });
    const plan = planCase({
      spec: spec(compile(shortNames())),
      record: (await sim.store.getCase(c.id))!,
      history: await sim.store.history(c.id),
      now: T0,
      actor: { username: 'admin', unit: null },
      batch: null,
      locale: 'en',
    });
    expect(plan.outcome).toBe('refused');
    expect(plan.commit).toBeUndefined();
    expect(plan.dataRefusals.map((r) => [r.seq, r.path, r.code])).toEqual([[1, '/customerName', 'maxLength']]);
  });
});
