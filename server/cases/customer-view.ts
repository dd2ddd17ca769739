import { localize, type Locale } from '../../engine/localized.ts';
import type { Actor } from '../../engine/runtime/actor.ts';
import { isAllowed } from '../../engine/runtime/authorize.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { FieldSpec } from '../../engine/forms/form-model.ts';
import type { CompiledWorkflow } from '../../engine/workflows/compile-workflow.ts';
import { prefillValues } from '../../engine/workflows/prefill.ts';
import type { HistoryEvent } from '../../engine/workflows/sealed-data.ts';
import type { Services } from '../services.ts';
import { withoutStaffOnly } from './customer-form.ts';
import { setOf } from './case-view.ts';

/**
 * A case as a customer may see it (the portal): what the workflow's `portal` section chooses and
 * nothing else. Built from an allow-list rather than by removing from the staff view, so a key the
 * staff view gains later (history, comments, notifications, scripts, deadlines, usernames, staff-
 * only fields) never reaches a customer by default. `owner`, `assignee` and `unit` are null: a
 * customer meets people by name (the technician), never by username.
 */
export async function customerCaseView(services: Services, record: CaseRecord, actor: Actor, locale: Locale) {
  const set = setOf(services, record);
  const wf = set.workflows.get(record.workflow);
  const history = await services.histories.of(record);
  const base = customerSummaryOf(set, wf, record, history, locale);
  if (!wf)
    return {
      ...base,
      progress: [],
      technician: null,
      appointment: null,
      replies: [],
      availableEvents: [],
      rating: null,
    };
  const p = wf.portal;
  return {
    ...base,
    progress: progressOf(wf, record, history, locale),
    technician: p.technician ? technicianOf(services, record) : null,
    appointment: p.appointment === null ? null : (valueAt(record.data, p.appointment) ?? null),
    replies: repliesOf(wf, history, services, locale),
    availableEvents: customerEvents(set, wf, record, actor, locale),
    rating: await ratingOf(services, wf, record, actor, locale),
  };
}

/** A case in a customer's list (and the start of its view): the customer-facing step, the portal fields. */
export function customerSummaryOf(
  set: CompiledSet,
  wf: CompiledWorkflow | undefined,
  record: CaseRecord,
  history: readonly HistoryEvent[],
  locale: Locale,
) {
  const step = wf ? currentStep(wf, record, history) : null;
  return {
    id: record.id,
    number: record.number ?? null,
    workflow: record.workflow,
    workflowTitle: wf ? localize(wf.title, locale) : record.workflow,
    definitionVersion: record.definitionVersion,
    unit: null,
    owner: null,
    assignee: null,
    customerUser: record.customerUser,
    state: step === null ? [] : [step],
    stateValue: step,
    stateTitle:
      step === null || !wf
        ? null
        : localize(wf.portal.stepTitles[step] ?? wf.states.get(step)?.title ?? '', locale) || null,
    done: record.done,
    data: wf
      ? pick(
          record.data,
          wf.portal.fields.map((f) => f.path),
        )
      : {},
    fields: wf
      ? wf.portal.fields.map(({ path, field }) => ({
          path,
          title: localize(field.label, locale),
          type: field.type,
          ...(field.options
            ? { options: field.options.map((o) => ({ value: o.value, label: localize(o.label, locale) })) }
            : {}),
        }))
      : [],
    version: record.version,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    deadlines: [],
    history: [],
    links: [],
    records: {},
    watchers: [],
  };
}

/** The states a case has been in, each with its parents ('handling.hq' also counts 'handling'). */
function visitedStates(
  record: CaseRecord,
  history: readonly HistoryEvent[],
): { visited: Set<string>; active: Set<string> } {
  const withParents = (paths: readonly string[], into: Set<string>) => {
    for (const p of paths) {
      const parts = p.split('.');
      for (let i = 1; i <= parts.length; i++) into.add(parts.slice(0, i).join('.'));
    }
  };
  const visited = new Set<string>();
  const active = new Set<string>();
  for (const e of history) withParents(e.to, visited);
  withParents(record.activeStates, active);
  withParents(record.activeStates, visited);
  return { visited, active };
}

/** Index of the step the case is at: the last step active now, else the last step it has reached. */
function currentIndex(wf: CompiledWorkflow, record: CaseRecord, history: readonly HistoryEvent[]): number {
  const { visited, active } = visitedStates(record, history);
  const steps = wf.portal.steps;
  for (let i = steps.length - 1; i >= 0; i--) if (active.has(steps[i]!)) return i;
  for (let i = steps.length - 1; i >= 0; i--) if (visited.has(steps[i]!)) return i;
  return -1;
}

function currentStep(wf: CompiledWorkflow, record: CaseRecord, history: readonly HistoryEvent[]): string | null {
  const i = currentIndex(wf, record, history);
  return i < 0 ? null : wf.portal.steps[i]!;
}

/** The progress line: each step done, current, still to come, or passed by (another branch was taken). */
function progressOf(wf: CompiledWorkflow, record: CaseRecord, history: readonly HistoryEvent[], locale: Locale) {
  const { visited } = visitedStates(record, history);
  const at = currentIndex(wf, record, history);
  return wf.portal.steps.map((path, i) => ({
    step: path,
    title: localize(wf.portal.stepTitles[path] ?? wf.states.get(path)?.title ?? path, locale),
    status: i === at ? (record.done ? 'done' : 'current') : i < at ? (visited.has(path) ? 'done' : 'skipped') : 'todo',
  }));
}

