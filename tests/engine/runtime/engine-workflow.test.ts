// covers: P-7, ORG-5
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../../engine/runtime/engine-error.ts';
import { createSimulation, type Simulation } from '../../../engine/simulate/simulation.ts';
import { at, engineFixtureSet } from '../../helpers/engine-fixture.ts';

const set = engineFixtureSet();
const ticket = { customerName: 'Zhang San', phone: '13800138000', inWarranty: false };

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('the case engine on a virtual clock', () => {
  let sim: Simulation;
  beforeEach(() => {
    sim = createSimulation(set, at('2026-11-02T09:00:00+08:00'));
  });

  it('creates a case owned by its first contact, in its unit, at version 1', async () => {
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', ticket);
    expect(c).toMatchObject({
      workflow: 'ticket',
      unit: 'b1',
      owner: 'b1.staff',
      version: 1,
      activeStates: ['open'],
      definitionVersion: set.version,
    });
    expect(await sim.store.history(c.id)).toEqual([
      expect.objectContaining({ seq: 1, type: 'create', actor: 'b1.staff', actorUnit: 'b1', data: ticket }),
    ]);
  });

  it('makes the first staff member who handles a customer-created case its owner (ORG-5)', async () => {
    const c = await sim.engine.createCase(sim.actor('cust.a'), 'ticket', ticket);
    expect(c).toMatchObject({ owner: null, customerUser: 'cust.a' });
    const after = await sim.engine.sendEvent(c.id, { type: 'note', actor: sim.actor('b1.staff') });
    expect(after.owner).toBe('b1.staff');
    const later = await sim.engine.sendEvent(c.id, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      actor: sim.actor('b1.lead'),
    });
    expect(later.owner).toBe('b1.staff');
  });

  it('takes the first target whose guard holds, and assigns by expression', async () => {
    const warranty = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', { ...ticket, inWarranty: true });
    const other = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', ticket);
    const a = await sim.engine.sendEvent(warranty.id, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      actor: sim.actor('b1.lead'),
    });
    const b = await sim.engine.sendEvent(other.id, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      actor: sim.actor('b1.lead'),
    });
    expect(a.activeStates).toEqual(['vendor']);
    expect(b.activeStates).toEqual(['work.travelling']);
    expect(b.assignee).toBe('b1.tech');
    expect(b.data.dispatch).toEqual({ technician: 'b1.tech' });
    // Each later case asks the guard again, whichever way the cases before it went.
    for (const inWarranty of [true, false, true]) {
      const c = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', { ...ticket, inWarranty });
      const d = await sim.engine.sendEvent(c.id, {
        type: 'dispatch',
        data: { technician: 'b1.tech' },
        actor: sim.actor('b1.lead'),
      });
      expect(d.activeStates).toEqual([inWarranty ? 'vendor' : 'work.travelling']);
    }
  });

  it('rejects, with a typed error and nothing written: forbidden actor, invalid data, impossible event, failed guard, stale version, unknown case', async () => {
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', ticket);
    const before = JSON.stringify([await sim.store.getCase(c.id), await sim.store.history(c.id)]);
    expect(
      (
        await rejection(
          sim.engine.sendEvent(c.id, { type: 'dispatch', data: { technician: 'x' }, actor: sim.actor('b2.lead') }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await rejection(
          sim.engine.sendEvent(c.id, { type: 'dispatch', data: { technician: 'x' }, actor: sim.actor('b1.staff') }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const invalid = await rejection(
      sim.engine.sendEvent(c.id, { type: 'dispatch', data: { technician: '', extra: 1 }, actor: sim.actor('b1.lead') }),
    );
    expect(invalid.code).toBe('INVALID_DATA');
    expect(invalid.errors.map((e) => e.path).sort()).toEqual(['/extra', '/technician']);
    expect((await rejection(sim.engine.sendEvent(c.id, { type: 'arrive', actor: sim.actor('b1.tech') }))).code).toBe(
      'NOT_ALLOWED',
    );
    expect(
      (await rejection(sim.engine.sendEvent(c.id, { type: 'note', actor: sim.actor('b1.staff'), expectedVersion: 7 })))
        .code,
    ).toBe('STALE_VERSION');
    expect((await rejection(sim.engine.sendEvent('nope', { type: 'note', actor: sim.actor('b1.staff') }))).code).toBe(
      'UNKNOWN_CASE',
    );
    expect((await rejection(sim.engine.createCase(sim.actor('b1.lead'), 'ticket', ticket))).code).toBe('FORBIDDEN');
    expect(
      (
        await rejection(sim.engine.createCase(sim.actor('b1.staff'), 'ticket', { customerName: 'x', phone: '123' }))
      ).errors.map((e) => e.path),
    ).toEqual(['/phone']);
    expect(
      (await rejection(sim.engine.sendEvent(c.id, { type: 'sf.after:open:0', actor: sim.actor('b1.staff') }))).code,
    ).toBe('FORBIDDEN');
    expect(JSON.stringify([await sim.store.getCase(c.id), await sim.store.history(c.id)])).toBe(before);

    await sim.engine.sendEvent(c.id, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      actor: sim.actor('b1.lead'),
    });
    await sim.engine.sendEvent(c.id, { type: 'arrive', actor: sim.actor('b1.tech') });
    const guard = await rejection(
      sim.engine.sendEvent(c.id, {
        type: 'finish',
        data: { visitFee: 600, partsFee: 500 },
        actor: sim.actor('b1.tech'),
      }),
    );
    expect(guard).toMatchObject({ code: 'NOT_ALLOWED', message: 'totals of 1000 or more need a manager' });
  });

  it('computes form values, leaves nested states for an absolute target, and starts a linked case in the same commit', async () => {
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', ticket);
    await sim.engine.sendEvent(c.id, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      actor: sim.actor('b1.lead'),
    });
    await sim.engine.sendEvent(c.id, { type: 'arrive', actor: sim.actor('b1.tech') });
    const done = await sim.engine.sendEvent(c.id, {
      type: 'finish',
      data: { visitFee: 60.1, partsFee: 0.2 },
      actor: sim.actor('b1.tech'),
    });
    expect(done).toMatchObject({ done: true, activeStates: ['closed'] });
    expect(done.data.total).toBe(60.3);
    const link = done.links.find((l) => l.name === 'follow-up')!;
    const child = (await sim.store.getCase(link.caseId))!;
    expect(child).toMatchObject({
      workflow: 'follow-up',
      owner: 'b1.staff',
      unit: 'b1',
      data: { customerName: 'Zhang San' },
    });
    expect(child.links).toEqual([{ direction: 'parent', caseId: c.id, workflow: 'ticket', name: 'follow-up' }]);
  });

  it('signals back to the parent case when a linked case resolves (CMP-5 pattern)', async () => {
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', ticket);
    const waiting = await sim.engine.sendEvent(c.id, { type: 'escalate-hq', actor: sim.actor('b1.lead') });
    const review = waiting.links.find((l) => l.name === 'review')!;
    expect((await sim.store.getCase(review.caseId))!.unit).toBe('hq');
    await sim.engine.sendEvent(review.caseId, {
      type: 'answer',
      data: { answer: 'replace the unit' },
      actor: sim.actor('hq.mgr'),
    });
    const parent = (await sim.store.getCase(c.id))!;
    expect(parent.activeStates).toEqual(['work.travelling']);
    expect(parent.data.hqAnswer).toBe('replace the unit');
    expect((await sim.store.history(c.id)).map((e) => [e.type, e.actor])).toContainEqual(['hq-answered', 'system']);
  });

  it('fires working-time timers during advance, in order, exactly once, and cancels them when the state is left', async () => {
    // Monday 16:00: 4 working hours later is Tuesday 10:30 (the evening and the night do not count).
    sim.clock.set(at('2026-11-02T16:00:00+08:00'));
    const slow = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', ticket);
    const quick = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', ticket);
    await sim.engine.sendEvent(quick.id, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      actor: sim.actor('b1.lead'),
    });
    expect(await sim.store.timersOf(slow.id)).toEqual([
      expect.objectContaining({ dueAt: at('2026-11-03T10:30:00+08:00') }),
    ]);
    expect(await sim.store.timersOf(quick.id)).toEqual([]);
    await sim.advanceTo(at('2026-11-03T10:29:00+08:00'));
    expect(await sim.store.scoreFacts({})).toEqual([]);
    await sim.advanceTo(at('2026-11-04T12:00:00+08:00'));
    const facts = await sim.store.scoreFacts({});
    expect(facts).toEqual([
      expect.objectContaining({
        fact: 'slow-dispatch',
        unit: 'b1',
        caseId: slow.id,
        at: at('2026-11-03T10:30:00+08:00'),
      }),
    ]);
    await sim.advanceTo(at('2026-11-30T12:00:00+08:00'));
    expect(await sim.store.scoreFacts({})).toHaveLength(1);
  });

  it('is deterministic: the same inputs and clock give the same history, hashes included', async () => {
    const run = async () => {
      const s = createSimulation(set, at('2026-11-02T09:00:00+08:00'));
      const c = await s.engine.createCase(s.actor('b1.staff'), 'ticket', ticket);
      await s.engine.sendEvent(c.id, { type: 'dispatch', data: { technician: 'b1.tech' }, actor: s.actor('b1.lead') });
      await s.advanceTo(at('2026-11-10T09:00:00+08:00'));
      return s.store.history(c.id);
    };
    expect(await run()).toEqual(await run());
  });
});

describe('event data and recipients by address', () => {
  it('appends repeated events to a list and texts a customer known only by the phone in the case', async () => {
    const sim = createSimulation(set, at('2026-11-02T09:00:00+08:00'));
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'logbook', ticket);
    await sim.engine.sendEvent(c.id, { type: 'remark', data: { answer: 'first' }, actor: sim.actor('b1.staff') });
    const after = await sim.engine.sendEvent(c.id, {
      type: 'remark',
      data: { answer: 'second' },
      actor: sim.actor('b1.lead'),
    });
    expect(after.data.remarks).toEqual([{ answer: 'first' }, { answer: 'second' }]);
    const outbox = await sim.store.outboxOf(c.id);
    expect(outbox.filter((n) => n.channel === 'sms').map((n) => [n.recipient, n.body])).toEqual([
      ['13800138000', 'first'],
      ['13800138000', 'second'],
    ]);
    expect(outbox.filter((n) => n.channel === 'inapp').map((n) => n.recipient)).toEqual(['b1.staff', 'b1.staff']);
  });
});
