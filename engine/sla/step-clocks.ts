import type { ClockOperation } from '../runtime/action-context.ts';
import type { ClockState } from '../runtime/case-record.ts';
import { note, type Note } from '../runtime/note.ts';
import { agreedDeadline, armThresholds, computeDeadline, disarmThresholds, toInstant } from './clock-deadline.ts';
import { clockMath, type ClockMath } from './clock-math.ts';
import { inState, type CompiledSla } from './compile-sla-policy.ts';
import { clockLine, type Why } from './clock-lines.ts';
import { policiesFor, policyNamed } from './policy-lookup.ts';
import type { ClockStep, ClockStepResult } from './sla-step.ts';

/**
 * What one decision does to a case's clocks, for every policy of its workflow and every clock an
 * action names: start (trigger, then `appliesWhen` and `start.when`), stop (trigger, or the case
 * ends), pause and resume (states or events), and a moved appointment. Pure: returns the new
 * clocks, the threshold timers to (re)arm and to cancel, and notes for the event's effects.
 * Order within one step: start, stop, pause/resume, appointment or agreed time.
 */
const NO_OPS: readonly ClockOperation[] = [];

export function stepClocks(step: ClockStep): ClockStepResult {
  // Copied member by member: a spread copy that then gets a new member (a clock starting) costs
  // V8 more than the rest of an idle step.
  const clocks: Record<string, ClockState> = {};
  for (const name in step.clocks) clocks[name] = step.clocks[name]!;
  const out: ClockStepResult = { clocks, schedule: [], cancel: [], notes: [] };
  const workflowPolicies = policiesFor(step.set, step.workflow);
  if (step.explicit.length === 0) {
    for (const policy of workflowPolicies) stepOne(step, policy, NO_OPS, out);
    return out;
  }
  const explicit = new Map<string, ClockOperation[]>();
  for (const op of step.explicit) explicit.set(op.clock, [...(explicit.get(op.clock) ?? []), op]);
  const policies = [...workflowPolicies];
  for (const name of explicit.keys()) {
    const p = policyNamed(step.set, name);
    if (!p) {
      if (step.explain !== false) out.notes.push(note('clockNoPolicy', { clock: name }));
    } else if (!policies.includes(p)) policies.push(p);
  }
  for (const policy of policies) stepOne(step, policy, explicit.get(policy.name) ?? NO_OPS, out);
  return out;
}

