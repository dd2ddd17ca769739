import { describe, expect, it } from 'vitest';
import { fireClock, SLA_TIMER_EVENT, stepClocks, type SlaPolicySpec } from '../../../engine/sla/index.ts';
import { at, HOUR, local, slaSet, step } from './sla-support.ts';
import { noteText } from '../../../engine/runtime/note.ts';
import { clockLineText } from '../../../engine/sla/clock-lines.ts';

const onSite: SlaPolicySpec = {
  workflows: ['repair'],
  start: { on: 'create' },
  pause: [{ enter: 'waiting-customer' }],
  stop: [{ enter: 'on-site' }],
  target: { duration: '24h', calendar: 'standard' },
  deadlineFrom: '=data.appointmentAt',
  warning: { at: '75%', actions: [{ notify: { template: 'sla-warning', to: ['assignee'] } }] },
  breach: { actions: [{ score: { fact: 'late-on-site', unit: 'case' } }] },
};

const feedback: SlaPolicySpec = {
  workflows: ['complaint'],
  start: {
    on: 'create',
    when: {
      all: [
        { fact: 'clock', path: '$.isWorkingDay', operator: 'equal', value: true },
        { fact: 'clock', path: '$.minuteOfDay', operator: 'lessThan', value: 1080 },
      ],
    },
  },
  stop: [{ event: 'feedback' }],
  target: { duration: '1h', calendar: 'standard' },
};

