import { localize, type Locale } from '../localized.ts';
import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import { note, noteText, type Note } from '../runtime/note.ts';
import { timerId } from '../runtime/run-step.ts';
import { formatInstant } from '../sla/explain-clock.ts';
import { policiesFor, policyNamed } from '../sla/policy-lookup.ts';
import { recomputeClocks } from '../sla/recompute-clocks.ts';
import type { TimerRecord } from '../store/store.ts';
import type { CompiledWorkflow, TimerInfo } from '../workflows/compile-workflow.ts';
import { parentPath } from '../workflows/state-paths.ts';
import { refusedData } from './refused-data.ts';
import { migrationMessage, type MigrationMessage } from './migration-message.ts';
import {
  MIGRATED_EVENT,
  type CasePlan,
  type ClockChange,
  type MigrationSpec,
  type StateLabel,
  type TimerChange,
} from './migration-model.ts';
import { mappedLeaf, stateValueOf } from './state-mapping.ts';

export interface CasePlanInput {
  readonly spec: MigrationSpec;
  readonly record: CaseRecord;
  readonly history: readonly CaseEvent[];
  readonly now: number;
  /** Who migrates (the administrator), as the event records them. */
  readonly actor: { readonly username: string; readonly unit: string | null };
  /** The batch the case is migrated in; recorded in its event so a resumed batch can be traced. */
  readonly batch: string | null;
  readonly locale: Locale;
}

/**
 * What migrating one case from version A to version B does, and the commit that does it (pure):
 * its state through the mapping; its recorded event data checked against B's forms (a case B
 * refuses is not migrated); its SLA clocks recomputed under B's policies (recompute-clocks.ts);
 * its state timers re-planned from when it entered each state, those left as they are where B
 * keeps them unchanged. The commit appends one `migrated` event (who, why, from, to, the mapping
 * used) and writes the case on B, checked against the version the plan was made from.
 */
