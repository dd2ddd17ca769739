import { parseDuration, type Duration } from '../calendar/index.ts';
import { compileCondition, type CompiledCondition } from '../conditions/index.ts';
import type { Definition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import { compileExpression } from '../expressions/index.ts';
import type { ActionSpec } from '../workflows/workflow-model.ts';
import { targetClock, type ClockTrigger, type SlaPolicySpec, type TargetClock } from './sla-policy-model.ts';

/** A point on a clock where something happens: the warning, the breach, or an escalation level. */
export type Threshold =
  | {
      readonly name: 'warning';
      readonly kind: 'warning';
      readonly fraction: number | null;
      readonly elapsed: number | null;
      readonly actions: readonly ActionSpec[];
    }
  | { readonly name: 'breach'; readonly kind: 'breach'; readonly actions: readonly ActionSpec[] }
  | {
      readonly name: string;
      readonly kind: 'escalation';
      readonly after: Duration;
      readonly afterText: string;
      readonly actions: readonly ActionSpec[];
    };

/** An SLA policy ready to run: conditions and expressions compiled, durations parsed. */
export interface CompiledSla {
  readonly name: string;
  /** metadata.title: what staff read in the case's history (the name when there is none). */
  readonly title: Localized | undefined;
  readonly spec: SlaPolicySpec;
  readonly workflows: ReadonlySet<string>;
  readonly appliesWhen: CompiledCondition | null;
  readonly startOn: 'create' | ClockTrigger;
  readonly startWhen: CompiledCondition | null;
  readonly pauseStates: readonly string[];
  readonly pauseEvents: ReadonlySet<string>;
  readonly resumeEvents: ReadonlySet<string>;
  readonly stopStates: readonly string[];
  readonly stopEvents: ReadonlySet<string>;
  /** The duration to count; null when the deadline is an agreed instant (`at`). */
  readonly target: Duration | null;
  /** The duration as written, or the `at` expression. */
  readonly targetText: string;
  /** Which clock the target counts: working time on `calendar`, or elapsed (every hour counts). */
  readonly counts: TargetClock;
  /** Calendar name: the working time counted, or (elapsed) only the time zone explanations use. */
  readonly calendar: string | undefined;
  /** The agreed instant that is the deadline itself (an appointment), re-read at every change. */
  readonly at: ((scope: Readonly<Record<string, unknown>>) => unknown) | null;
  readonly deadlineFrom: ((scope: Readonly<Record<string, unknown>>) => unknown) | null;
  /** Warning (if any), breach, then escalation levels in order. */
  readonly thresholds: readonly Threshold[];
}

/**
 * SlaPolicy definition → CompiledSla. Pure; throws only for a definition that did not pass
 * `serviceframe validate` (bad duration, condition or expression).
 */
export function compileSlaPolicy(def: Definition): CompiledSla {
  const spec = def.spec as SlaPolicySpec;
  const name = def.metadata.name;
  const states = (list: readonly ClockTrigger[] | undefined) =>
    (list ?? []).flatMap((t) => ('enter' in t ? [t.enter] : []));
  const events = (list: readonly ClockTrigger[] | undefined) =>
    new Set((list ?? []).flatMap((t) => ('event' in t ? [t.event] : [])));
  const thresholds: Threshold[] = [];
  if (spec.warning) {
    const at = spec.warning.at.trim();
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(at);
    thresholds.push({
      name: 'warning',
      kind: 'warning',
      fraction: percent ? Number(percent[1]) / 100 : null,
      elapsed: percent ? null : durationMs(duration(at, `${name}: warning.at`)),
      actions: spec.warning.actions ?? [],
    });
  }
  thresholds.push({ name: 'breach', kind: 'breach', actions: spec.breach?.actions ?? [] });
  (spec.escalations ?? []).forEach((e, i) => {
    thresholds.push({
      name: e.name ?? `level-${i + 1}`,
      kind: 'escalation',
      after: duration(e.after, `${name}: escalations[${i}].after`),
      afterText: e.after,
      actions: e.actions,
    });
  });
  return {
    name,
    title: def.metadata.title,
    spec,
    workflows: new Set(spec.workflows),
    appliesWhen: spec.appliesWhen ? compileCondition(spec.appliesWhen) : null,
    startOn: spec.start.on,
    startWhen: spec.start.when ? compileCondition(spec.start.when) : null,
    pauseStates: states(spec.pause),
    pauseEvents: events(spec.pause),
    resumeEvents: events(spec.resume),
    stopStates: states(spec.stop),
    stopEvents: events(spec.stop),
    target: spec.target.duration !== undefined ? duration(spec.target.duration, `${name}: target.duration`) : null,
    targetText: spec.target.duration ?? spec.target.at ?? '',
    counts: targetClock(spec.target),
    calendar: spec.target.calendar,
    at: spec.target.at !== undefined ? expression(spec.target.at, name, 'target.at') : null,
    deadlineFrom: spec.deadlineFrom ? expression(spec.deadlineFrom, name, 'deadlineFrom') : null,
    thresholds,
  };
}

function duration(text: string, where: string): Duration {
  const d = parseDuration(text);
  if (!d.ok) throw new Error(`${where}: ${d.message}`);
  return d.value;
}

function durationMs(d: Duration): number {
  return d.days * 86_400_000 + d.ms;
}

function expression(src: string, policy: string, key: string): (scope: Readonly<Record<string, unknown>>) => unknown {
  const compiled = compileExpression(src.startsWith('=') ? src.slice(1) : src);
  if (!compiled.ok) throw new Error(`${policy}: ${key}: ${compiled.message}`);
  return (scope) => compiled.evaluate(scope);
}

/** Whether a dotted state path is `state` or lies inside it. */
export function inState(path: string, state: string): boolean {
  return path === state || path.startsWith(`${state}.`);
}