function stepOne(step: ClockStep, policy: CompiledSla, ops: readonly ClockOperation[], out: ClockStepResult): void {
  const math = clockMath(step.set, policy, step.unit);
  const zone = math.timeZone;
  const explain = step.explain !== false;
  const has = (op: ClockOperation['op']) => ops.some((o) => o.op === op);
  let clock = out.clocks[policy.name];

  if (!clock || (clock.status === 'stopped' && has('start'))) {
    const trigger: Reason | null = has('start') ? { why: 'action' } : startTrigger(step, policy);
    // A clock on an agreed time that starts on `create` waits for the time to be agreed: it starts
    // at the first change of the case that gives one (no note while it waits; most cases do).
    const waits = policy.at !== null && policy.startOn === 'create' && !clock && !step.done;
    if (trigger === null && !waits) return;
    const agreed = policy.at ? agreedOf(step, policy, out) : null;
    const quiet = waits && !has('start');
    if (policy.at && agreed === null) {
      if (!quiet && explain)
        out.notes.push(
          note('clockNotStartedNoTime', { clock: policy.name, clockTitle: policy.title, target: policy.targetText }),
        );
      return;
    }
    const refusal = has('start') ? null : startRefusal(step, policy);
    if (refusal) {
      if (!quiet && explain)
        out.notes.push(note('clockNotStarted', { clock: policy.name, clockTitle: policy.title, condition: refusal }));
      return;
    }
    clock = startClock(step, policy, math, trigger ?? { why: 'agreed' }, agreed, out);
  }
  if (clock.status === 'stopped') return;

  const stopWhy: Reason | null = has('stop')
    ? { why: 'action' }
    : step.done
      ? { why: 'ended' }
      : stopTrigger(step, policy);
  if (stopWhy) {
    const elapsedMs =
      clock.status === 'running' ? clock.elapsedMs + math.measure(clock.since, step.now) : clock.elapsedMs;
    // At the deadline itself is on time (see MISSED_AFTER_MS).
    const late = clock.deadline !== null && step.now > clock.deadline;
    const verdict = clock.status === 'paused' ? 'whilePaused' : late ? 'late' : 'onTime';
    out.cancel.push(...disarmThresholds(policy, step.caseId, clock));
    out.clocks[policy.name] = {
      ...clock,
      status: 'stopped',
      elapsedMs,
      since: step.now,
      stoppedAt: step.now,
      explanation: explain
        ? [
            ...clock.explanation,
            clockLine('stopped', {
              at: step.now,
              timeZone: zone,
              ...stopWhy,
              verdict,
              agreed: policy.at ? 1 : 0,
              ...(late ? { lateMs: math.measure(clock.deadline!, step.now) } : {}),
              ...(policy.at ? {} : { usedMs: elapsedMs, targetMs: clock.targetMs ?? 0 }),
            }),
          ]
        : clock.explanation,
    };
    if (explain) out.notes.push(note('clockStopped', { clock: policy.name, clockTitle: policy.title }));
    return;
  }

  const pauseWhy: Reason | null = has('pause') ? { why: 'action' } : pauseTrigger(step, policy);
  const resumeWhy: Reason | null = has('resume') ? { why: 'action' } : resumeTrigger(step, policy);
  if (clock.status === 'running' && pauseWhy && !has('resume')) {
    const elapsedMs = clock.elapsedMs + math.measure(clock.since, step.now);
    out.cancel.push(...disarmThresholds(policy, step.caseId, clock));
    out.clocks[policy.name] = {
      ...clock,
      status: 'paused',
      elapsedMs,
      since: step.now,
      deadline: null,
      explanation: explain
        ? [
            ...clock.explanation,
            clockLine('paused', {
              at: step.now,
              timeZone: zone,
              ...pauseWhy,
              usedMs: elapsedMs,
              targetMs: clock.targetMs ?? 0,
            }),
          ]
        : clock.explanation,
    };
    if (explain) out.notes.push(note('clockPaused', { clock: policy.name, clockTitle: policy.title }));
    return;
  }
  if (clock.status === 'paused' && resumeWhy && (has('resume') || !pauseTrigger(step, policy))) {
    const resumed: ClockState = { ...clock, status: 'running', since: step.now };
    const agreed = policy.at ? agreedOf(step, policy, out) : null;
    const d = policy.at
      ? agreed !== null
        ? agreedDeadline(policy, math, agreed, explain)
        : { deadline: null, lines: explain ? [clockLine('noAgreedTime', {})] : [], notes: [] }
      : computeDeadline(
          policy,
          math,
          step.now,
          (clock.targetMs ?? 0) - clock.elapsedMs,
          appointmentOf(step, policy, out),
          explain,
        );
    const next: ClockState = {
      ...resumed,
      deadline: d.deadline,
      explanation: explain
        ? [
            ...clock.explanation,
            clockLine('resumed', { at: step.now, timeZone: zone, ...resumeWhy, pauseMs: step.now - clock.since }),
            ...d.lines,
          ]
        : clock.explanation,
    };
    out.clocks[policy.name] = next;
    out.schedule.push(...armThresholds(policy, math, step.caseId, next));
    if (explain)
      out.notes.push(
        d.deadline === null
          ? note('clockResumedNoTime', { clock: policy.name, clockTitle: policy.title })
          : note('clockResumed', clockDeadline(policy, math, d.deadline)),
        ...d.notes,
      );
    return;
  }

  if (clock.status === 'running' && policy.at && out.clocks[policy.name] === clock) {
    const agreed = agreedOf(step, policy, out);
    // A cleared time keeps the last one agreed: the promise was made.
    if (agreed !== null && agreed !== clock.deadline) {
      const d = agreedDeadline(policy, math, agreed, explain);
      const next: ClockState = {
        ...clock,
        deadline: d.deadline,
        targetMs: clock.elapsedMs + Math.max(0, math.measure(clock.since, agreed)),
        explanation: explain
          ? [
              ...clock.explanation,
              clockLine('agreedTimeChanged', { at: step.now, timeZone: zone }),
              ...(clock.breached ? [clockLine('breachStands', {})] : []),
              ...d.lines,
            ]
          : clock.explanation,
      };
      out.clocks[policy.name] = next;
      out.cancel.push(...disarmThresholds(policy, step.caseId, clock));
      out.schedule.push(...armThresholds(policy, math, step.caseId, next));
      if (explain) out.notes.push(note('clockDeadlineMoved', clockDeadline(policy, math, d.deadline)));
    }
    return;
  }

  if (clock.status === 'running' && policy.deadlineFrom && out.clocks[policy.name] === clock) {
    const appointment = appointmentOf(step, policy, out);
    const remaining = (clock.targetMs ?? 0) - clock.elapsedMs;
    // Most steps change nothing: compare the bare deadline before explaining a new one.
    const work = math.advance(clock.since, remaining);
    if ((appointment !== null && appointment > work ? appointment : work) !== clock.deadline) {
      const d = computeDeadline(policy, math, clock.since, remaining, appointment, explain);
      const next: ClockState = {
        ...clock,
        deadline: d.deadline,
        explanation: explain
          ? [...clock.explanation, clockLine('deadlineRecomputed', { at: step.now, timeZone: zone }), ...d.lines]
          : clock.explanation,
      };
      out.clocks[policy.name] = next;
      out.cancel.push(...disarmThresholds(policy, step.caseId, clock));
      out.schedule.push(...armThresholds(policy, math, step.caseId, next));
      if (explain) out.notes.push(note('clockDeadlineMoved', clockDeadline(policy, math, d.deadline)));
    }
  }
}