/** The assigned staff member by name and work phone; a customer or nobody shows as null. */
function technicianOf(services: Services, record: CaseRecord): { name: string; phone: string | null } | null {
  if (!record.assignee) return null;
  const u = services.users.directory().user(record.assignee);
  const org = services.registry.current().org;
  if (!u || u.roles.some((r) => org.isCustomerRole(r))) return null;
  return { name: u.name ?? '', phone: u.mobile ?? null };
}

/** Public replies: the events the portal names, where their condition holds (e.g. visibility public). */
function repliesOf(wf: CompiledWorkflow, history: readonly HistoryEvent[], services: Services, locale: Locale) {
  const out: { at: string; title: string; by: string | null; text: string }[] = [];
  if (wf.portal.replies.length === 0) return out;
  const directory = services.users.directory();
  for (const e of history) {
    for (const r of wf.portal.replies) {
      if (r.event !== e.type || (r.when && !r.when({ event: e.data, data: e.data }))) continue;
      const text = valueAt(e.data, r.field);
      if (typeof text !== 'string' || text === '') continue;
      const title = r.title ?? wf.eventsFor([...e.from]).get(e.type)?.title ?? wf.spec.on?.[e.type]?.title ?? '';
      out.push({
        at: new Date(e.at).toISOString(),
        title: localize(title, locale),
        by: directory.user(e.actor)?.name ?? null,
        text,
      });
      break;
    }
  }
  return out;
}

/**
 * The events this customer may send now, each with its form minus staff-only fields and its
 * defaults from the case (`prefill`, e.g. the visit time being moved). A prefill reads only what
 * the customer sees of the case (the portal's fields and appointment) and fills only the fields
 * their form has, so it never hands them a value the portal would not show.
 */
function customerEvents(set: CompiledSet, wf: CompiledWorkflow, record: CaseRecord, actor: Actor, locale: Locale) {
  if (record.done) return [];
  const out = [];
  const shown = pick(record.data, [
    ...wf.portal.fields.map((f) => f.path),
    ...(wf.portal.appointment === null ? [] : [wf.portal.appointment]),
  ]);
  for (const info of wf.eventsFor(record.activeStates).values()) {
    if (!isAllowed(info.allow, actor, record, set.org)) continue;
    const form = info.form ? set.forms.get(info.form) : undefined;
    const schema = withoutStaffOnly(form?.schema as Record<string, unknown> | undefined);
    const properties = (schema?.['properties'] ?? {}) as Record<string, unknown>;
    const defaults = prefillValues(info.spec.prefill, {
      data: shown,
      case: { id: record.id, unit: record.unit },
      actor: { username: actor.username, unit: actor.unit },
    });
    const prefill = Object.fromEntries(Object.entries(defaults ?? {}).filter(([field]) => field in properties));
    out.push({
      type: info.type,
      title: localize(info.title, locale),
      formName: info.form ?? null,
      form: schema,
      ...(Object.keys(prefill).length ? { prefill } : {}),
    });
  }
  return out;
}

/**
 * The rating the portal asks for on this case: the linked case's rating event (e.g. the return
 * visit's), so the customer's answer is recorded where staff record theirs. `given` once rated.
 */
async function ratingOf(services: Services, wf: CompiledWorkflow, record: CaseRecord, actor: Actor, locale: Locale) {
  const rating = wf.portal.rating;
  if (!rating) return null;
  const link = record.links.find((l) => l.direction === 'child' && l.name === rating.link);
  if (!link) return null;
  const linked = await services.store.getCase(link.caseId);
  if (!linked || linked.customerUser !== record.customerUser) return null;
  const given = (await services.histories.of(linked)).find((e) => e.type === rating.event);
  const set = setOf(services, linked);
  if (given)
    return {
      case: linked.id,
      given: {
        at: new Date(given.at).toISOString(),
        data: given.data,
        fields: eventFields(set, set.workflows.get(linked.workflow), rating.event, locale),
      },
    };
  const event =
    set.workflows.get(linked.workflow) &&
    customerEvents(set, set.workflows.get(linked.workflow)!, linked, actor, locale).find(
      (e) => e.type === rating.event,
    );
  return event ? { case: linked.id, version: linked.version, event } : null;
}

/** The fields of an event's form as a customer reads them (labels, option labels), for showing what they gave. */
function eventFields(set: CompiledSet, wf: CompiledWorkflow | undefined, type: string, locale: Locale) {
  const form = [wf?.spec.on?.[type], ...[...(wf?.states.values() ?? [])].map((s) => s.on?.[type])].find(
    (t) => t?.form,
  )?.form;
  const spec = form ? set.definition<{ fields: readonly FieldSpec[] }>('Form', form)?.spec : undefined;
  return (spec?.fields ?? [])
    .filter((f) => !f.staffOnly)
    .map((f) => ({
      path: f.name,
      title: localize(f.label, locale),
      type: f.type,
      ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: localize(o.label, locale) })) } : {}),
    }));
}

function valueAt(data: Readonly<Record<string, unknown>>, path: string): unknown {
  let v: unknown = data;
  for (const part of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** The data with only these dotted paths (nested objects kept nested). */
function pick(data: Readonly<Record<string, unknown>>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const v = valueAt(data, path);
    if (v === undefined) continue;
    const parts = path.split('.');
    let into = out;
    for (const part of parts.slice(0, -1)) into = (into[part] ??= {}) as Record<string, unknown>;
    into[parts[parts.length - 1]!] = v;
  }
  return out;
}
