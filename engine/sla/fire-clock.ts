import type { ClockState } from '../runtime/case-record.ts';
import { thresholdDue } from './clock-deadline.ts';
import { clockMath } from './clock-math.ts';
import { note } from '../runtime/note.ts';
import { clockLine } from './clock-lines.ts';
import { formatInstant } from './explain-clock.ts';
import { policyNamed } from './policy-lookup.ts';
import type { ClockFire, ClockFireResult } from './sla-step.ts';

/**
 * A threshold timer fell due: marks it fired (once; a repeated or stale timer does nothing),
 * marks the clock breached at the breach threshold, and returns the threshold's actions for the
 * engine to run. A timer that no longer matches the clock (paused, stopped, deadline moved later)
 * is ignored with a note, so a timer that escaped cancellation cannot fire early.
 */
export function fireClock(fire: ClockFire): ClockFireResult {
  const clocks: Record<string, ClockState> = { ...fire.clocks };
  const name = String(fire.data['clock'] ?? '');
  const thresholdName = String(fire.data['threshold'] ?? '');
  const explain = fire.explain !== false;
  const ignore = (why: () => string): ClockFireResult => ({
    clocks,
    actions: [],
    notes: explain ? [note('clockTimerIgnored', { clock: name, threshold: thresholdName, why: why() })] : [],
  });
  const clock = clocks[name];
  if (!clock) return ignore(() => 'the case has no such clock');
  const policy = policyNamed(fire.set, clock.policy);
  if (!policy) return ignore(() => `policy ${clock.policy} is not in this definition version`);
  const threshold = policy.thresholds.find((t) => t.name === thresholdName);
  if (!threshold) return ignore(() => `policy ${policy.name} has no threshold ${thresholdName}`);
  if (clock.fired.includes(threshold.name)) return ignore(() => 'it already fired');
  if (clock.status !== 'running') return ignore(() => `the clock is ${clock.status}`);
  const math = clockMath(fire.set, policy, fire.unit);
  const due = thresholdDue(math, clock, threshold);
  if (due === null || due > fire.now)
    return ignore(() =>
      due === null ? 'the threshold no longer applies' : `it is not due before ${formatInstant(due, math.timeZone)}`,
    );

  clocks[name] = {
    ...clock,
    breached: clock.breached || threshold.kind === 'breach',
    fired: [...clock.fired, threshold.name],
    explanation: explain
      ? [
          ...clock.explanation,
          clockLine('thresholdReached', {
            at: fire.now,
            timeZone: math.timeZone,
            kind: threshold.kind,
            threshold: threshold.name,
            ...(threshold.kind === 'escalation' ? { after: threshold.afterText } : {}),
          }),
        ]
      : clock.explanation,
  };
  return {
    clocks,
    actions: threshold.actions,
    notes: explain
      ? [
          note('clockThreshold', {
            clock: name,
            clockTitle: policy.title,
            threshold: threshold.name,
            kind: threshold.kind,
          }),
        ]
      : [],
  };
}
