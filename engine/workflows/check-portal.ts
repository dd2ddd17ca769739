import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import type { FormSpec } from '../forms/form-model.ts';
import { dataFields } from './data-fields.ts';
import { statePaths } from './state-paths.ts';
import type { ActionSpec, TransitionSpec, WorkflowSpec } from './workflow-model.ts';
import { say } from '../definitions/said.ts';

/**
 * `spec.portal`: every step is a state, every field a path one of the workflow's forms writes,
 * every reply an event of this workflow whose form has the named field, and the rating a link
 * some startCase action of this workflow makes to a workflow that has the rating event. A portal
 * that names what does not exist would show the customer nothing, silently, so it is refused.
 * Conditions (`replies[].when`) are checked by the caller with the workflow's other conditions.
 */
export function checkPortal(spec: WorkflowSpec, index: DefinitionIndex, report: Report): void {
  const portal = spec.portal;
  if (portal === undefined) return;
  const paths = statePaths(spec);
  portal.steps?.forEach((step, i) => {
    if (!paths.has(step))
      report(`/spec/portal/steps/${i}`, Code.unknownReference, say('portal.unknownState', { step }), {
        hint: say('portal.states', { paths: [...paths.keys()] }),
      });
  });
  for (const step of Object.keys(portal.stepTitles ?? {}))
    if (!(portal.steps ?? []).includes(step))
      report(`/spec/portal/stepTitles/${step}`, Code.unknownReference, say('portal.unknownStep', { step }), {
        hint: say('portal.steps', { steps: portal.steps ?? [] }),
      });

  let missingForm = false;
  const formFields = (name: string) => {
    const form = index.get<FormSpec>('Form', name);
    if (!form) missingForm = true;
    return form?.spec.fields;
  };
  const fields = dataFields(spec, formFields);
  // A missing form is reported by the Workflow check itself; fields are not checked against the rest.
  if (!missingForm) {
    const field = (pointer: string, path: string) => {
      const f = fields.get(path);
      if (!f)
        report(pointer, Code.unknownReference, say('portal.unknownFieldNoForm', { path }), {
          hint: say('portal.fields', { fields: [...fields.keys()].slice(0, 12) }),
        });
      else if (f.staffOnly)
        report(pointer, Code.invalidValue, say('portal.fieldIsStaffonlyA', { path }), {
          hint: say('portal.removeItHereOr'),
        });
    };
    portal.fields?.forEach((path, i) => field(`/spec/portal/fields/${i}`, path));
    if (portal.appointment !== undefined) field('/spec/portal/appointment', portal.appointment);
    const start = spec.startForm ? (formFields(spec.startForm) ?? []) : [];
    for (const name of Object.keys(portal.profile ?? {})) {
      if (!start.some((f) => f.name === name))
        report(`/spec/portal/profile/${name}`, Code.unknownReference, say('portal.unknownFieldInThe', { name }), {
          hint: say('portal.startFormFields', { names: start.length ? start.map((f) => f.name) : say('none') }),
        });
    }
  }

  const transitions = transitionsOf(spec);
  portal.replies?.forEach((reply, i) => {
    const found = transitions.filter(([type]) => type === reply.event);
    if (found.length === 0) {
      report(
        `/spec/portal/replies/${i}/event`,
        Code.unknownReference,
        say('portal.unknownEvent', { event: reply.event }),
        {
          hint: say('portal.events', { transitions: [...new Set(transitions.map(([t]) => t))] }),
        },
      );
      return;
    }
    const forms = found.map(([, t]) => t.form).filter((f): f is string => f !== undefined);
    if (forms.length === 0) {
      report(
        `/spec/portal/replies/${i}/event`,
        Code.invalidValue,
        say('portal.eventHasNoForm', { event: reply.event }),
        { hint: say('portal.nameAnEventWith') },
      );
      return;
    }
    const names = forms.flatMap((f) => (index.get<FormSpec>('Form', f)?.spec.fields ?? []).map((x) => x.name));
    if (forms.every((f) => index.get('Form', f)) && !names.includes(reply.field)) {
      report(
        `/spec/portal/replies/${i}/field`,
        Code.unknownReference,
        say('portal.unknownFieldInThe2', { field: reply.field, event: reply.event }),
        { hint: say('fields.list', { names }) },
      );
    }
  });

  if (portal.rating) {
    const { link, event } = portal.rating;
    const started = startedCases(spec).filter((s) => (s.link ?? s.workflow) === link);
    if (started.length === 0) {
      const links = startedCases(spec).map((s) => s.link ?? s.workflow);
      report('/spec/portal/rating/link', Code.unknownReference, say('portal.noStartcaseActionOf', { link }), {
        hint: links.length ? say('portal.links', { links }) : say('portal.addStartCase'),
      });
      return;
    }
    for (const s of started) {
      const other = index.get<WorkflowSpec>('Workflow', s.workflow);
      if (!other) continue; // reported by the action's own check
      const events = transitionsOf(other.spec).map(([t]) => t);
      if (!events.includes(event))
        report(
          '/spec/portal/rating/event',
          Code.unknownReference,
          say('portal.workflowHasNoEvent', { workflow: s.workflow, event }),
          {
            hint: say('portal.events2', { events: [...new Set(events)] }),
          },
        );
    }
  }
}

/** Every transition of the workflow with its event type: its own `on` and every state's. */
function transitionsOf(spec: WorkflowSpec): [string, TransitionSpec][] {
  const out: [string, TransitionSpec][] = Object.entries(spec.on ?? {});
  for (const state of statePaths(spec).values()) out.push(...Object.entries(state.on ?? {}));
  return out;
}

/** The startCase actions anywhere in the workflow: on start, on events and their branches, on entry and exit. */
function startedCases(spec: WorkflowSpec): { workflow: string; link?: string }[] {
  const lists: (readonly ActionSpec[] | undefined)[] = [spec.start.actions];
  for (const [, t] of transitionsOf(spec)) lists.push(t.actions, ...(t.targets ?? []).map((b) => b.actions));
  for (const state of statePaths(spec).values()) lists.push(state.entry, state.exit);
  const out: { workflow: string; link?: string }[] = [];
  for (const list of lists) {
    for (const action of list ?? []) {
      const p = (action as { startCase?: { workflow?: unknown; link?: unknown } }).startCase;
      if (p && typeof p.workflow === 'string')
        out.push({ workflow: p.workflow, ...(typeof p.link === 'string' ? { link: p.link } : {}) });
    }
  }
  return out;
}
