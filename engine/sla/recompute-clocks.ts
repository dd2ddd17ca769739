import type { CaseRecord, ClockState } from '../runtime/case-record.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import { note, type Note } from '../runtime/note.ts';
import { clockLine } from './clock-lines.ts';
import type { TimerRecord } from '../store/store.ts';
import { agreedDeadline, armThresholds, computeDeadline, disarmThresholds, toInstant } from './clock-deadline.ts';
import type { CompiledSla } from './compile-sla-policy.ts';
import { clockMath } from './clock-math.ts';
import { formatInstant, formatSpan } from './explain-clock.ts';
import { policyNamed } from './policy-lookup.ts';

export interface MovedDeadline {
  readonly caseId: string;
  readonly clock: string;
  readonly status: ClockState['status'];
  readonly from: number | null;
  readonly to: number | null;
  readonly targetFrom: number | null;
  readonly targetTo: number | null;
  /** One line for the audit report. */
  readonly summary: string;
}

export interface RecomputeResult {
  readonly clocks: Record<string, ClockState>;
  readonly schedule: TimerRecord[];
  readonly cancel: string[];
  /** Only the clocks whose deadline or target changed. */
  readonly moved: MovedDeadline[];
  readonly notes: Note[];
}

/**
 * Re-applies the policies and calendars of `set` (a newly published version) to the open clocks
 * of one case: working time already consumed stays as it was counted; the target comes from the
 * new policy and the rest is counted on the new calendar from the last start or resume. Stopped
 * clocks and clocks whose policy is gone stay unchanged. Thresholds already fired never fire again.
 * Pure; the explicit, audited admin step stores the result.
 */
export function recomputeClocks(set: CompiledSet, record: CaseRecord, now: number): RecomputeResult {
  const out: RecomputeResult = { clocks: { ...record.clocks }, schedule: [], cancel: [], moved: [], notes: [] };
  for (const [name, clock] of Object.entries(record.clocks)) {
    if (clock.status === 'stopped') continue;
    const policy = policyNamed(set, clock.policy);
    if (!policy) {
      out.notes.push(note('clockPolicyGone', { clock: name, policy: clock.policy }));
      continue;
    }
    const math = clockMath(set, policy, record.unit);
    const fmt = (t: number | null) => (t === null ? 'none' : formatInstant(t, math.timeZone));
    // Day targets are measured from the original start on the new calendar, as a new case would be.
    const agreed = policy.at ? instantOf(policy.at, record) : null;
    const targetMs = policy.target
      ? math.measure(clock.startedAt, math.add(clock.startedAt, policy.target))
      : agreed !== null
        ? clock.elapsedMs + Math.max(0, math.measure(clock.since, agreed))
        : clock.targetMs;
    let next: ClockState = { ...clock, targetMs };
    const lines: Note[] = [clockLine('recomputed', { ...math.counting(policy.targetText, !policy.target), at: now })];
    if (clock.status === 'running' && policy.at) {
      const d = agreed !== null ? agreedDeadline(policy, math, agreed) : null;
      if (d) {
        next = { ...next, deadline: d.deadline };
        lines.push(...d.lines);
      }
    } else if (clock.status === 'running') {
      const d = computeDeadline(
        policy,
        math,
        clock.since,
        (targetMs ?? 0) - clock.elapsedMs,
        policy.deadlineFrom ? instantOf(policy.deadlineFrom, record) : null,
      );
      next = { ...next, deadline: d.deadline };
      lines.push(
        clockLine('usedKept', { usedMs: clock.elapsedMs, at: clock.since, timeZone: math.timeZone }),
        ...d.lines,
      );
      out.notes.push(...d.notes);
    }
    if (next.deadline === clock.deadline && next.targetMs === clock.targetMs) continue;
    next = { ...next, explanation: [...clock.explanation, ...lines] };
    out.clocks[name] = next;
    if (clock.status === 'running') {
      out.cancel.push(...disarmThresholds(policy, record.id, clock));
      out.schedule.push(...armThresholds(policy, math, record.id, next));
    }
    out.moved.push({
      caseId: record.id,
      clock: name,
      status: clock.status,
      from: clock.deadline,
      to: next.deadline,
      targetFrom: clock.targetMs,
      targetTo: next.targetMs,
      summary:
        clock.status === 'running'
          ? `${record.id} ${name}: deadline ${fmt(clock.deadline)} -> ${fmt(next.deadline)}`
          : `${record.id} ${name} (paused): target ${formatSpan(clock.targetMs ?? 0)} -> ${formatSpan(targetMs ?? 0)}`,
    });
  }
  out.cancel.splice(0, out.cancel.length, ...out.cancel.filter((id) => !out.schedule.some((s) => s.id === id)));
  return out;
}

function instantOf(expression: NonNullable<CompiledSla['at']>, record: CaseRecord): number | null {
  try {
    return toInstant(
      expression({ data: record.data, case: { id: record.id, unit: record.unit, workflow: record.workflow } }),
    );
  } catch {
    return null;
  }
}