describe('SLA clocks on the standard calendar', () => {
  it('carries a repair reported at 17:50 on the Friday before Tomb-sweeping Day over the holiday (NORM-4)', () => {
    // given the on-site clock and a repair created at 17:50 on Friday 2026-04-03; 04-04..06 are holidays
    const set = slaSet({ 'on-site': onSite });
    // when the case is created
    const r = stepClocks(step(set, {}, { now: at('2026-04-03T17:50'), created: true, entered: ['reported'] }));
    // then 10 minutes count on Friday and the rest from Tuesday: deadline Thursday 17:50
    const clock = r.clocks['on-site']!;
    expect(clock.status).toBe('running');
    expect(local(clock.deadline)).toBe('2026-04-09 17:50');
    expect(clock.targetMs).toBe(24 * HOUR);
    // and the explanation names the calendar, the start and the holidays skipped
    const text = clock.explanation.map(clockLineText).join('\n');
    expect(text).toContain("calendar 'standard'");
    expect(text).toContain('started 2026-04-03 17:50 (case created)');
    expect(text).toContain('2026-04-04 holiday (Tomb-sweeping Day)');
    expect(text).toContain('2026-04-06 holiday (Tomb-sweeping Day)');
    expect(text).toContain('deadline 2026-04-09 17:50');
    // and the warning (75% = 18h in) and the breach are durable timers with deterministic ids
    expect(r.schedule.map((t) => [t.id, local(t.dueAt)])).toEqual([
      ['C1:sla:on-site:warning', '2026-04-09 10:20'],
      ['C1:sla:on-site:breach', '2026-04-09 17:50'],
    ]);
    expect(r.schedule[0]!.event).toEqual({ type: SLA_TIMER_EVENT, data: { clock: 'on-site', threshold: 'warning' } });
  });

  it('does not start the 1-hour feedback clock for a complaint received at 18:05 (NORM-5)', () => {
    const set = slaSet({ feedback });
    const r = stepClocks(
      step(set, {}, { now: at('2026-09-14T18:05'), created: true, entered: ['received'] }, 'complaint'),
    );
    expect(r.clocks).toEqual({});
    expect(r.schedule).toEqual([]);
    expect(r.notes.map(noteText)).toContain('clock feedback not started: start.when does not hold at this time');
  });

  it('starts it for a complaint received at 17:30 and counts into the next morning', () => {
    const set = slaSet({ feedback });
    const r = stepClocks(step(set, {}, { now: at('2026-09-14T17:30'), created: true }, 'complaint'));
    expect(local(r.clocks['feedback']!.deadline)).toBe('2026-09-15 09:00');
  });

  it('follows a customer appointment later than 24 working hours (NORM-4)', () => {
    const set = slaSet({ 'on-site': onSite });
    const appointmentAt = new Date(at('2026-09-21T10:00')).toISOString();
    const r = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true, data: { appointmentAt } }));
    const clock = r.clocks['on-site']!;
    expect(local(clock.deadline)).toBe('2026-09-21 10:00');
    expect(clock.explanation.map(clockLineText).join('\n')).toContain(
      'customer appointment 2026-09-21 10:00 is later than the target: the deadline follows the appointment',
    );
  });

  it('keeps the working-time target when the appointment is earlier', () => {
    const set = slaSet({ 'on-site': onSite });
    const appointmentAt = new Date(at('2026-09-14T15:00')).toISOString();
    const r = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true, data: { appointmentAt } }));
    expect(local(r.clocks['on-site']!.deadline)).toBe('2026-09-17 09:00');
  });

  it('moves the deadline when the customer reschedules, and re-arms the timers', () => {
    const set = slaSet({ 'on-site': onSite });
    const first = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }));
    const later = new Date(at('2026-09-25T16:00')).toISOString();
    const r = stepClocks(
      step(set, first.clocks, { now: at('2026-09-14T10:00'), event: 'reschedule', data: { appointmentAt: later } }),
    );
    expect(local(r.clocks['on-site']!.deadline)).toBe('2026-09-25 16:00');
    expect(r.cancel).toContain('C1:sla:on-site:breach');
    // missed only after the deadline: the breach is due its first millisecond later
    expect(r.schedule.find((t) => t.id === 'C1:sla:on-site:breach')!.dueAt).toBe(at('2026-09-25T16:00') + 1);
  });

  it('pauses while waiting for the customer, keeps the working time used and recomputes on resume', () => {
    const set = slaSet({ 'on-site': onSite });
    // created Monday 09:00, 24h target: deadline Thursday 09:00
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true, entered: ['reported'] }));
    // paused Monday 11:00 after 2 working hours
    const c1 = stepClocks(
      step(set, c0.clocks, {
        now: at('2026-09-14T11:00'),
        event: 'ask-customer',
        entered: ['waiting-customer'],
        exited: ['reported'],
      }),
    );
    const paused = c1.clocks['on-site']!;
    expect(paused.status).toBe('paused');
    expect(paused.elapsedMs).toBe(2 * HOUR);
    expect(paused.deadline).toBeNull();
    expect(c1.cancel).toEqual(['C1:sla:on-site:warning', 'C1:sla:on-site:breach']);
    // an event while waiting keeps it paused
    const c2 = stepClocks(
      step(set, c1.clocks, { now: at('2026-09-15T10:00'), event: 'note', states: ['waiting-customer'] }),
    );
    expect(c2.clocks['on-site']!.status).toBe('paused');
    // resumed Wednesday 14:00: 22h remain, counted from then; Sunday 09-20 is a make-up working day
    const c3 = stepClocks(
      step(set, c2.clocks, {
        now: at('2026-09-16T14:00'),
        event: 'customer-replied',
        entered: ['reported'],
        exited: ['waiting-customer'],
      }),
    );
    const resumed = c3.clocks['on-site']!;
    expect(resumed.status).toBe('running');
    expect(resumed.elapsedMs).toBe(2 * HOUR);
    expect(local(resumed.deadline)).toBe('2026-09-20 10:30');
    const text = resumed.explanation.map(clockLineText).join('\n');
    expect(text).toContain('paused 2026-09-14 11:00 (in waiting-customer); 2h of 24h used');
    expect(text).toContain('resumed 2026-09-16 14:00 (left waiting-customer)');
    expect(text).toContain('target 2026-09-20 10:30: 22h of 24h of working time');
    expect(text).toContain('2026-09-20 make-up working day (National Day)');
    expect(c3.schedule.map((t) => t.id)).toEqual(['C1:sla:on-site:warning', 'C1:sla:on-site:breach']);
    // stopping on site keeps the working time used
    const c4 = stepClocks(step(set, c3.clocks, { now: at('2026-09-17T09:30'), event: 'arrive', entered: ['on-site'] }));
    expect(c4.clocks['on-site']!.status).toBe('stopped');
    expect(c4.clocks['on-site']!.elapsedMs).toBe(2 * HOUR + 4 * HOUR + 1 * HOUR);
    expect(c4.clocks['on-site']!.explanation.map(clockLineText).at(-1)).toContain('at or before the deadline');
  });

  it('runs two clocks on one case, each kept separately', () => {
    const response: SlaPolicySpec = {
      workflows: ['repair'],
      start: { on: 'create' },
      stop: [{ event: 'acknowledge' }],
      target: { duration: '1h', calendar: 'standard' },
    };
    const set = slaSet({ response, 'on-site': onSite });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }));
    expect(Object.keys(c0.clocks).sort()).toEqual(['on-site', 'response']);
    expect(local(c0.clocks['response']!.deadline)).toBe('2026-09-14 10:00');
    const c1 = stepClocks(step(set, c0.clocks, { now: at('2026-09-14T09:20'), event: 'acknowledge' }));
    expect(c1.clocks['response']!.status).toBe('stopped');
    expect(c1.clocks['on-site']!.status).toBe('running');
    expect(c1.cancel).toEqual(['C1:sla:response:breach']);
  });

  it('obeys explicit clock actions', () => {
    const manual: SlaPolicySpec = {
      workflows: ['other'],
      start: { on: { event: 'never' } },
      target: { duration: '2h' },
    };
    const set = slaSet({ manual });
    const c0 = stepClocks(
      step(set, {}, { now: at('2026-09-14T09:00'), event: 'x', explicit: [{ op: 'start', clock: 'manual' }] }),
    );
    expect(local(c0.clocks['manual']!.deadline)).toBe('2026-09-14 11:00');
    expect(c0.clocks['manual']!.explanation.map(clockLineText)[0]).toContain('of elapsed time (every hour counts');
    const c1 = stepClocks(
      step(set, c0.clocks, { now: at('2026-09-14T10:00'), event: 'y', explicit: [{ op: 'pause', clock: 'manual' }] }),
    );
    expect(c1.clocks['manual']!.status).toBe('paused');
    const c2 = stepClocks(
      step(set, c1.clocks, { now: at('2026-09-14T20:00'), event: 'z', explicit: [{ op: 'resume', clock: 'manual' }] }),
    );
    expect(local(c2.clocks['manual']!.deadline)).toBe('2026-09-14 21:00');
  });

  it('stops every clock when the case ends', () => {
    const set = slaSet({ 'on-site': onSite });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }));
    const c1 = stepClocks(step(set, c0.clocks, { now: at('2026-09-14T09:30'), event: 'cancel', done: true }));
    expect(c1.clocks['on-site']!.status).toBe('stopped');
    expect(c1.clocks['on-site']!.explanation.map(clockLineText).at(-1)).toContain('the case ended');
  });

  it('records, and notes, a deadline in a year the calendar has no holiday schedule for', () => {
    const set = slaSet({ 'on-site': onSite });
    const r = stepClocks(step(set, {}, { now: at('2026-12-31T17:00'), created: true }));
    expect(local(r.clocks['on-site']!.deadline)).toBe('2027-01-05 17:00');
    const line = "calendar 'standard' has no holiday schedule for 2027";
    expect(r.clocks['on-site']!.explanation.map(clockLineText).some((l) => l.startsWith(line))).toBe(true);
    expect(r.notes.some((n) => noteText(n).includes(line))).toBe(true);
  });
});