export function planCase(input: CasePlanInput): CasePlan {
  const { spec, record, now, locale } = input;
  const a = spec.from.set.workflows.get(spec.workflow)!;
  const b = spec.to.set.workflows.get(spec.workflow)!;
  const notes: MigrationMessage[] = [];
  const say = (code: Parameters<typeof migrationMessage>[0], args: Record<string, string | number>) =>
    notes.push(migrationMessage(code, args, locale));
  const labels = { from: String(spec.from.seq), to: String(spec.to.seq) };
  const zone = spec.to.set.calendarForUnit(record.unit)?.timeZone ?? 'Asia/Shanghai';

  const before = record.activeStates;
  const applied: Record<string, string> = {};
  const after = spec.clocksOnly
    ? [...before]
    : before.map((leaf) => {
        const target = mappedLeaf(spec.stateMapping, leaf);
        if (target !== leaf) applied[leaf] = target;
        return target;
      });
  const afterUnique = [...new Set(after)];
  const state = { before: before.map((p) => label(a, p, locale)), after: afterUnique.map((p) => label(b, p, locale)) };
  const base = {
    id: record.id,
    ...(record.number !== undefined ? { number: record.number } : {}),
    unit: record.unit,
    version: record.version,
    state,
  };
  const empty = { clocks: [], timers: { added: [], removed: [] } };

  const value = stateValueOf(afterUnique);
  if (!resolves(b, value)) {
    say('stateConflict', { states: state.after.map((s) => s.title).join(', '), to: labels.to });
    return { ...base, ...empty, outcome: 'refused', dataRefusals: [], notes };
  }

  const dataRefusals = refusedData(spec, input.history, locale);
  if (dataRefusals.length > 0) {
    say('dataRefused', labels);
    return { ...base, ...empty, outcome: 'refused', dataRefusals, notes };
  }

  // Clocks: B's policies over the case in its new state.
  const moved: CaseRecord = { ...record, state: value, activeStates: afterUnique };
  const clocks = recomputeClocks(spec.to.set, moved, now);
  const clockChanges: ClockChange[] = [];
  const effects: Note[] = [];
  for (const m of clocks.moved) {
    const old = record.clocks[m.clock]!;
    const next = clocks.clocks[m.clock]!;
    const policy = policyNamed(spec.to.set, old.policy);
    const title = localize(policy?.title ?? m.clock, locale);
    clockChanges.push({
      clock: m.clock,
      title,
      status: m.status,
      before: { deadline: iso(m.from), targetMs: m.targetFrom },
      after: { deadline: iso(m.to), targetMs: m.targetTo },
      explanation: next.explanation.slice(old.explanation.length).map(noteText),
      explanationLines: next.explanation.slice(old.explanation.length),
    });
    if (m.status === 'running' && m.to !== null)
      effects.push(
        note('clockDeadlineMoved', {
          clock: m.clock,
          ...(policy?.title !== undefined ? { clockTitle: policy.title } : {}),
          deadline: m.to,
          timeZone: zone,
        }),
      );
  }
  for (const [name, clock] of Object.entries(record.clocks)) {
    if (clock.status !== 'stopped' && !policyNamed(spec.to.set, clock.policy))
      say('clockPolicyGone', { clock: name, to: labels.to });
  }
  for (const policy of policiesFor(spec.to.set, spec.workflow)) {
    if (!record.clocks[policy.name] && !policyNamed(spec.from.set, policy.name))
      say('policyNotStarted', { clock: localize(policy.title ?? policy.name, locale), to: labels.to });
  }

  // State timers: those of states left or changed go, those of states entered or changed come.
  const timers = spec.clocksOnly
    ? { schedule: [], cancel: [] }
    : replanTimers(input, a, b, before, afterUnique, applied, zone, say);
  const added: TimerChange[] = [
    ...timers.schedule.map((t) => ({
      id: t.id,
      title: timerTitle(t.event.type, b, spec.to.set, locale),
      dueAt: iso(t.dueAt)!,
    })),
    ...clocks.schedule.map((t) => ({ id: t.id, title: thresholdTitle(t, spec.to.set, locale), dueAt: iso(t.dueAt)! })),
  ];
  const removed: TimerChange[] = [
    ...timers.cancel.map((id) => ({ id, title: timerTitle(id.slice(record.id.length + 1), a, spec.from.set, locale) })),
    ...clocks.cancel.map((id) => ({ id, title: thresholdTitleOfId(id, record.id, spec.from.set, locale) })),
  ];

  const sameVersion = spec.from.set.version === spec.to.set.version;
  if (sameVersion && clockChanges.length === 0) {
    return { ...base, outcome: 'unchanged', dataRefusals: [], clocks: [], timers: { added: [], removed: [] }, notes };
  }

  const migrated: CaseRecord = {
    ...moved,
    definitionVersion: spec.to.set.version,
    clocks: clocks.clocks,
    version: record.version + 1,
    updatedAt: now,
  };
  const eventData = {
    batch: input.batch,
    reason: spec.reason,
    fromVersion: spec.from.set.version,
    toVersion: spec.to.set.version,
    fromSeq: spec.from.seq,
    toSeq: spec.to.seq,
    clocksOnly: spec.clocksOnly,
    stateMapping: applied,
  };
  effects.unshift(note('migrated', { fromSeq: spec.from.seq, toSeq: spec.to.seq, reason: spec.reason }));
  return {
    ...base,
    outcome: 'migrate',
    dataRefusals: [],
    clocks: clockChanges,
    timers: { added, removed },
    notes,
    commit: {
      cases: [{ record: migrated, expectedVersion: record.version }],
      events: [
        {
          caseId: record.id,
          seq: record.version + 1,
          type: MIGRATED_EVENT,
          actor: input.actor.username,
          actorUnit: input.actor.unit,
          at: now,
          definitionVersion: spec.to.set.version,
          data: eventData,
          from: before,
          to: afterUnique,
          effects,
        },
      ],
      timers: { schedule: [...timers.schedule, ...clocks.schedule], cancel: [...timers.cancel, ...clocks.cancel] },
      outbox: [],
      scoreFacts: [],
    },
  };
}

/**
 * Timers of the workflow's states. A state the case stays in whose timers B keeps as they were
 * (same event, delay and calendar) is not touched, so a timer that already fired stays fired.
 * Otherwise A's timers of the states left are cancelled and B's of the states the case is now in
 * are armed from the time it entered them (a timer that would already have fired fires at once;
 * one that fired in this state under A is not armed again).
 */
