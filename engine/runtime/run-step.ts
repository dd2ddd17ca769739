import { actions } from '../actions/index.ts';
import { compileCondition } from '../conditions/index.ts';
import { fireClock, SLA_TIMER_EVENT, stepClocks } from '../sla/index.ts';
import type { CompiledWorkflow } from '../workflows/compile-workflow.ts';
import type { ActionSpec } from '../workflows/workflow-model.ts';
import type { Actor } from './actor.ts';
import { emptyEffects, type ActionContext, type CaseDraft, type Effects } from './action-context.ts';
import type { DecideDeps } from './decide-deps.ts';
import { NO_RECORDS } from './records-view.ts';
import { plainFacts, type StepFacts } from './facts.ts';
import { evaluateValue } from './value.ts';
import type { MachineAction } from './step-memo.ts';

export type { MachineAction } from './step-memo.ts';

export interface StepResult {
  readonly effects: Effects;
  readonly entered: string[];
  readonly exited: string[];
}

const whenCache = new WeakMap<object, (facts: Record<string, unknown>) => boolean>();

/**
 * Interprets the actions xstate returned for one transition, in order: leaving a state cancels its
 * timers, entering one schedules them, action lists run through the action registry. Then the
 * SLA clocks see what happened. Pure: everything lands in the draft and the effects.
 */
export function runStep(
  deps: DecideDeps,
  workflow: CompiledWorkflow,
  draft: CaseDraft,
  facts: StepFacts,
  actor: Actor,
  event: { type: string; data: Readonly<Record<string, unknown>> },
  machineActions: readonly MachineAction[],
  created: boolean,
  done: boolean,
  preActions: readonly ActionSpec[] = [],
): StepResult {
  const effects = emptyEffects();
  const entered: string[] = [];
  const exited: string[] = [];
  const ctx = actionContext(deps, draft, facts, actor, event, effects);
  runActions(preActions, ctx, facts);

  for (const a of machineActions) {
    const params = (a.params ?? {}) as { state?: string; id?: number };
    if (a.type === 'sf.exit' && params.state) {
      exited.push(params.state);
      for (const t of workflow.timersOf(params.state)) {
        const id = timerId(draft.id, t.eventType);
        effects.timers.schedule = effects.timers.schedule.filter((s) => s.id !== id);
        effects.timers.cancel.push(id);
      }
    } else if (a.type === 'sf.enter' && params.state) {
      entered.push(params.state);
      for (const t of workflow.timersOf(params.state)) {
        const calendar = t.calendar ? deps.set.calendars.get(t.calendar) : undefined;
        const dueAt = calendar ? calendar.add(deps.now, t.delay) : deps.now + t.delay.days * 86_400_000 + t.delay.ms;
        const id = timerId(draft.id, t.eventType);
        effects.timers.cancel = effects.timers.cancel.filter((c) => c !== id);
        effects.timers.schedule.push({ id, caseId: draft.id, dueAt, event: { type: t.eventType, data: {} } });
      }
    } else if (a.type === 'sf.actions' && params.id !== undefined) {
      runActions(workflow.actionLists[params.id] ?? [], ctx, facts);
    }
  }

  if (event.type === SLA_TIMER_EVENT) {
    const fired = fireClock({
      set: deps.set,
      now: deps.now,
      caseId: draft.id,
      unit: draft.unit,
      clocks: draft.clocks,
      data: event.data,
      explain: deps.explain ?? true,
    });
    draft.clocks = fired.clocks;
    effects.notes.push(...fired.notes);
    runActions(fired.actions, ctx, facts);
  }

  const clocks = stepClocks({
    set: deps.set,
    now: deps.now,
    caseId: draft.id,
    workflow: draft.workflow,
    unit: draft.unit,
    created,
    event,
    entered,
    exited,
    activeStates: draft.activeStates,
    done,
    facts,
    clocks: draft.clocks,
    explicit: effects.clockOps,
    explain: deps.explain ?? true,
  });
  draft.clocks = clocks.clocks;
  effects.timers.schedule.push(...clocks.schedule);
  effects.timers.cancel.push(...clocks.cancel);
  effects.notes.push(...clocks.notes);
  return { effects, entered, exited };
}

export function runActions(list: readonly ActionSpec[], ctx: ActionContext, facts: StepFacts): void {
  for (const spec of list) {
    if (spec.when) {
      let test = whenCache.get(spec.when);
      if (!test) whenCache.set(spec.when, (test = compileCondition(spec.when)));
      if (!test(facts)) continue;
    }
    const type = Object.keys(spec).find((k) => k !== 'when')!;
    actions.get(type)!.run(spec[type], ctx);
  }
}

export function timerId(caseId: string, eventType: string): string {
  return `${caseId}:${eventType}`;
}

export function actionContext(
  deps: DecideDeps,
  draft: CaseDraft,
  facts: StepFacts,
  actor: Actor,
  event: { type: string; data: Readonly<Record<string, unknown>> },
  effects: Effects,
): ActionContext {
  return {
    set: deps.set,
    directory: deps.directory,
    records: deps.records ?? NO_RECORDS,
    now: deps.now,
    actor,
    event,
    draft,
    effects,
    ids: deps.ids,
    explain: deps.explain ?? true,
    // Methods rather than arrow properties: a context is made for every step, and under tsx each
    // named arrow is also a defineProperty call (bench engine). Neither reads `this`.
    scope() {
      return plainFacts(facts);
    },
    value(v) {
      return evaluateValue(v, facts);
    },
  };
}
