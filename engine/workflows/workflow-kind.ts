import schema from '../definitions/schemas/workflow.schema.json' with { type: 'json' };
import { checkActionList } from '../actions/check-action-list.ts';
import { parseDuration } from '../calendar/index.ts';
import { checkCondition } from '../conditions/index.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition } from '../definitions/kind.ts';
import { joinPointer } from '../definitions/yaml-source.ts';
import { known, knownRoles, knownUnitTypes } from '../org/organization-kind.ts';
import { checkRecordLinks } from './check-record-links.ts';
import { checkPrefill } from './check-prefill.ts';
import { checkServiceLine } from './check-service-line.ts';
import { checkPortal } from './check-portal.ts';
import { checkSummary } from './check-summary.ts';
import { checkNumbering } from './case-numbering.ts';
import { checkView } from './check-view.ts';
import { dataFields } from './data-fields.ts';
import type { FormSpec } from '../forms/form-model.ts';
import { reachableStates } from './reachable-states.ts';
import { resolveTarget, statePaths } from './state-paths.ts';
import type { ActionSpec, AllowRule, StateSpec, TargetSpec, TransitionSpec, WorkflowSpec } from './workflow-model.ts';
import { kindSaid, say, type Said } from '../definitions/said.ts';

/** Facts a workflow condition may use. */
export const WORKFLOW_FACTS = ['data', 'event', 'actor', 'case', 'clock'];

