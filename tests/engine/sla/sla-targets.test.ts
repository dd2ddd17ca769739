import { describe, expect, it } from 'vitest';
import { noteText } from '../../../engine/runtime/note.ts';
import { clockLineText } from '../../../engine/sla/clock-lines.ts';
import { fireClock, stepClocks, type SlaPolicySpec } from '../../../engine/sla/index.ts';
import { at, local, slaSet, step } from './sla-support.ts';

/** Which clock a target counts (working or elapsed time), and a target at an agreed time. */
const elapsed24h: SlaPolicySpec = {
  workflows: ['repair'],
  start: { on: 'create' },
  stop: [{ event: 'arrive' }],
  target: { duration: '24h', clock: 'elapsed', calendar: 'standard' },
};
const working24h: SlaPolicySpec = {
  ...elapsed24h,
  target: { duration: '24h', clock: 'working', calendar: 'standard' },
};
const appointment: SlaPolicySpec = {
  workflows: ['repair'],
  start: { on: 'create' },
  stop: [{ event: 'arrive' }],
  target: { at: '=data.appointmentAt', clock: 'elapsed' },
};

const iso = (local: string) => `${local}:00+08:00`;

describe('which clock a target counts (NORM-4)', () => {
  it('counts 24 hours of elapsed time from a Monday 17:00 call: Tuesday 17:00, and says so', () => {
    const set = slaSet({ visit: elapsed24h });
    const r = stepClocks(step(set, {}, { now: at('2026-09-14T17:00'), created: true }));
    expect(local(r.clocks['visit']!.deadline)).toBe('2026-09-15 17:00');
    expect(r.clocks['visit']!.explanation.map(clockLineText)[0]).toBe(
      'policy visit: 24h of elapsed time (every hour counts, nights, weekends and holidays included; times in Asia/Shanghai)',
    );
  });

  it('counts 24 working hours from the same call: Thursday 17:00, and says so', () => {
    const set = slaSet({ visit: working24h });
    const r = stepClocks(step(set, {}, { now: at('2026-09-14T17:00'), created: true }));
    expect(local(r.clocks['visit']!.deadline)).toBe('2026-09-17 17:00');
    expect(r.clocks['visit']!.explanation.map(clockLineText)[0]).toBe(
      "policy visit: 24h of working time on calendar 'standard' (Asia/Shanghai)",
    );
  });

  it('counts elapsed time over a holiday: the National Day eve call is due the next evening', () => {
    const set = slaSet({ visit: elapsed24h });
    const r = stepClocks(step(set, {}, { now: at('2026-09-30T17:50'), created: true }));
    expect(local(r.clocks['visit']!.deadline)).toBe('2026-10-01 17:50');
  });
});

describe('a target at an agreed time', () => {
  it('does not start while no time is agreed, and never starts for a case that never gets one', () => {
    const set = slaSet({ appointment });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }));
    expect(c0.clocks).toEqual({});
    expect(c0.notes.map(noteText)).toEqual([]);
    const closed = stepClocks(step(set, c0.clocks, { now: at('2026-09-14T10:00'), event: 'guide', done: true }));
    expect(closed.clocks).toEqual({});
  });

  it('starts when a time is agreed, its deadline is that time even when it is earlier than any other promise', () => {
    const set = slaSet({ appointment, visit: elapsed24h });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }));
    const c1 = stepClocks(
      step(set, c0.clocks, {
        now: at('2026-09-14T10:00'),
        event: 'dispatch',
        data: { appointmentAt: iso('2026-09-14T15:00') },
      }),
    );
    expect(c1.clocks['appointment']).toMatchObject({
      status: 'running',
      startedAt: at('2026-09-14T10:00'),
      deadline: at('2026-09-14T15:00'),
    });
    expect(local(c1.clocks['visit']!.deadline), 'the 24-hour promise is unchanged').toBe('2026-09-15 09:00');
    expect(c1.clocks['appointment']!.explanation.map(clockLineText)).toContain(
      'deadline 2026-09-14 15:00: the agreed time (=data.appointmentAt), kept by a stop at or before it; times in Asia/Shanghai',
    );
    expect(c1.schedule.map((t) => [t.id, t.dueAt])).toEqual([
      ['C1:sla:appointment:breach', at('2026-09-14T15:00') + 1],
    ]);
  });

  it('follows a new agreed time, and a breach of the earlier one stands', () => {
    const set = slaSet({ appointment });
    const data = { appointmentAt: iso('2026-09-14T15:00') };
    const c1 = stepClocks(step(set, {}, { now: at('2026-09-14T10:00'), created: true, data }));
    const missed = fireClock({
      set,
      now: at('2026-09-14T15:00') + 1,
      caseId: 'C1',
      clocks: c1.clocks,
      data: { clock: 'appointment', threshold: 'breach' },
    });
    expect(missed.clocks['appointment']!.breached).toBe(true);
    const moved = stepClocks(
      step(set, missed.clocks, {
        now: at('2026-09-14T16:00'),
        event: 'reschedule',
        data: { appointmentAt: iso('2026-09-15T09:00') },
      }),
    );
    expect(local(moved.clocks['appointment']!.deadline)).toBe('2026-09-15 09:00');
    expect(moved.clocks['appointment']!.breached).toBe(true);
    expect(moved.clocks['appointment']!.explanation.map(clockLineText)).toContain(
      'the breach of the earlier agreed time stands',
    );
    expect(moved.schedule, 'a fired breach never fires again').toEqual([]);
  });

  it('says how long after the agreed time the stop came', () => {
    const set = slaSet({ appointment });
    const c1 = stepClocks(
      step(set, {}, { now: at('2026-09-14T10:00'), created: true, data: { appointmentAt: iso('2026-09-14T15:00') } }),
    );
    const s = stepClocks(
      step(set, c1.clocks, {
        now: at('2026-09-14T21:00'),
        event: 'arrive',
        data: { appointmentAt: iso('2026-09-14T15:00') },
      }),
    );
    expect(s.clocks['appointment']!.explanation.map(clockLineText).at(-1)).toBe(
      'stopped 2026-09-14 21:00 (event arrive), 6h after the agreed time',
    );
  });
});

describe('a stop exactly at the deadline is on time', () => {
  it('whether the stopping event comes first or the breach timer is tried at the deadline first', () => {
    const set = slaSet({ visit: elapsed24h });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T17:00'), created: true }));
    const deadline = at('2026-09-15T17:00');
    // the timer first: at the deadline itself it is not yet due, so nothing is breached
    const early = fireClock({
      set,
      now: deadline,
      caseId: 'C1',
      clocks: c0.clocks,
      data: { clock: 'visit', threshold: 'breach' },
    });
    expect(early.clocks['visit']!.breached).toBe(false);
    expect(early.actions).toEqual([]);
    // the stopping event at the deadline: on time
    const stopped = stepClocks(step(set, early.clocks, { now: deadline, event: 'arrive' }));
    expect(stopped.clocks['visit']).toMatchObject({ status: 'stopped', breached: false });
    expect(stopped.clocks['visit']!.explanation.map(clockLineText).at(-1)).toContain('at or before the deadline');
    expect(stopped.cancel).toContain('C1:sla:visit:breach');
  });
});
