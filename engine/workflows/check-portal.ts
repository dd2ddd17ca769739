import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import type { FormSpec } from '../forms/form-model.ts';
import { dataFields } from './data-fields.ts';
import { statePaths } from './state-paths.ts';
import type { ActionSpec, TransitionSpec, WorkflowSpec } from './workflow-model.ts';

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
      report(`/spec/portal/steps/${i}`, Code.unknownReference, `unknown state "${step}"`, {
        hint: `states: ${[...paths.keys()].join(', ')}`,
      });
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
        report(
          pointer,
          Code.unknownReference,
          `unknown field "${path}": no form of this workflow writes it into the case data`,
          { hint: `fields: ${[...fields.keys()].slice(0, 12).join(', ')}` },
        );
      else if (f.staffOnly)
        report(pointer, Code.invalidValue, `field "${path}" is staffOnly: a customer never sees it`, {
          hint: 'remove it here, or drop staffOnly from the form',
        });
    };
    portal.fields?.forEach((path, i) => field(`/spec/portal/fields/${i}`, path));
    if (portal.appointment !== undefined) field('/spec/portal/appointment', portal.appointment);
    const start = spec.startForm ? (formFields(spec.startForm) ?? []) : [];
    for (const name of Object.keys(portal.profile ?? {})) {
      if (!start.some((f) => f.name === name))
        report(`/spec/portal/profile/${name}`, Code.unknownReference, `unknown field "${name}" in the start form`, {
          hint: `start-form fields: ${start.map((f) => f.name).join(', ') || 'none'}`,
        });
    }
  }

  const transitions = transitionsOf(spec);
  portal.replies?.forEach((reply, i) => {
    const found = transitions.filter(([type]) => type === reply.event);
    if (found.length === 0) {
      report(`/spec/portal/replies/${i}/event`, Code.unknownReference, `unknown event "${reply.event}"`, {
        hint: `events: ${[...new Set(transitions.map(([t]) => t))].join(', ')}`,
      });
      return;
    }
    const forms = found.map(([, t]) => t.form).filter((f): f is string => f !== undefined);
    if (forms.length === 0) {
      report(
        `/spec/portal/replies/${i}/event`,
        Code.invalidValue,
        `event "${reply.event}" has no form, so it carries no reply`,
        { hint: 'name an event with a form' },
      );
      return;
    }
    const names = forms.flatMap((f) => (index.get<FormSpec>('Form', f)?.spec.fields ?? []).map((x) => x.name));
    if (forms.every((f) => index.get('Form', f)) && !names.includes(reply.field)) {
      report(
        `/spec/portal/replies/${i}/field`,
        Code.unknownReference,
        `unknown field "${reply.field}" in the form of event "${reply.event}"`,
        { hint: `fields: ${names.join(', ')}` },
      );
    }
  });

  if (portal.rating) {
    const { link, event } = portal.rating;
    const started = startedCases(spec).filter((s) => (s.link ?? s.workflow) === link);
    if (started.length === 0) {
      const links = startedCases(spec).map((s) => s.link ?? s.workflow);
      report(
        '/spec/portal/rating/link',
        Code.unknownReference,
        `no startCase action of this workflow makes the link "${link}"`,
        { hint: links.length ? `links: ${links.join(', ')}` : 'add a startCase action with link: NAME' },
      );
      return;
    }
    for (const s of started) {
      const other = index.get<WorkflowSpec>('Workflow', s.workflow);
      if (!other) continue; // reported by the action's own check
      const events = transitionsOf(other.spec).map(([t]) => t);
      if (!events.includes(event))
        report('/spec/portal/rating/event', Code.unknownReference, `workflow "${s.workflow}" has no event "${event}"`, {
          hint: `events: ${[...new Set(events)].join(', ')}`,
        });
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