export const workflowKind: KindDefinition = {
  kind: 'Workflow',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as WorkflowSpec;
    const paths = statePaths(spec);
    const roles = knownRoles(index);
    const eventTypes = new Set([
      ...Object.keys(spec.on ?? {}),
      ...[...paths.values()].flatMap((st) => Object.keys(st.on ?? {})),
    ]);
    const unitTypes = knownUnitTypes(index);
    const ref = (pointer: string, kind: string, name: string | undefined) => {
      if (name !== undefined && !index.get(kind, name)) {
        report(pointer, Code.unknownReference, say('workflow.unknown', { kind: kindSaid(kind), name }), {
          hint: known(index, kind),
        });
      }
    };
    const condition = (pointer: string, cond: unknown) => {
      for (const i of checkCondition(cond, WORKFLOW_FACTS))
        report(pointer + i.pointer, Code.invalidCondition, i.said, i.saidHint ? { hint: i.saidHint } : undefined);
    };
    const allow = (pointer: string, rules: readonly AllowRule[] | undefined) =>
      (rules ?? []).forEach((r, i) => {
        if (r.role && !roles.has(r.role))
          report(`${pointer}/${i}/role`, Code.unknownReference, say('workflow.unknownRole', { role: r.role }), {
            hint: say('action.knownRoles', { roles: [...roles] }),
          });
        if (r.unitType && !unitTypes.has(r.unitType))
          report(
            `${pointer}/${i}/unitType`,
            Code.unknownReference,
            say('workflow.unknownUnitType', { unitType: r.unitType }),
          );
      });
    const actionList = (pointer: string, list: readonly ActionSpec[] | undefined) =>
      checkActionList(pointer, list, WORKFLOW_FACTS, index, report);
    const target = (pointer: string, t: string, from: string) => {
      if (resolveTarget(t, from, paths) === null) {
        const siblings =
          from === '' || !from.includes('.')
            ? Object.keys(spec.states)
            : [...paths.keys()].filter((p) => p.startsWith(from.slice(0, from.lastIndexOf('.') + 1)));
        report(pointer, Code.unknownReference, say('workflow.unknownState', { t }), {
          hint: say('workflow.statesHereUsePath', { siblings }),
        });
      }
    };
    const branches = (
      pointer: string,
      from: string,
      t: { target?: string; targets?: readonly TargetSpec[]; stay?: boolean; actions?: readonly ActionSpec[] },
      kind: Said,
    ) => {
      if (t.target === undefined && t.targets === undefined && !t.stay) {
        report(pointer, Code.missingTarget, say('workflow.hasNoTarget', { kind }), {
          hint: say('workflow.addTargetStateTargets'),
        });
      }
      if (t.target !== undefined) target(`${pointer}/target`, t.target, from);
      (t.targets ?? []).forEach((b, i) => {
        target(`${pointer}/targets/${i}/target`, b.target, from);
        if (b.when) condition(`${pointer}/targets/${i}/when`, b.when);
        actionList(`${pointer}/targets/${i}/actions`, b.actions);
      });
      actionList(`${pointer}/actions`, t.actions);
    };
    // The case-data fields the workflow's forms write, read once and only when a prefill needs them.
    let caseFields: ReturnType<typeof dataFields> | undefined | null = null;
    const fieldsOfCase = () => {
      if (caseFields === null) {
        let missing = false;
        const found = dataFields(spec, (name) => {
          const form = index.get<FormSpec>('Form', name);
          if (!form) missing = true;
          return form?.spec.fields;
        });
        // A missing form is reported on its own; its fields are then unknown, not absent.
        caseFields = missing ? undefined : found;
      }
      return caseFields;
    };
    const transitions = (pointer: string, from: string, on: Readonly<Record<string, TransitionSpec>> | undefined) => {
      for (const [type, t] of Object.entries(on ?? {})) {
        const p = `${pointer}/${type}`;
        ref(`${p}/form`, 'Form', t.form);
        allow(`${p}/allow`, t.allow);
        if (t.when) condition(`${p}/when`, t.when);
        if (t.sealedUntil !== undefined && !eventTypes.has(t.sealedUntil)) {
          report(
            `${p}/sealedUntil`,
            Code.unknownReference,
            say('workflow.unknownEventTheSeal', { sealedUntil: t.sealedUntil }),
            { hint: say('workflow.eventsOfThisWorkflow', { eventTypes: [...eventTypes] }) },
          );
        }
        checkPrefill(p, t, index, fieldsOfCase, report);
        branches(p, from, t, say('workflow.eventNamed', { type }));
      }
    };

    ref('/spec/startForm', 'Form', spec.startForm);
    ref('/spec/serviceLine', 'ServiceLine', spec.serviceLine);
    checkServiceLine(doc.metadata.name, spec.serviceLine, index, report);
    allow('/spec/start/allow', spec.start.allow);
    actionList('/spec/start/actions', spec.start.actions);
    if (spec.actorRequirement) condition('/spec/actorRequirement/when', spec.actorRequirement.when);
    checkRecordLinks(spec.records, index, report);
    checkSummary(spec, index, report);
    if (spec.numbering) {
      for (const p of checkNumbering(spec.numbering))
        report(`/spec/numbering/${p.key}`, Code.invalidValue, p.said, p.saidHint ? { hint: p.saidHint } : undefined);
      ref('/spec/numbering/calendar', 'Calendar', spec.numbering.calendar);
    }
    checkView(spec, index, report);
    checkPortal(spec, index, report);
    spec.portal?.replies?.forEach((r, i) => {
      if (r.when) condition(`/spec/portal/replies/${i}/when`, r.when);
    });
    if (!spec.states[spec.initial])
      report('/spec/initial', Code.unknownReference, say('workflow.unknownInitialState', { initial: spec.initial }), {
        hint: say('workflow.states', { states: Object.keys(spec.states) }),
      });
    transitions('/spec/on', '', spec.on);

    for (const [path, state] of paths) {
      const p = pointerOf(path);
      checkState(p, path, state);
    }
    const reachable = reachableStates(spec, paths);
    for (const path of paths.keys()) {
      if (!reachable.has(path))
        report(pointerOf(path), Code.unreachableState, say('workflow.stateCanNeverBe', { path }), {
          hint: say('workflow.addATransitionThat'),
        });
    }

    function checkState(p: string, path: string, state: StateSpec) {
      const scripts =
        state.script === undefined ? [] : typeof state.script === 'string' ? [state.script] : state.script;
      scripts.forEach((s, i) =>
        ref(typeof state.script === 'string' ? `${p}/script` : `${p}/script/${i}`, 'Script', s),
      );
      if (state.states && state.type !== 'parallel') {
        const initial = state.initial ?? Object.keys(state.states)[0];
        if (initial && !state.states[initial])
          report(`${p}/initial`, Code.unknownReference, say('workflow.unknownInitialState', { initial }), {
            hint: say('workflow.children', { states: Object.keys(state.states) }),
          });
      }
      if (state.type === 'final' && (state.on || state.states))
        report(p, Code.invalidValue, say('workflow.aFinalStateCannot'));
      if (state.type === 'parallel' && !state.states) report(p, Code.invalidValue, say('workflow.aParallelStateNeeds'));
      actionList(`${p}/entry`, state.entry);
      actionList(`${p}/exit`, state.exit);
      transitions(`${p}/on`, path, state.on);
      (state.after ?? []).forEach((t, i) => {
        const tp = `${p}/after/${i}`;
        const d = parseDuration(t.delay);
        if (!d.ok) report(`${tp}/delay`, Code.invalidDuration, d.said);
        ref(`${tp}/calendar`, 'Calendar', t.calendar);
        branches(tp, path, t, say('workflow.timer'));
      });
      (state.always ?? []).forEach((b, i) => {
        target(`${p}/always/${i}/target`, b.target, path);
        if (b.when) condition(`${p}/always/${i}/when`, b.when);
        actionList(`${p}/always/${i}/actions`, b.actions);
      });
      if (typeof state.done === 'string') target(`${p}/done`, state.done, path);
      else (state.done ?? []).forEach((b, i) => target(`${p}/done/${i}/target`, b.target, path));
    }
  },
};

/** '/spec/states/handling/states/hq' for the state path 'handling.hq'. */
export function pointerOf(path: string): string {
  return (
    '/spec' +
    path
      .split('.')
      .map((s) => joinPointer('states', s))
      .join('')
  );
}