/** `agreed`: the instant of a clock on an agreed time (`target.at`), known by the caller. */
function startClock(
  step: ClockStep,
  policy: CompiledSla,
  math: ClockMath,
  why: Reason,
  agreed: number | null,
  out: ClockStepResult,
): ClockState {
  const target = policy.target;
  const targetMs = target
    ? math.measure(step.now, math.add(step.now, target))
    : Math.max(0, math.measure(step.now, agreed ?? step.now));
  const explain = step.explain !== false;
  const d = target
    ? computeDeadline(policy, math, step.now, targetMs, appointmentOf(step, policy, out), explain)
    : agreedDeadline(policy, math, agreed ?? step.now, explain);
  const clock: ClockState = {
    policy: policy.name,
    status: 'running',
    startedAt: step.now,
    elapsedMs: 0,
    since: step.now,
    targetMs,
    deadline: d.deadline,
    stoppedAt: null,
    breached: false,
    fired: [],
    explanation: explain ? startLines(step, policy, math, why, targetMs, d.lines) : [],
  };
  out.clocks[policy.name] = clock;
  out.schedule.push(...armThresholds(policy, math, step.caseId, clock));
  if (explain) out.notes.push(note('clockStarted', clockDeadline(policy, math, d.deadline)), ...d.notes);
  return clock;
}

/** A starting clock's explanation: its policy, why it started, and how its deadline was found. */
function startLines(
  step: ClockStep,
  policy: CompiledSla,
  math: ClockMath,
  why: Reason,
  targetMs: number,
  deadlineLines: readonly Note[],
): Note[] {
  const target = policy.target;
  const lines = [
    clockLine('policy', { clock: policy.name, clockTitle: policy.title, ...math.counting(policy.targetText, !target) }),
    clockLine('started', { at: step.now, timeZone: math.timeZone, ...why }),
  ];
  if (target && target.days > 0 && math.calendar)
    lines.push(clockLine('targetInWorkingTime', { target: policy.targetText, spanMs: targetMs }));
  return [...lines, ...deadlineLines];
}

/** A clock note's args: the deadline as an instant, with the zone the English line shows it in. */
function clockDeadline(policy: CompiledSla, math: ClockMath, deadline: number) {
  return { clock: policy.name, clockTitle: policy.title, deadline, timeZone: math.timeZone };
}

/** The agreed instant of a clock on an agreed time (`target.at`), or null while there is none. */
function agreedOf(step: ClockStep, policy: CompiledSla, out: ClockStepResult): number | null {
  if (!policy.at) return null;
  try {
    return toInstant(policy.at(step.facts));
  } catch (e) {
    if (step.explain !== false)
      out.notes.push(
        note('clockExpressionFailed', {
          clock: policy.name,
          clockTitle: policy.title,
          expression: 'target.at',
          error: (e as Error).message,
        }),
      );
    return null;
  }
}

function appointmentOf(step: ClockStep, policy: CompiledSla, out: ClockStepResult): number | null {
  if (!policy.deadlineFrom) return null;
  try {
    return toInstant(policy.deadlineFrom(step.facts));
  } catch (e) {
    if (step.explain !== false)
      out.notes.push(
        note('clockExpressionFailed', {
          clock: policy.name,
          clockTitle: policy.title,
          expression: 'deadlineFrom',
          error: (e as Error).message,
        }),
      );
    return null;
  }
}

type Reason = { why: Why; whyName?: string };

function startTrigger(step: ClockStep, policy: CompiledSla): Reason | null {
  const on = policy.startOn;
  if (on === 'create') return step.created ? { why: 'created' } : null;
  if ('event' in on) return step.event.type === on.event ? { why: 'event', whyName: on.event } : null;
  return step.entered.some((s) => inState(s, on.enter)) ? { why: 'entered', whyName: on.enter } : null;
}

function startRefusal(step: ClockStep, policy: CompiledSla): 'appliesWhen' | 'start.when' | null {
  if (policy.appliesWhen && !policy.appliesWhen(step.facts)) return 'appliesWhen';
  if (policy.startWhen && !policy.startWhen(step.facts)) return 'start.when';
  return null;
}

function stopTrigger(step: ClockStep, policy: CompiledSla): Reason | null {
  if (policy.stopEvents.has(step.event.type)) return { why: 'event', whyName: step.event.type };
  const s = policy.stopStates.find((state) => step.entered.some((e) => inState(e, state)));
  return s ? { why: 'entered', whyName: s } : null;
}

function pauseTrigger(step: ClockStep, policy: CompiledSla): Reason | null {
  if (policy.pauseEvents.has(step.event.type)) return { why: 'event', whyName: step.event.type };
  const s = policy.pauseStates.find((state) => step.activeStates.some((a) => inState(a, state)));
  return s ? { why: 'in', whyName: s } : null;
}

function resumeTrigger(step: ClockStep, policy: CompiledSla): Reason | null {
  if (policy.resumeEvents.has(step.event.type)) return { why: 'event', whyName: step.event.type };
  const s = policy.pauseStates.find((state) => step.exited.some((e) => inState(e, state)));
  return s ? { why: 'left', whyName: s } : null;
}