describe('firing thresholds', () => {
  const complaintPlan: SlaPolicySpec = {
    workflows: ['complaint'],
    start: { on: 'create' },
    stop: [{ enter: 'resolved' }],
    target: { duration: '24h', calendar: 'standard' },
    breach: { actions: [{ score: { fact: 'late-plan', unit: 'case' } }] },
    escalations: [
      { after: '4h', actions: [{ escalate: { role: 'vice-president', unit: 'root', urgent: true } }] },
      {
        name: 'general-manager',
        after: '1d',
        actions: [{ escalate: { role: 'general-manager', unit: 'root', urgent: true } }],
      },
    ],
  };

  it('escalates to level 1 and then level 2 after the breach, each exactly once (CMP-6)', () => {
    const set = slaSet({ plan: complaintPlan });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }, 'complaint'));
    const due = Object.fromEntries(c0.schedule.map((t) => [t.event.data['threshold'], local(t.dueAt)]));
    // breach Thursday 09:00; the vice-president 4 working hours later (over lunch); the general manager a working day later
    expect(due).toEqual({
      breach: '2026-09-17 09:00',
      'level-1': '2026-09-17 14:30',
      'general-manager': '2026-09-18 09:00',
    });

    const fire = (clocks: typeof c0.clocks, threshold: string, now: number) =>
      fireClock({ set, now, caseId: 'C1', clocks, data: { clock: 'plan', threshold } });
    expect(
      fire(c0.clocks, 'breach', at('2026-09-17T09:00')).clocks['plan']!.breached,
      'at the deadline it is still kept',
    ).toBe(false);
    const b = fire(c0.clocks, 'breach', at('2026-09-17T09:00') + 1);
    expect(b.clocks['plan']!.breached).toBe(true);
    expect(b.actions).toEqual(complaintPlan.breach!.actions);
    const l1 = fire(b.clocks, 'level-1', at('2026-09-17T14:30'));
    expect(l1.actions).toEqual(complaintPlan.escalations![0]!.actions);
    const l2 = fire(l1.clocks, 'general-manager', at('2026-09-18T09:00'));
    expect(l2.actions).toEqual(complaintPlan.escalations![1]!.actions);
    expect(l2.clocks['plan']!.fired).toEqual(['breach', 'level-1', 'general-manager']);
    expect(l2.clocks['plan']!.explanation.map(clockLineText).at(-1)).toBe(
      '2026-09-18 09:00 escalation general-manager (1d after the breach)',
    );

    // a repeated timer does nothing
    const again = fire(l2.clocks, 'level-1', at('2026-09-18T10:00'));
    expect(again.actions).toEqual([]);
    expect(again.clocks).toEqual(l2.clocks);
    expect(noteText(again.notes[0]!)).toContain('already fired');
  });

  it('ignores a timer that is early or whose clock stopped', () => {
    const set = slaSet({ plan: complaintPlan });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }, 'complaint'));
    const early = fireClock({
      set,
      now: at('2026-09-15T09:00'),
      caseId: 'C1',
      clocks: c0.clocks,
      data: { clock: 'plan', threshold: 'breach' },
    });
    expect(early.actions).toEqual([]);
    expect(noteText(early.notes[0]!)).toContain('not due before 2026-09-17 09:00');
    const c1 = stepClocks(step(set, c0.clocks, { now: at('2026-09-15T09:00'), entered: ['resolved'] }, 'complaint'));
    const late = fireClock({
      set,
      now: at('2026-09-17T09:00'),
      caseId: 'C1',
      clocks: c1.clocks,
      data: { clock: 'plan', threshold: 'breach' },
    });
    expect(late.actions).toEqual([]);
    expect(late.clocks['plan']!.breached).toBe(false);
  });

  it('reports how late a clock stopped after its breach', () => {
    const set = slaSet({ plan: complaintPlan });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true }, 'complaint'));
    const b = fireClock({
      set,
      now: at('2026-09-17T09:01'),
      caseId: 'C1',
      clocks: c0.clocks,
      data: { clock: 'plan', threshold: 'breach' },
    });
    const s = stepClocks(step(set, b.clocks, { now: at('2026-09-17T11:00'), entered: ['resolved'] }, 'complaint'));
    expect(s.clocks['plan']!.explanation.map(clockLineText).at(-1)).toContain('2h after the deadline');
    expect(s.cancel).toEqual(['C1:sla:plan:level-1', 'C1:sla:plan:general-manager']);
  });
});
