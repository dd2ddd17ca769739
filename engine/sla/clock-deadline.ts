import type { ClockState } from '../runtime/case-record.ts';
import type { TimerRecord } from '../store/store.ts';
import type { ClockMath } from './clock-math.ts';
import type { CompiledSla, Threshold } from './compile-sla-policy.ts';
import { note, type Note } from '../runtime/note.ts';
import { clockLine } from './clock-lines.ts';
import { skippedDays, unscheduledYears } from './explain-clock.ts';
import { SLA_TIMER_EVENT } from './sla-step.ts';

export interface Deadline {
  readonly deadline: number;
  /** Explanation lines for this computation. */
  readonly lines: Note[];
  /** Lines for the event's effects (e.g. a year without holiday schedule). */
  readonly notes: Note[];
}

/**
 * The deadline of a clock whose target is an agreed instant (`target.at`, an appointment): the
 * instant itself, wherever it lies, with the zone and the clock it is read on.
 */
export function agreedDeadline(policy: CompiledSla, math: ClockMath, at: number, explain = true): Deadline {
  return {
    deadline: at,
    lines: explain ? [clockLine('agreedDeadline', { at, timeZone: math.timeZone, target: policy.targetText })] : [],
    notes: [],
  };
}

/**
 * The deadline of a clock that counts `remainingMs` more from `from`, with the customer's
 * appointment (if any) replacing it when later (NORM-4). Every step of the reasoning is a line,
 * unless nobody will read them (`explain` false: no lines, no notes, the same deadline).
 */
export function computeDeadline(
  policy: CompiledSla,
  math: ClockMath,
  from: number,
  remainingMs: number,
  appointment: number | null,
  explain = true,
): Deadline {
  const zone = math.timeZone;
  const work = math.advance(from, remainingMs);
  if (!explain)
    return { deadline: appointment !== null && appointment > work ? appointment : work, lines: [], notes: [] };
  const lines: Note[] = [clockLine('target', { ...math.counting(policy.targetText), at: work, remainingMs, from })];
  const notes: Note[] = [];
  if (math.calendar) {
    if (remainingMs > 0 && math.calendar.nextWorkingTime(from) > from)
      lines.push(clockLine('countingBegins', { at: math.calendar.nextWorkingTime(from), timeZone: zone }));
    const skipped = skippedDays(math.calendar, from, work);
    if (skipped) lines.push(clockLine('skippedDays', skipped));
  }
  let deadline = work;
  if (appointment !== null) {
    if (appointment > work) {
      deadline = appointment;
      lines.push(clockLine('appointmentLater', { at: appointment, timeZone: zone }));
    } else {
      lines.push(clockLine('appointmentNotLater', { at: appointment, timeZone: zone }));
    }
  }
  if (math.calendar) {
    const calendarTitle = math.counting('').calendarTitle;
    for (const year of unscheduledYears(math.calendar, from, deadline)) {
      lines.push(clockLine('noHolidaySchedule', { calendar: math.calendar.name, calendarTitle, year }));
      notes.push(
        note('calendarNoSchedule', {
          clock: policy.name,
          clockTitle: policy.title,
          calendar: math.calendar.name,
          calendarTitle,
          year,
        }),
      );
    }
  }
  lines.push(clockLine('deadline', { at: deadline, timeZone: zone }));
  return { deadline, lines, notes };
}

/**
 * A deadline is kept by a stop at or before it, so it is missed only the first millisecond after
 * it: the breach timer is due then. A stop at the deadline itself is on time whichever is
 * processed first, the timer or the stopping event (the scheduler and the simulator fire a timer
 * only once the clock has reached its due time).
 */
export const MISSED_AFTER_MS = 1;

/** When a threshold of a running clock falls due, or null when it never will (a warning after the deadline). */
export function thresholdDue(math: ClockMath, clock: ClockState, threshold: Threshold): number | null {
  const deadline = clock.deadline;
  if (clock.status !== 'running' || deadline === null) return null;
  switch (threshold.kind) {
    case 'breach':
      return deadline + MISSED_AFTER_MS;
    case 'escalation':
      return math.add(deadline, threshold.after);
    case 'warning': {
      const total = clock.elapsedMs + math.measure(clock.since, deadline);
      const want = threshold.fraction !== null ? threshold.fraction * total : (threshold.elapsed ?? 0);
      if (want >= total) return null;
      const rest = Math.round(want - clock.elapsedMs);
      return rest <= 0 ? clock.since : math.advance(clock.since, rest);
    }
  }
}

export function slaTimerId(caseId: string, policy: string, threshold: string): string {
  return `${caseId}:sla:${policy}:${threshold}`;
}

/** Durable timers for every threshold of a running clock that has not fired yet. */
export function armThresholds(policy: CompiledSla, math: ClockMath, caseId: string, clock: ClockState): TimerRecord[] {
  const out: TimerRecord[] = [];
  for (const t of policy.thresholds) {
    if (clock.fired.includes(t.name)) continue;
    const dueAt = thresholdDue(math, clock, t);
    if (dueAt === null) continue;
    out.push({
      id: slaTimerId(caseId, policy.name, t.name),
      caseId,
      dueAt,
      event: { type: SLA_TIMER_EVENT, data: { clock: policy.name, threshold: t.name } },
    });
  }
  return out;
}

/** Ids of the thresholds that may still be armed. */
export function disarmThresholds(policy: CompiledSla, caseId: string, clock: ClockState): string[] {
  return policy.thresholds
    .filter((t) => !clock.fired.includes(t.name))
    .map((t) => slaTimerId(caseId, policy.name, t.name));
}

/** An instant from an expression result: epoch ms or a date-time text; anything else is no instant. */
export function toInstant(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v !== '') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.getTime();
  return null;
}
