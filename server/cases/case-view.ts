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
 * nothing else), as JSON text. An entry depends only on the compiled event and the locale, so its
 * JSON (mostly the form's schema) is written once per compiled event and locale.
 */
function availableEventsJson(
  set: CompiledSet,
  record: CaseRecord,
  actor: Actor,
  locale: Locale,
  shownData: CaseRecord['data'],
  actorName: string | undefined,
  directory: Directory,
  inline: number,
): string {
  const wf = set.workflows.get(record.workflow);
  if (!wf || record.done) return '[]';
  const out: string[] = [];
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
    let ofSet = entryJson.get(set);
    if (!ofSet) entryJson.set(set, (ofSet = new WeakMap()));
    let byLocale = ofSet.get(info);
    if (!byLocale) ofSet.set(info, (byLocale = new Map<Locale, string>()));
    let text = byLocale.get(locale);
    const form = info.form ? set.forms.get(info.form) : undefined;
    if (text === undefined) {
      byLocale.set(
        locale,
        (text = JSON.stringify({
          type: info.type,
          title: localize(info.title, locale),
          formName: info.form ?? null,
          form: form ? form.schema : null,
        })),
      );
    }
    // Whom a user field may name (and which units a unit field) depends on the case, the reader and
    // the directory now: such a form is written for each answer, with them listed (event-form-choices.ts).
    if (form && hasListedField(form.schema)) {
      text = JSON.stringify({
        type: info.type,
        title: localize(info.title, locale),
        formName: info.form ?? null,
        form: formForCase(
          form.schema,
          set,
          record,
          directory,
          { actor, locale },
          { inline, linkFor: (field) => choicesLink(record.id, info.type, field) },
        ),
      });
    }
    // The form's defaults from the case as this reader sees it (sealed data already removed), so a
    // technician confirms what was registered rather than retyping it.
    const prefill = prefillValues(info.spec.prefill, {
      data: shownData,
      case: { id: record.id, unit: record.unit, owner: record.owner, assignee: record.assignee },
      actor: { username: actor.username, unit: actor.unit, name: actorName ?? actor.username },
    });
    out.push(
      prefill && Object.keys(prefill).length ? `${text.slice(0, -1)},"prefill":${JSON.stringify(prefill)}}` : text,
    );
  }
  return `[${out.join(',')}]`;
}

// By compiled set (its forms) and compiled event: both are made once per definition version.
const entryJson = new WeakMap<CompiledSet, WeakMap<object, Map<Locale, string>>>();

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

// The JSON of a whole history without sealed events, kept on the history's last event object.
// Histories come from the history cache, which extends a case's array with each commit's events
// (the same objects), so an answer's history is the last answer's plus the events just committed:
// only those are written. Any array ending in the same event object is that case's history up to
// it (a history read again from the store has new objects and starts over). The entry of the event
// extended from is dropped, so a case keeps one such text, not one per version.
const historyJsonOf = new WeakMap<HistoryEvent, string>();
// How far back from the end to look for a known history: a commit adds a few events at most.
const EXTEND_WITHIN = 16;

function unsealedHistoryJson(history: readonly HistoryEvent[]): string {
  const n = history.length;
  if (n === 0) return '';
  const last = history[n - 1]!;
  const known = historyJsonOf.get(last);
  if (known !== undefined) return known;
  const parts: string[] = [];
  let from = 0;
  for (let k = n - 2; k >= 0 && k >= n - 1 - EXTEND_WITHIN; k--) {
    const before = historyJsonOf.get(history[k]!);
    if (before === undefined) continue;
    historyJsonOf.delete(history[k]!);
    parts.push(before);
    from = k + 1;
    break;
  }
  for (let i = from; i < n; i++) parts.push(JSON.stringify(eventView(history[i]!, NONE)));
  // join writes one flat string. Appending with += would keep a chain of one concatenation per
  // event, which Buffer.byteLength and the socket write then walk on every answer (6% of the
  // server's time under the HTTP bench, as histories grew).
  const text = parts.join(',');
  historyJsonOf.set(last, text);
  return text;
}

const NONE: readonly SealNotice[] = [];

/**
 * The case as GET /api/cases/:id answers it, as JSON text: sealed data removed, the events this
 * user may send, then the history (most of the answer, and mostly the last answer's: see
 * `unsealedHistoryJson`).
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
  // One object literal with summaryOf's keys first, rather than a spread of summaryOf: V8
  // stringifies an object built by spreading and adding keys several times slower.
  const rest = JSON.stringify({
    id: shown.id,
    number: shown.number ?? null,
    workflow: shown.workflow,
    definitionVersion: shown.definitionVersion,
    unit: shown.unit,
    owner: shown.owner,
    assignee: shown.assignee,
    customerUser: shown.customerUser,
    state: shown.activeStates,
    stateValue: shown.state,
    done: shown.done,
    data: shown.data,
    version: shown.version,
    createdAt: iso(shown.createdAt),
    updatedAt: iso(shown.updatedAt),
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
  });
  const history = view.sealed.length
    ? view.history.map((e) => JSON.stringify(eventView(e, view.sealed))).join(',')
    : unsealedHistoryJson(view.history);
  return `${rest.slice(0, -1)},"availableEvents":${availableEventsJson(set, record, actor, locale, shown.data, services.users.directory().user(actor.username)?.name, services.users.directory(), services.choicesInline)},"history":[${history}]}`;
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