function replanTimers(
  input: CasePlanInput,
  a: CompiledWorkflow,
  b: CompiledWorkflow,
  before: readonly string[],
  after: readonly string[],
  applied: Readonly<Record<string, string>>,
  zone: string,
  say: (code: 'timerDueNow' | 'timerFired', args: Record<string, string | number>) => void,
): { schedule: TimerRecord[]; cancel: string[] } {
  const { record, history, now, spec, locale } = input;
  const statesA = withAncestors(before);
  const statesB = withAncestors(after);
  const same = (x: TimerInfo, y: TimerInfo) =>
    x.eventType === y.eventType &&
    x.delay.days === y.delay.days &&
    x.delay.ms === y.delay.ms &&
    x.calendar === y.calendar;
  const keep = new Set<string>();
  for (const s of statesA) {
    if (!statesB.has(s)) continue;
    const ta = a.timersOf(s);
    const tb = b.timersOf(s);
    if (ta.length === tb.length && ta.every((t, i) => same(t, tb[i]!))) keep.add(s);
  }
  // A timer that already fired in the state is gone: nothing to cancel.
  const cancel = [...statesA]
    .filter((s) => !keep.has(s))
    .flatMap((s) =>
      a
        .timersOf(s)
        .filter((t) => !firedSince(history, t.eventType, enteredAt(history, s)))
        .map((t) => timerId(record.id, t.eventType)),
    );
  const schedule: TimerRecord[] = [];
  for (const s of statesB) {
    if (keep.has(s)) continue;
    // When the case entered the state: under A's name if it had it, else when it entered the states mapped into it.
    const sources = statesA.has(s)
      ? [s]
      : before.filter((leaf) => {
          const t = applied[leaf] ?? leaf;
          return t === s || t.startsWith(`${s}.`);
        });
    const entered = Math.min(...sources.map((src) => enteredAt(history, src)));
    for (const [index, t] of b.timersOf(s).entries()) {
      const delayText = t.spec.delay;
      const stateTitle = localize(b.states.get(s)?.title ?? s, locale);
      // The same timer under A's name of the state (a renamed state's timer that fired there).
      const asA = [t.eventType, ...sources.flatMap((src) => a.timersOf(src)[index]?.eventType ?? [])];
      if (asA.some((type) => firedSince(history, type, entered))) {
        say('timerFired', { state: stateTitle, delay: delayText });
        continue;
      }
      const calendar = t.calendar ? spec.to.set.calendars.get(t.calendar) : undefined;
      const due = calendar ? calendar.add(entered, t.delay) : entered + t.delay.days * 86_400_000 + t.delay.ms;
      if (due < now)
        say('timerDueNow', {
          state: stateTitle,
          delay: delayText,
          at: formatInstant(due, zone),
          to: String(spec.to.seq),
        });
      schedule.push({
        id: timerId(record.id, t.eventType),
        caseId: record.id,
        dueAt: Math.max(due, now),
        event: { type: t.eventType, data: {} },
      });
    }
  }
  const scheduled = new Set(schedule.map((t) => t.id));
  return { schedule, cancel: cancel.filter((id) => !scheduled.has(id)) };
}

function withAncestors(leaves: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const leaf of leaves) for (let p = leaf; p; p = parentPath(p)) out.add(p);
  return out;
}

const inside = (path: string, state: string) => path === state || path.startsWith(`${state}.`);

/** When the case last entered `state`: the latest event that took it there from outside; its creation otherwise. */
function enteredAt(history: readonly CaseEvent[], state: string): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.to.some((p) => inside(p, state)) && !e.from.some((p) => inside(p, state))) return e.at;
  }
  return history[0]?.at ?? 0;
}

function firedSince(history: readonly CaseEvent[], eventType: string, since: number): boolean {
  return history.some((e) => e.type === eventType && e.at >= since);
}

export function label(wf: CompiledWorkflow, path: string, locale: Locale): StateLabel {
  return { path, title: localize(wf.states.get(path)?.title ?? path, locale) };
}

function resolves(wf: CompiledWorkflow, value: ReturnType<typeof stateValueOf>): boolean {
  try {
    wf.machine.resolveState({ value, context: {} });
    return true;
  } catch {
    return false;
  }
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** `sf.after:<state>:<index>` → "<state title>: after <delay>". */
function timerTitle(eventType: string, wf: CompiledWorkflow, _set: CompiledSet, locale: Locale): string {
  const t = wf.timer(eventType);
  if (!t) return eventType;
  return migrationMessage(
    'stateTimer',
    { state: localize(wf.states.get(t.state)?.title ?? t.state, locale), delay: t.spec.delay },
    locale,
  ).message;
}

function thresholdTitle(t: TimerRecord, set: CompiledSet, locale: Locale): string {
  const data = t.event.data as { clock?: string; threshold?: string };
  return thresholdText(data.clock ?? '', data.threshold ?? '', set, locale);
}

function thresholdTitleOfId(id: string, caseId: string, set: CompiledSet, locale: Locale): string {
  const [, clock = '', threshold = ''] = id.slice(caseId.length + 1).split(':');
  return thresholdText(clock, threshold, set, locale);
}

function thresholdText(clock: string, threshold: string, set: CompiledSet, locale: Locale): string {
  const title = localize(policyNamed(set, clock)?.title ?? clock, locale);
  if (threshold === 'warning') return migrationMessage('thresholdWarning', { clock: title }, locale).message;
  if (threshold === 'breach') return migrationMessage('thresholdBreach', { clock: title }, locale).message;
  return migrationMessage('thresholdLevel', { clock: title, level: threshold }, locale).message;
}
