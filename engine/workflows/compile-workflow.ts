import { createMachine, type AnyStateMachine } from 'xstate';
import { compileCondition, type CompiledCondition } from '../conditions/index.ts';
import type { Definition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import { parseDuration, type Duration } from '../calendar/index.ts';
import type { FieldSpec } from '../forms/form-model.ts';
import { dataFields, type FormFieldsOf } from './data-fields.ts';
import { resolveTarget, statePaths, xstateId } from './state-paths.ts';
import { compileNumbering, type CompiledNumbering } from './case-numbering.ts';
import { workflowPortal, type CompiledPortal } from './workflow-portal.ts';
import { workflowSummary, type SummaryField } from './workflow-summary.ts';
import type {
  ActionSpec,
  AllowRule,
  StateSpec,
  TargetSpec,
  TimerSpec,
  TransitionSpec,
  WorkflowSpec,
} from './workflow-model.ts';

/** An event as a state offers it: what the engine checks before handing it to xstate. */
export interface EventInfo {
  readonly type: string;
  readonly title: Localized;
  /** The state path that defines the transition ('' = the workflow's own `on`). */
  readonly definedIn: string;
  readonly spec: TransitionSpec;
  readonly allow: readonly AllowRule[];
  readonly form: string | undefined;
  readonly guard: CompiledCondition | null;
}

export interface TimerInfo {
  readonly eventType: string;
  readonly state: string;
  readonly delay: Duration;
  readonly calendar: string | undefined;
  readonly spec: TimerSpec;
}

export interface CompiledWorkflow {
  readonly name: string;
  readonly title: Localized;
  readonly spec: WorkflowSpec;
  readonly machine: AnyStateMachine;
  readonly states: ReadonlyMap<string, StateSpec>;
  /** Action lists referenced from the machine by index (`sf.actions` params.id). */
  readonly actionLists: readonly (readonly ActionSpec[])[];
  /** Events on offer when the given leaf state is active (own, inherited, and workflow-level). */
  eventsFor(activeStates: readonly string[]): Map<string, EventInfo>;
  /** Timers started on entering a state. */
  timersOf(state: string): readonly TimerInfo[];
  timer(eventType: string): TimerInfo | undefined;
  readonly actorRequirement: CompiledCondition | null;
  /** The machine's guards, by the id its `sf.guard` references carry. */
  readonly guards: readonly CompiledCondition[];
  /** The case-data fields that tell cases apart in a list (written, or the default rule). */
  readonly summary: readonly SummaryField[];
  /** What a customer sees of its cases (the portal). */
  readonly portal: CompiledPortal;
  /** The case-data fields its forms write, by dotted path (see data-fields.ts): how a value is said. */
  readonly fields: ReadonlyMap<string, FieldSpec>;
  /** How its cases are numbered; null when they are known by their ids alone. */
  readonly numbering: CompiledNumbering | null;
}

const TIMER_PREFIX = 'sf.after:';

/**
 * Workflow definition → xstate v5 machine plus the indexes the engine needs. Guards and actions are
 * referenced by index so that xstate's pure `transition()` reports them without running anything:
 * the engine interprets the returned action list itself, keeping `decide` pure. `formFields` reads
 * the set's forms, for the summary; without it the summary is empty.
 */
export function compileWorkflow(
  def: Definition<WorkflowSpec>,
  formFields: FormFieldsOf = () => undefined,
): CompiledWorkflow {
  const spec = def.spec;
  const paths = statePaths(spec);
  const conditions: CompiledCondition[] = [];
  const actionLists: (readonly ActionSpec[])[] = [];
  const timers = new Map<string, TimerInfo[]>();
  const timerByEvent = new Map<string, TimerInfo>();

  const guardRef = (cond: unknown) => {
    conditions.push(compileCondition(cond));
    return { type: 'sf.guard', params: { id: conditions.length - 1 } };
  };
  const actionRef = (list: readonly ActionSpec[] | undefined) => {
    if (!list || list.length === 0) return [];
    actionLists.push(list);
    return [{ type: 'sf.actions', params: { id: actionLists.length - 1 } }];
  };
  const targetOf = (t: string, from: string) => {
    const resolved = resolveTarget(t, from, paths);
    if (resolved === null) throw new Error(`workflow ${def.metadata.name}: unknown target "${t}" from "${from}"`);
    return `#${xstateId(resolved)}`;
  };
  // A transition with `targets` becomes an ordered xstate list; the first whose guard holds wins.
  const branches = (
    from: string,
    t: { target?: string; targets?: readonly TargetSpec[]; stay?: boolean; actions?: readonly ActionSpec[] },
  ) => {
    const common = actionRef(t.actions);
    if (t.targets) {
      return t.targets.map((b) => ({
        target: targetOf(b.target, from),
        ...(b.when ? { guard: guardRef(b.when) } : {}),
        actions: [...common, ...actionRef(b.actions)],
        reenter: false,
      }));
    }
    if (t.target) return [{ target: targetOf(t.target, from), actions: common }];
    return [{ actions: common }];
  };

  const transitionsOf = (on: Readonly<Record<string, TransitionSpec>> | undefined, from: string) =>
    Object.fromEntries(Object.entries(on ?? {}).map(([type, t]) => [type, branches(from, t)]));

  const stateConfig = (path: string, state: StateSpec): Record<string, unknown> => {
    const type = state.type ?? (state.states ? 'compound' : 'atomic');
    const on: Record<string, unknown> = transitionsOf(state.on, path);
    const timerList = (state.after ?? []).map((t, i) => {
      const eventType = `${TIMER_PREFIX}${path}:${i}`;
      const parsed = parseDuration(t.delay);
      const info: TimerInfo = {
        eventType,
        state: path,
        delay: parsed.ok ? parsed.value : { days: 0, ms: 0 },
        calendar: t.calendar,
        spec: t,
      };
      timerByEvent.set(eventType, info);
      on[eventType] = branches(path, t);
      return info;
    });
    timers.set(path, timerList);
    const config: Record<string, unknown> = {
      id: xstateId(path),
      entry: [{ type: 'sf.enter', params: { state: path } }, ...actionRef(state.entry)],
      exit: [...actionRef(state.exit), { type: 'sf.exit', params: { state: path } }],
      on,
    };
    if (type === 'final') config.type = 'final';
    if (type === 'parallel') config.type = 'parallel';
    if (state.states) {
      config.states = Object.fromEntries(
        Object.entries(state.states).map(([n, s]) => [n, stateConfig(`${path}.${n}`, s)]),
      );
      if (type !== 'parallel') config.initial = state.initial ?? Object.keys(state.states)[0];
    }
    if (state.always)
      config.always = state.always.map((b) => ({
        target: targetOf(b.target, path),
        ...(b.when ? { guard: guardRef(b.when) } : {}),
        actions: actionRef(b.actions),
      }));
    if (state.done)
      config.onDone =
        typeof state.done === 'string'
          ? { target: targetOf(state.done, path) }
          : state.done.map((b) => ({
              target: targetOf(b.target, path),
              ...(b.when ? { guard: guardRef(b.when) } : {}),
              actions: actionRef(b.actions),
            }));
    return config;
  };

  const machine = createMachine(
    {
      id: def.metadata.name,
      initial: spec.initial,
      on: transitionsOf(spec.on, ''),
      states: Object.fromEntries(Object.entries(spec.states).map(([n, s]) => [n, stateConfig(n, s)])),
    } as never,
    {
      guards: {
        // On creation the event is xstate's init event, which carries the facts as its input.
        'sf.guard': (
          { event }: { event: { facts?: Record<string, unknown>; input?: { facts?: Record<string, unknown> } } },
          params: { id: number },
        ) => conditions[params.id]!(event.facts ?? event.input?.facts ?? {}),
      } as never,
    },
  );

  // Events offered per leaf: the deepest definition of a type wins, as in xstate's own selection.
  const eventCache = new Map<string, Map<string, EventInfo>>();
  const eventsOfPath = (leaf: string): Map<string, EventInfo> => {
    const hit = eventCache.get(leaf);
    if (hit) return hit;
    const out = new Map<string, EventInfo>();
    const chain: string[] = [];
    for (let p = leaf; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') chain.push(p);
    chain.push('');
    for (const p of chain) {
      const on = p === '' ? spec.on : paths.get(p)?.on;
      for (const [type, t] of Object.entries(on ?? {})) {
        if (out.has(type)) continue;
        out.set(type, {
          type,
          title: t.title ?? type,
          definedIn: p,
          spec: t,
          allow: t.allow ?? [],
          form: t.form,
          guard: t.when ? compileCondition(t.when) : null,
        });
      }
    }
    eventCache.set(leaf, out);
    return out;
  };

  return {
    name: def.metadata.name,
    title: def.metadata.title ?? def.metadata.name,
    spec,
    machine,
    states: paths,
    actionLists,
    eventsFor(activeStates) {
      if (activeStates.length === 1) return eventsOfPath(activeStates[0]!);
      const merged = new Map<string, EventInfo>();
      for (const leaf of activeStates) for (const [k, v] of eventsOfPath(leaf)) if (!merged.has(k)) merged.set(k, v);
      return merged;
    },
    timersOf: (state) => timers.get(state) ?? [],
    timer: (eventType) => timerByEvent.get(eventType),
    actorRequirement: spec.actorRequirement ? compileCondition(spec.actorRequirement.when) : null,
    guards: conditions,
    summary: workflowSummary(spec, formFields),
    portal: workflowPortal(spec, formFields),
    fields: dataFields(spec, formFields),
    numbering: spec.numbering ? compileNumbering(spec.numbering) : null,
  };
}

export function isTimerEvent(type: string): boolean {
  return type.startsWith(TIMER_PREFIX);
}
