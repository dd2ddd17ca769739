import type { WorkflowView } from '../../contract/types.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import type { Actor } from '../../engine/runtime/actor.ts';
import { isAllowed } from '../../engine/runtime/authorize.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { CompiledWorkflow } from '../../engine/workflows/compile-workflow.ts';
import type { DirectoryUser } from '../../engine/runtime/actor.ts';
import { withoutStaffOnly } from '../cases/customer-form.ts';
import type { Services } from '../services.ts';

/** How many of a customer's cases are read to learn the workflows they have cases in. */
const CASES_READ = 500;

/** Whether a customer may start a case of this workflow (in their own unit, as the engine decides). */
export function mayStart(set: CompiledSet, wf: CompiledWorkflow, actor: Actor): boolean {
  if (!actor.unit) return false;
  const unit = set.org.unit(actor.unit) ? set.org.actingUnit(actor.unit) : actor.unit;
  return isAllowed(
    wf.spec.start.allow,
    actor,
    { unit, owner: null, assignee: null, customerUser: actor.username },
    set.org,
  );
}

/**
 * The workflows a customer meets: those they may start and those they have cases in. Everything
 * else of the published set (internal workflows, scripts, SLA policies, templates, scorecards) is
 * not theirs to read.
 */
export async function customerWorkflows(services: Services, set: CompiledSet, actor: Actor): Promise<Set<string>> {
  const names = new Set<string>();
  for (const wf of set.workflows.values()) if (mayStart(set, wf, actor)) names.add(wf.name);
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await services.store.listCases({
      customerUser: actor.username,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.items) names.add(c.workflow);
    read += page.items.length;
    cursor = page.next ?? undefined;
  } while (cursor && read < CASES_READ);
  return names;
}

/**
 * A workflow as a customer reads it: the portal's steps as its states, only the events the
 * customer may send (with their forms minus staff-only fields), the start form likewise, and what
 * their request takes from them (`prefill`). No scripts, diagram, staff events or allow rules.
 */
export function customerWorkflowView(
  set: CompiledSet,
  wf: CompiledWorkflow,
  actor: Actor,
  locale: Locale,
  prefill: Record<string, unknown>,
): WorkflowView {
  const forCustomer = wf.spec.start.allow.filter((r) =>
    isAllowed(
      [r],
      actor,
      { unit: actor.unit ?? '', owner: null, assignee: null, customerUser: actor.username },
      set.org,
    ),
  );
  const events = [];
  for (const [path, state] of [['', { on: wf.spec.on }] as const, ...wf.states.entries()]) {
    for (const [type, t] of Object.entries(state.on ?? {})) {
      if (!(t.allow ?? []).some((r) => r.customer === true || (r.role !== undefined && actor.roles.includes(r.role))))
        continue;
      events.push({
        type,
        title: localize(t.title ?? type, locale),
        from: path === '' ? '*' : path,
        form: t.form ? withoutStaffOnly(set.forms.get(t.form)?.schema as Record<string, unknown>) : null,
        formName: t.form ?? null,
        allow: [],
      });
    }
  }
  const start = wf.spec.startForm ? set.forms.get(wf.spec.startForm) : undefined;
  return {
    kind: 'Workflow' as const,
    name: wf.name,
    title: localize(wf.title, locale),
    version: set.version,
    initial: wf.portal.steps[0] ?? wf.spec.initial,
    states: wf.portal.steps.map((path) => {
      const s = wf.states.get(path);
      return {
        path,
        title: localize(s?.title ?? path, locale),
        type: s?.type ?? (s?.states ? 'compound' : 'atomic'),
        script: [],
      };
    }),
    events,
    startForm: withoutStaffOnly(start?.schema as Record<string, unknown> | undefined) ?? {
      type: 'object',
      additionalProperties: false,
      properties: {},
    },
    startFormName: wf.spec.startForm ?? null,
    startAllow: forCustomer,
    mayStart: mayStart(set, wf, actor),
    serviceLine: wf.spec.serviceLine ?? null,
    summary: wf.portal.fields.slice(0, 2).map(({ path, field }) => ({
      path,
      title: localize(field.label, locale),
      ...(field.options
        ? { options: field.options.map((o) => ({ value: o.value, label: localize(o.label, locale) })) }
        : {}),
    })),
    prefill,
    diagram: null,
  };
}

/**
 * What a customer's new request takes from them (`portal.profile`): name, mobile or e-mail from
 * their login, `latest` from their latest case of this workflow that has the field.
 */
export async function customerPrefill(
  services: Services,
  wf: CompiledWorkflow,
  user: DirectoryUser | undefined,
  username: string,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const profile = wf.portal.profile;
  const latestWanted = Object.values(profile).includes('latest');
  const latest = latestWanted
    ? (await services.store.listCases({ customerUser: username, workflow: wf.name, limit: 1 })).items[0]
    : undefined;
  for (const [field, from] of Object.entries(profile)) {
    const value = from === 'latest' ? latest?.data[field] : user?.[from];
    if (value !== undefined && value !== null && value !== '') out[field] = value;
  }
  return out;
}

/** The forms a customer may read: the start forms and customer events' forms of their workflows. */
export function customerForms(set: CompiledSet, workflows: ReadonlySet<string>, actor: Actor): Set<string> {
  const forms = new Set<string>();
  for (const name of workflows) {
    const wf = set.workflows.get(name);
    if (!wf) continue;
    if (wf.spec.startForm) forms.add(wf.spec.startForm);
    for (const state of [{ on: wf.spec.on }, ...wf.states.values()]) {
      for (const t of Object.values(state.on ?? {})) {
        if (
          t.form &&
          (t.allow ?? []).some((r) => r.customer === true || (r.role !== undefined && actor.roles.includes(r.role)))
        )
          forms.add(t.form);
      }
    }
  }
  return forms;
}
