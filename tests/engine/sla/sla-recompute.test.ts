import { describe, expect, it } from 'vitest';
import { clockLineText } from '../../../engine/sla/clock-lines.ts';
import type { CaseRecord } from '../../../engine/runtime/case-record.ts';
import { recomputeClocks, stepClocks, type SlaPolicySpec } from '../../../engine/sla/index.ts';
import { at, HOUR, local, slaSet, step } from './sla-support.ts';

const plan = (duration: string): SlaPolicySpec => ({
  workflows: ['repair'],
  start: { on: 'create' },
  pause: [{ enter: 'waiting' }],
  target: { duration, calendar: 'standard' },
});
const record = (clocks: CaseRecord['clocks']): CaseRecord => ({
  id: 'C1',
  workflow: 'repair',
  definitionVersion: 'old',
  unit: 'b1',
  owner: null,
  assignee: null,
  watchers: [],
  customerUser: null,
  records: {},
  state: 'reported',
  activeStates: ['reported'],
  done: false,
  data: {},
  version: 3,
  createdAt: at('2026-09-14T09:00'),
  updatedAt: at('2026-09-14T09:00'),
  clocks,
  links: [],
});

describe('recomputing open clocks after a published policy change', () => {
  it('reports which deadlines moved, keeping working time used and fired thresholds', () => {
    // given a 24h clock started Monday 09:00 (deadline Thursday 09:00) and another case's paused clock
    const oldSet = slaSet({ 'on-site': plan('24h') });
    const running = stepClocks(step(oldSet, {}, { now: at('2026-09-14T09:00'), created: true })).clocks;
    // when the administrator publishes 16h and recomputes on Monday 11:00
    const newSet = slaSet({ 'on-site': plan('16h') });
    const r = recomputeClocks(newSet, record(running), at('2026-09-14T11:00'));
    // then the deadline moves to Wednesday 09:00 and the report says so
    expect(local(r.clocks['on-site']!.deadline)).toBe('2026-09-16 09:00');
    expect(r.moved).toEqual([
      expect.objectContaining({
        clock: 'on-site',
        from: at('2026-09-17T09:00'),
        to: at('2026-09-16T09:00'),
        targetFrom: 24 * HOUR,
        targetTo: 16 * HOUR,
      }),
    ]);
    expect(r.moved[0]!.summary).toBe('C1 on-site: deadline 2026-09-17 09:00 -> 2026-09-16 09:00');
    expect(r.schedule.map((t) => [t.id, local(t.dueAt)])).toEqual([['C1:sla:on-site:breach', '2026-09-16 09:00']]);
    expect(r.cancel).toEqual([]);
    expect(r.clocks['on-site']!.explanation.map(clockLineText).join('\n')).toContain(
      'recomputed 2026-09-14 11:00 with the published policy and calendar',
    );
  });

  it('changes nothing, and reports nothing, when the policy is the same', () => {
    const set = slaSet({ 'on-site': plan('24h') });
    const running = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true })).clocks;
    const r = recomputeClocks(slaSet({ 'on-site': plan('24h') }), record(running), at('2026-09-15T09:00'));
    expect(r.moved).toEqual([]);
    expect(r.clocks).toEqual(running);
    expect(r.schedule).toEqual([]);
  });

  it('updates the target of a paused clock without arming timers', () => {
    const set = slaSet({ 'on-site': plan('24h') });
    const c0 = stepClocks(step(set, {}, { now: at('2026-09-14T09:00'), created: true })).clocks;
    const c1 = stepClocks(step(set, c0, { now: at('2026-09-14T10:00'), entered: ['waiting'] })).clocks;
    const r = recomputeClocks(slaSet({ 'on-site': plan('8h') }), record(c1), at('2026-09-14T11:00'));
    expect(r.clocks['on-site']).toMatchObject({
      status: 'paused',
      targetMs: 8 * HOUR,
      elapsedMs: HOUR,
      deadline: null,
    });
    expect(r.moved[0]!.summary).toBe('C1 on-site (paused): target 24h -> 8h');
    expect(r.schedule).toEqual([]);
  });
});
