import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import type { Actor, Directory } from '../../engine/runtime/actor.ts';
import { isAllowed, isCustomer } from '../../engine/runtime/authorize.ts';
import type { CaseRecord, ClockState } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { actorFacts } from '../../engine/runtime/facts.ts';
import { clockCalendarGap, type ClockCalendarGap } from '../../engine/sla/index.ts';
import { clockLineText } from '../../engine/sla/clock-lines.ts';
import { prefillValues } from '../../engine/workflows/prefill.ts';
import { sealCase, type HistoryEvent, type SealNotice } from '../../engine/workflows/sealed-data.ts';
import type { Services } from '../services.ts';
import { choicesLink, formForCase, hasListedField } from './event-form-choices.ts';

function iso(t: number): string;
function iso(t: number | null): string | null;
function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

export function setOf(services: Services, record: CaseRecord): CompiledSet {
  return services.registry.version(record.definitionVersion) ?? services.registry.current();
}

/**
 * The case's SLA clocks; with `set` (the case's version), each carries its policy's title (what staff
 * call the promise) and, when its deadline was counted across a year its calendar has no holidays
 * for, `calendarGap` (the case view says so beside the deadline).
 */
export function deadlinesOf(clocks: Readonly<Record<string, ClockState>>, set?: CompiledSet, unit?: string) {
  return Object.entries(clocks).map(([name, c]) => ({
    name,
    ...titleOf(set, c.policy ?? name),
    policy: c.policy,
    ...countsOf(set, c.policy ?? name),
    status: c.status,
    startedAt: iso(c.startedAt),
    deadline: iso(c.deadline),
    stoppedAt: iso(c.stoppedAt),
    breached: c.breached,
    // English lines as the API always gave them; `explanationLines` the same as message keys with
    // their args, which the app says in the reader's language (ui/i18n/clock-messages.ts).
    explanation: c.explanation.map(clockLineText),
    explanationLines: c.explanation,
    ...gapOf(set, c, unit),
  }));
}

function gapOf(
  set: CompiledSet | undefined,
  clock: ClockState,
  unit: string | undefined,
): { calendarGap?: ClockCalendarGap } {
  const gap = set ? clockCalendarGap(set, clock, unit) : null;
  return gap ? { calendarGap: gap } : {};
}

/** Which clock the policy counts, so a reader sees it beside the deadline: working, elapsed, or an agreed time. */
function countsOf(set: CompiledSet | undefined, policy: string): { counts?: 'working' | 'elapsed' | 'agreed' } {
  const compiled = set?.sla.find((p) => p.name === policy);
  return compiled === undefined ? {} : { counts: compiled.at ? 'agreed' : compiled.counts };
}

function titleOf(set: CompiledSet | undefined, policy: string): { title?: Localized } {
  const title = set?.definition('SlaPolicy', policy)?.metadata.title;
  return title === undefined ? {} : { title };
}

/**
 * The events this actor may send now, each with its form's JSON Schema (a generic client needs
 * nothing else); a form with a user field lists the people it may name for this case now
 * (event-form-choices.ts), and `prefill` holds the form's defaults from the case as this reader
 * sees it (sealed data already removed), so a technician confirms what was registered.
 */
function availableEvents(
  set: CompiledSet,
  record: CaseRecord,
  actor: Actor,
  locale: Locale,
  shownData: CaseRecord['data'],
  actorName: string | undefined,
  directory: Directory,
  inline: number,
): unknown[] {
  const wf = set.workflows.get(record.workflow);
  if (!wf || record.done) return [];
  const out: unknown[] = [];
  for (const info of wf.eventsFor(record.activeStates).values()) {
    if (!isAllowed(info.allow, actor, record, set.org)) continue;
    if (
      wf.actorRequirement &&
      !isCustomer(actor, set.org) &&
      !wf.actorRequirement({
        actor: actorFacts(actor, set.org),
        data: record.data,
        case: { id: record.id, unit: record.unit },
      })
    )
      continue;
    const form = info.form ? set.forms.get(info.form) : undefined;
    const prefill = prefillValues(info.spec.prefill, {
      data: shownData,
      case: { id: record.id, unit: record.unit, owner: record.owner, assignee: record.assignee },
      actor: { username: actor.username, unit: actor.unit, name: actorName ?? actor.username },
    });
    out.push({
      type: info.type,
      title: localize(info.title, locale),
      formName: info.form ?? null,
      form: !form
        ? null
        : // Whom a user field may name (and which units a unit field) depends on the case, the reader
          // and the directory now: such a form is written for each answer, with them listed.
          hasListedField(form.schema)
          ? formForCase(
              form.schema,
              set,
              record,
              directory,
              { actor, locale },
              { inline, linkFor: (field) => choicesLink(record.id, info.type, field) },
            )
          : form.schema,
      ...(prefill && Object.keys(prefill).length ? { prefill } : {}),
    });
  }
  return out;
}

function eventView(e: HistoryEvent, sealed: readonly SealNotice[]) {
  const view: Record<string, unknown> = {
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
  };
  const seal = sealed.length ? sealed.find((s) => s.seq === e.seq) : undefined;
  if (seal) view.sealed = { until: seal.until };
  return view;
}

/**
 * The case as GET /api/cases/:id answers it, as JSON text: sealed data removed, the events this
 * user may send, then the history.
 *
 * One JSON.stringify of the whole answer. It used to be spliced from cached pieces (each event's
 * JSON kept on the history's last event object in a WeakMap, each available event's JSON per
 * locale, joined by string slicing); under `npm run bench http` that made no difference beyond the
 * machine's noise: events/s spliced vs whole, in the same runs on the shared 2-core machine, 168 vs
 * 117, 121 vs 210, 132 vs 127 (ratios to the run's plain-Hono baseline 0.24 vs 0.16, 0.18 vs 0.32,
 * 1.06 vs 1.02).
 */
export async function caseViewJson(
  services: Services,
  record: CaseRecord,
  actor: Actor,
  locale: Locale,
): Promise<string> {
  const set = setOf(services, record);
  const wf = set.workflows.get(record.workflow);
  const view = sealCase(wf, record, await services.histories.of(record));
  const shown = view.record;
  const directory = services.users.directory();
  return JSON.stringify({
    ...summaryOf(shown),
    deadlines: deadlinesOf(shown.clocks, set, shown.unit),
    workflowTitle: wf ? localize(wf.title, locale) : record.workflow,
    records: record.records,
    watchers: record.watchers,
    // Each linked case's workflow by its title in the reader's language, beside the ids.
    links: record.links.map((l) => {
      const title = set.workflows.get(l.workflow)?.title;
      return title === undefined ? l : { ...l, workflowTitle: localize(title, locale) };
    }),
    sealed: view.sealed,
    availableEvents: availableEvents(
      set,
      record,
      actor,
      locale,
      shown.data,
      directory.user(actor.username)?.name,
      directory,
      services.choicesInline,
    ),
    history: view.history.map((e) => eventView(e, view.sealed)),
  });
}

/** A case in a list: no history, data already sealed by the caller. */
export function summaryOf(record: CaseRecord) {
  return {
    id: record.id,
    number: record.number ?? null,
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
