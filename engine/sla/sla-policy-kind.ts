import { parseDuration } from '../calendar/index.ts';
import { checkCondition } from '../conditions/index.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { Definition, DefinitionIndex, KindDefinition, Report } from '../definitions/kind.ts';
import schema from '../definitions/schemas/sla-policy.schema.json' with { type: 'json' };
import { compileExpression } from '../expressions/index.ts';
import { known } from '../org/organization-kind.ts';
import { statePaths } from '../workflows/state-paths.ts';
import type { StateSpec, WorkflowSpec } from '../workflows/workflow-model.ts';
import { checkActionList } from '../actions/check-action-list.ts';
import type { ClockTrigger, SlaPolicySpec } from './sla-policy-model.ts';
import { codedSaid, say } from '../definitions/said.ts';

/** Facts SLA conditions may use (the same as a workflow's). */
export const SLA_FACTS = ['data', 'event', 'actor', 'case', 'clock'];

/** The SlaPolicy kind: its schema, and the references and values a schema cannot check. */
export const slaPolicyKind: KindDefinition = {
  kind: 'SlaPolicy',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as SlaPolicySpec;
    const workflows = spec.workflows.flatMap((name, i) => {
      const wf = index.get<WorkflowSpec>('Workflow', name);
      if (!wf)
        report(`/spec/workflows/${i}`, Code.unknownReference, say('sla.unknownWorkflow', { name }), {
          hint: known(index, 'Workflow'),
        });
      return wf ? [wf] : [];
    });
    const vocabulary = vocabularyOf(workflows);
    const trigger = (pointer: string, t: ClockTrigger) => {
      if (workflows.length === 0) return;
      if ('event' in t && !vocabulary.events.has(t.event)) {
        report(`${pointer}/event`, Code.unknownReference, say('sla.noWorkflowOfThis', { event: t.event }), {
          hint: say('sla.events', { vocabulary: [...vocabulary.events].sort() }),
        });
      }
      if ('enter' in t && !vocabulary.states.has(t.enter)) {
        report(`${pointer}/enter`, Code.unknownReference, say('sla.noWorkflowOfThis2', { enter: t.enter }), {
          hint: say('sla.statesNestedStatesAre', { vocabulary: [...vocabulary.states] }),
        });
      }
    };
    const condition = (pointer: string, cond: unknown) => {
      if (cond === undefined) return;
      for (const i of checkCondition(cond, SLA_FACTS))
        report(pointer + i.pointer, Code.invalidCondition, i.said, i.saidHint ? { hint: i.saidHint } : undefined);
    };
    const duration = (pointer: string, text: string) => {
      const d = parseDuration(text);
      if (!d.ok) report(pointer, Code.invalidDuration, d.said);
      else if (d.value.days === 0 && d.value.ms === 0)
        report(pointer, Code.invalidDuration, say('sla.durationIsZero', { text }), {
          hint: say('sla.writeAPositiveDuration'),
        });
    };

    condition('/spec/appliesWhen', spec.appliesWhen);
    if (spec.start.on !== 'create') trigger('/spec/start/on', spec.start.on);
    condition('/spec/start/when', spec.start.when);
    (spec.pause ?? []).forEach((t, i) => trigger(`/spec/pause/${i}`, t));
    (spec.resume ?? []).forEach((t, i) => trigger(`/spec/resume/${i}`, t));
    (spec.stop ?? []).forEach((t, i) => trigger(`/spec/stop/${i}`, t));
    if ((spec.pause ?? []).some((t) => 'event' in t) && (spec.resume ?? []).length === 0) {
      report('/spec/pause', Code.invalidValue, say('sla.aClockPausedBy'), {
        hint: say('sla.addResumeEventOr'),
      });
    }
    const target = spec.target;
    if ((target.duration === undefined) === (target.at === undefined)) {
      report('/spec/target', Code.invalidValue, say('sla.aTargetNeedsExactly'), {
        hint: say('sla.durationHCountsTime'),
      });
    }
    if (target.duration !== undefined) duration('/spec/target/duration', target.duration);
    if (target.calendar !== undefined && !index.get('Calendar', target.calendar)) {
      report(
        '/spec/target/calendar',
        Code.unknownReference,
        say('schedule.unknownCalendar', { calendar: target.calendar }),
        {
          hint: known(index, 'Calendar'),
        },
      );
    }
    if (target.clock === 'working' && target.calendar === undefined) {
      report('/spec/target/clock', Code.invalidValue, say('sla.workingTimeIsCounted'), {
        hint: say('sla.addCalendarNameOr'),
      });
    }
    const expression = (pointer: string, src: string | undefined) => {
      if (src === undefined) return;
      const e = compileExpression(src.replace(/^=/, ''));
      if (!e.ok)
        report(
          pointer,
          Code.invalidExpression,
          say('prefill.column', {
            message: codedSaid('expression', e.code, e.message, e.reason),
            column: e.column + 1,
          }),
          {
            hint: say('sla.anExpressionSuchAs'),
          },
        );
    };
    expression('/spec/target/at', target.at);
    expression('/spec/deadlineFrom', spec.deadlineFrom);
    if (target.at !== undefined && spec.deadlineFrom !== undefined) {
      report('/spec/deadlineFrom', Code.invalidValue, say('sla.aTargetAtAn'), {
        hint: say('sla.removeDeadlinefromOrGive'),
      });
    }
    if (target.at !== undefined && (spec.pause ?? []).length > 0) {
      report('/spec/pause', Code.invalidValue, say('sla.anAgreedTimeDoes'), { hint: say('sla.removePauseANew') });
    }
    if (spec.warning) {
      const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(spec.warning.at);
      if (percent && !(Number(percent[1]) > 0 && Number(percent[1]) < 100)) {
        report('/spec/warning/at', Code.invalidValue, say('sla.warningAtIsNot', { at: spec.warning.at }), {
          hint: say('sla.aShareBetweenAnd'),
        });
      }
      if (!percent) duration('/spec/warning/at', spec.warning.at);
      checkActionList('/spec/warning/actions', spec.warning.actions, SLA_FACTS, index, report);
    }
    checkActionList('/spec/breach/actions', spec.breach?.actions, SLA_FACTS, index, report);
    const names = new Set(['warning', 'breach']);
    (spec.escalations ?? []).forEach((e, i) => {
      const name = e.name ?? `level-${i + 1}`;
      if (names.has(name))
        report(
          `/spec/escalations/${i}${e.name ? '/name' : ''}`,
          Code.duplicateName,
          say('sla.thresholdNameIsUsed', { name }),
          { hint: say('sla.giveEachEscalationLevel') },
        );
      names.add(name);
      duration(`/spec/escalations/${i}/after`, e.after);
      checkActionList(`/spec/escalations/${i}/actions`, e.actions, SLA_FACTS, index, report);
    });
    checkScoreFacts(spec, index, report);
  },
};

