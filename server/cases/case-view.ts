import { localize, type Locale } from '../../engine/localized.ts';
import type { Actor } from '../../engine/runtime/actor.ts';
import { isAllowed, isCustomer } from '../../engine/runtime/authorize.ts';
import type { CaseRecord, ClockState } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { actorFacts } from '../../engine/runtime/facts.ts';
import { sealCase, type HistoryEvent, type SealNotice } from '../../engine/workflows/sealed-data.ts';
import type { Services } from '../services.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function setOf(services: Services, record: CaseRecord): CompiledSet {
  return services.registry.version(record.definitionVersion) ?? services.registry.current();
}

export function deadlinesOf(clocks: Readonly<Record<string, ClockState>>) {
  return Object.entries(clocks).map(([name, c]) => ({
    name,
    policy: c.policy,
    status: c.status,
    startedAt: iso(c.startedAt),
    deadline: iso(c.deadline),
    stoppedAt: iso(c.stoppedAt),
    breached: c.breached,
    explanation: c.explanation,
  }));
}

/**
 * The events this actor may send now, each with its form's JSON Schema (a generic client needs
 * nothing else), as JSON text. An entry depends only on the compiled event and the locale, so its
 * JSON (mostly the form's schema) is written once per compiled event and locale.
 */
function availableEventsJson(set: CompiledSet, record: CaseRecord, actor: Actor, locale: Locale): string {
  const wf = set.workflows.get(record.workflow);
  if (!wf || record.done) return '[]';
  const out: string[] = [];
  for (const info of wf.eventsFor(record.activeStates).values()) {
    if (!isAllowed(info.allow, actor, record, set.org)) continue;
    if (wf.actorRequirement && !isCustomer(actor, set.org) && !wf.actorRequirement({ actor: actorFacts(actor, set.org), data: record.data, case: { id: record.id, unit: record.unit } })) continue;
    let ofSet = entryJson.get(set);
    if (!ofSet) entryJson.set(set, (ofSet = new WeakMap()));
    let byLocale = ofSet.get(info);
    if (!byLocale) ofSet.set(info, (byLocale = new Map()));
    let text = byLocale.get(locale);
    if (text === undefined) {
      const form = info.form ? set.forms.get(info.form) : undefined;
      byLocale.set(locale, (text = JSON.stringify({ type: info.type, title: localize(info.title, locale), formName: info.form ?? null, form: form ? form.schema : null })));
    }
    out.push(text);
  }
  return `[${out.join(',')}]`;
}

// By compiled set (its forms) and compiled event: both are made once per definition version.
const entryJson = new WeakMap<CompiledSet, WeakMap<object, Map<Locale, string>>>();

function eventView(e: HistoryEvent, sealed: readonly SealNotice[]) {
  const seal = sealed.length ? sealed.find((s) => s.seq === e.seq) : undefined;
  return {
    seq: e.seq,
    type: e.type,
    actor: e.actor,
    actorUnit: e.actorUnit,
    at: iso(e.at),
    definitionVersion: e.definitionVersion,
    data: e.data,
    from: e.from,
    to: e.to,
    effects: e.effects,
    ...(seal ? { sealed: { until: seal.until } } : {}),
  };
}

// An unsealed event reads the same in every answer, and histories come from the history cache as
// the same objects: each one's JSON is written once, not on every answer that shows it.
const plainJson = new WeakMap<HistoryEvent, string>();

function eventJson(e: HistoryEvent, sealed: readonly SealNotice[]): string {
  if (sealed.some((s) => s.seq === e.seq)) return JSON.stringify(eventView(e, sealed));
  let text = plainJson.get(e);
  if (text === undefined) plainJson.set(e, (text = JSON.stringify(eventView(e, sealed))));
  return text;
}

/**
 * The case as GET /api/cases/:id answers it, as JSON text: sealed data removed, the events this
 * user may send, then the history, whose JSON comes from `eventJson` (it is most of the answer and
 * mostly unchanged from the last one).
 */
export async function caseViewJson(services: Services, record: CaseRecord, actor: Actor, locale: Locale): Promise<string> {
  const set = setOf(services, record);
  const wf = set.workflows.get(record.workflow);
  const view = sealCase(wf, record, await services.histories.of(record));
  const rest = JSON.stringify({
    ...summaryOf(view.record),
    workflowTitle: wf ? localize(wf.title, locale) : record.workflow,
    records: record.records,
    watchers: record.watchers,
    links: record.links,
    sealed: view.sealed,
  });
  const history = view.history.map((e) => eventJson(e, view.sealed)).join(',');
  return `${rest.slice(0, -1)},"availableEvents":${availableEventsJson(set, record, actor, locale)},"history":[${history}]}`;
}

/** A case in a list: no history, data already sealed by the caller. */
export function summaryOf(record: CaseRecord) {
  return {
    id: record.id,
    workflow: record.workflow,
    definitionVersion: record.definitionVersion,
    unit: record.unit,
    owner: record.owner,
    assignee: record.assignee,
    customerUser: record.customerUser,
    state: record.activeStates,
    stateValue: record.state,
    done: record.done,
    data: record.data,
    version: record.version,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    deadlines: deadlinesOf(record.clocks),
  };
}
