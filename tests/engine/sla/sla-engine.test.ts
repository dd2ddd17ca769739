// covers: CMP-4, CMP-6
import { readFileSync } from 'node:fs';
import { clockLineText } from '../../../engine/sla/clock-lines.ts';
import { describe, expect, it } from 'vitest';
import { allKinds, loadDefinitions } from '../../../engine/definitions/index.ts';
import type { OrganizationSpec } from '../../../engine/org/organization.ts';
import { createDirectory } from '../../../engine/runtime/actor.ts';
import { VirtualClock } from '../../../engine/runtime/clock.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import { createEngine } from '../../../engine/runtime/engine.ts';
import { counterIds } from '../../../engine/runtime/ids.ts';
import { createMemoryStore } from '../../../engine/store/index.ts';
import { at, local } from './sla-support.ts';

const files = ['base', 'valid-policy'].map((n) => ({
  path: `tests/fixtures/sla/${n}.yaml`,
  text: readFileSync(`tests/fixtures/sla/${n}.yaml`, 'utf8'),
}));
const loaded = loadDefinitions(files, allKinds);
const set = compileSet(loaded.docs.map((d) => d.def));
const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(
  org.users!.map((u) => ({
    username: u.username,
    unit: u.unit,
    roles: u.roles,
    ...(u.email ? { email: u.email } : {}),
  })),
);

describe('an SLA policy through the engine', () => {
  it('breaches a complaint plan, then escalates to the vice-president and the general manager, each once (CMP-4, CMP-6)', async () => {
    expect(loaded.issues).toEqual([]);
    const clock = new VirtualClock(at('2026-09-14T09:00'));
    const store = createMemoryStore();
    const engine = createEngine({
      store,
      clock,
      ids: counterIds(),
      directory: () => directory,
      current: () => set,
      version: (v) => (v === set.version ? set : undefined),
    });
    const staff = { username: 'b1.staff', unit: 'b1', roles: ['staff'] };

    // given a complaint received Monday 09:00: plan due Thursday 09:00 (24 working hours)
    const created = await engine.createCase(staff, 'complaint', {});
    expect(local(created.clocks['complaint-plan']!.deadline)).toBe('2026-09-17 09:00');
    expect((await store.timersOf(created.id)).map((t) => [t.id.split(':').at(-1), local(t.dueAt)])).toEqual([
      ['warning', '2026-09-16 11:00'],
      ['breach', '2026-09-17 09:00'],
      ['level-1', '2026-09-17 14:30'],
      ['level-2', '2026-09-18 09:00'],
    ]);

    // when the scheduler first runs at Friday noon (say the server was down) and catches up
    clock.set(at('2026-09-18T12:00'));
    expect(await engine.fireDueTimers()).toBe(4);
    expect(await engine.fireDueTimers()).toBe(0);

    // then the clock is breached with every threshold fired once, in order; the events are stamped
    // when they were processed, so the history never goes back in time, and the deadline stays
    const after = (await store.getCase(created.id))!;
    const c = after.clocks['complaint-plan']!;
    expect(c.breached).toBe(true);
    expect(c.fired).toEqual(['warning', 'breach', 'level-1', 'level-2']);
    expect(after.watchers).toEqual(['vp', 'gm']);
    const history = await store.history(created.id);
    expect(history.filter((e) => e.type === 'sf.sla').map((e) => [local(e.at), e.data['threshold']])).toEqual([
      ['2026-09-18 12:00', 'warning'],
      ['2026-09-18 12:00', 'breach'],
      ['2026-09-18 12:00', 'level-1'],
      ['2026-09-18 12:00', 'level-2'],
    ]);
    expect(history.map((e) => e.at)).toEqual([...history.map((e) => e.at)].sort((x, y) => x - y));
    expect(local(c.deadline)).toBe('2026-09-17 09:00');
    // the owner is told at the breach; the vice-president's escalation mail is urgent
    const outbox = await store.outboxOf(created.id);
    expect(outbox.map((o) => [o.channel, o.recipient, o.urgent])).toEqual([
      ['email', 'staff1@example.com', true],
      ['inapp', 'b1.staff', true],
      ['inapp', 'vp', true],
    ]);
    expect(await store.timersOf(created.id)).toEqual([]);

    // and resolving the complaint late stops the clock with an account of how late
    clock.set(at('2026-09-18T15:00'));
    await engine.sendEvent(created.id, { type: 'plan', actor: staff });
    const stopped = (await store.getCase(created.id))!.clocks['complaint-plan']!;
    expect(stopped.status).toBe('stopped');
    expect(stopped.explanation.map(clockLineText).at(-1)).toContain('after the deadline');
  });
});