/** State paths and event names of the policy's workflows. */
function vocabularyOf(workflows: readonly Definition<WorkflowSpec>[]): { states: Set<string>; events: Set<string> } {
  const states = new Set<string>();
  const events = new Set<string>();
  for (const wf of workflows) {
    for (const e of Object.keys(wf.spec.on ?? {})) events.add(e);
    for (const [path, state] of statePaths(wf.spec)) {
      states.add(path);
      for (const e of Object.keys((state as StateSpec).on ?? {})) events.add(e);
    }
  }
  return { states, events };
}

/** A `score` action naming a fact no Scorecard declares would never count: warn. */
function checkScoreFacts(spec: SlaPolicySpec, index: DefinitionIndex, report: Report): void {
  const cards = index.all<{ facts?: readonly { name: string }[] }>('Scorecard');
  if (cards.length === 0) return;
  const declared = new Set(cards.flatMap((c) => (c.spec.facts ?? []).map((f) => f.name)));
  const lists: [string, readonly Record<string, unknown>[] | undefined][] = [
    ['/spec/warning/actions', spec.warning?.actions],
    ['/spec/breach/actions', spec.breach?.actions],
    ...(spec.escalations ?? []).map(
      (e, i) => [`/spec/escalations/${i}/actions`, e.actions] as [string, readonly Record<string, unknown>[]],
    ),
  ];
  for (const [pointer, list] of lists) {
    (list ?? []).forEach((a, i) => {
      const fact = (a['score'] as { fact?: unknown } | undefined)?.fact;
      if (typeof fact === 'string' && !declared.has(fact)) {
        report(`${pointer}/${i}/score/fact`, Code.unknownReference, say('sla.noScorecardDeclaresThe', { fact }), {
          severity: 'warning',
          hint: say('sla.declaredFacts', { declared: [...declared].sort() }),
        });
      }
    });
  }
}
