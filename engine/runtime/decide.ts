import { listIn } from '../definitions/said.ts';
import { localize, type Localized } from '../localized.ts';
import type { CompiledWorkflow, EventInfo } from '../workflows/compile-workflow.ts';
import { isTimerEvent } from '../workflows/compile-workflow.ts';
import { SLA_TIMER_EVENT } from '../sla/index.ts';
import { SYSTEM_ACTOR, type Actor } from './actor.ts';
import type { CaseDraft, Effects, StartCaseRequest } from './action-context.ts';
import { isAllowed, isCustomer } from './authorize.ts';
import type { CaseLink, CaseRecord } from './case-record.ts';
import { numberTimeZone } from './case-number-allocator.ts';
import type { DecideDeps } from './decide-deps.ts';
import type { CaseChange, Decision } from './decision.ts';
import { EngineError, EngineErrorCode as Code, type EngineSaid } from './engine-error.ts';
import { stepperOf, type MachineStep } from './machine-step.ts';
import { note, type Note } from './note.ts';
import { runStep } from './run-step.ts';
import { compileCondition } from '../conditions/index.ts';
import { actorFacts, stepFacts } from './facts.ts';
import { evaluateValue } from './value.ts';
import { nextSealedData } from '../workflows/sealed-data.ts';
import { linkRecords, pendingRecords, type PendingRecords } from './link-records.ts';
import { NO_RECORDS } from './records-view.ts';
import { mergeEventData, validateEventData } from './event-data.ts';
import { cloneData } from './clone-data.ts';
import { checkCaseSize } from './case-size.ts';

export interface CreateInput {
  readonly workflow: string;
  readonly data: unknown;
  readonly actor: Actor;
}

export interface EventInput {
  readonly type: string;
  readonly data?: unknown;
  readonly actor: Actor;
  readonly expectedVersion?: number;
}

export type DecideResult = { ok: true; decision: Decision } | { ok: false; error: EngineError };

/** authorize → validate → transition → effects, for a new case. Pure. */
export function decideCreate(deps: DecideDeps, input: CreateInput): DecideResult {
  try {
    const local = withPending(deps);
    const decision = finish(createCase(local, input, null), local.records.writes);
    checkCaseSize(decision.changes, input.actor);
    return { ok: true, decision };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, error: e };
    throw e;
  }
}

/** authorize → validate data → guards → transition → effects, for an event on a stored case. Pure. */
export function decideEvent(deps: DecideDeps, current: CaseRecord, input: EventInput): DecideResult {
  try {
    const local = withPending(deps);
    const decision = finish(eventOnCase(local, current, input), local.records.writes);
    checkCaseSize(decision.changes, input.actor);
    return { ok: true, decision };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, error: e };
    throw e;
  }
}

/** A decision's deps with the records it creates visible to the rest of it (linked cases too). */
type LocalDeps = DecideDeps & { readonly records: PendingRecords };
function withPending(deps: DecideDeps): LocalDeps {
  // Listed rather than spread: the spread was a tenth of a simple event's decision.
  return {
    set: deps.set,
    directory: deps.directory,
    records: pendingRecords(deps.records ?? NO_RECORDS),
    now: deps.now,
    ids: deps.ids,
    numbers: deps.numbers,
    explain: deps.explain ?? true,
  };
}

interface Partial {
  changes: CaseChange[];
  effects: Effects[];
}

function finish(p: Partial, recordWrites: Decision['recordWrites']): Decision {
  const all = p.effects;
  // One decision mostly has one step's effects: those lists are the decision's as they are.
  const one = all.length === 1 ? all[0]! : null;
  const schedule = one ? one.timers.schedule : gather(all, (e) => e.timers.schedule);
  const cancel = one ? one.timers.cancel : gather(all, (e) => e.timers.cancel);
  return {
    changes: p.changes,
    timers: {
      schedule,
      cancel: schedule.length === 0 || cancel.length === 0 ? cancel : withoutScheduled(cancel, schedule),
    },
    outbox: one ? one.outbox : gather(all, (e) => e.outbox),
    scoreFacts: one ? one.scoreFacts : gather(all, (e) => e.scoreFacts),
    userFacts: one ? one.userFacts : gather(all, (e) => e.userFacts),
    signals: one ? one.signals : gather(all, (e) => e.signals),
    recordWrites,
  };
}

/** One list of each step's list, in order: flatMap, without its cost on a few short lists. */
function gather<T>(all: readonly Effects[], pick: (e: Effects) => readonly T[]): T[] {
  const out: T[] = [];
  for (const e of all) {
    const list = pick(e);
    for (let i = 0; i < list.length; i++) out.push(list[i]!);
  }
  return out;
}

/** A timer cancelled by one step and scheduled by another of the same decision stays scheduled. */
function withoutScheduled(cancel: readonly string[], schedule: readonly { id: string }[]): string[] {
  const scheduled = new Set(schedule.map((t) => t.id));
  return cancel.filter((id) => !scheduled.has(id));
}

/** A title for people (zh) beside the name programs know, which the English keeps as before. */
const titled = (title: Localized | undefined, name: string) => ({
  zh: localize(title ?? name, 'zh-CN') || name,
  en: name,
});

function workflowOf(deps: DecideDeps, name: string): CompiledWorkflow {
  const wf = deps.set.workflows.get(name);
  if (!wf)
    throw new EngineError(
      Code.unknownWorkflow,
      `unknown workflow "${name}"`,
      [{ path: '/workflow', code: 'unknownWorkflow', message: `unknown workflow "${name}"` }],
      {
        key: 'engine.unknownWorkflow',
        params: { workflow: name },
        field: { code: 'unknownWorkflow', key: 'engine.unknownWorkflow', params: { workflow: name } },
      },
    );
  return wf;
}

function createCase(deps: LocalDeps, input: CreateInput, link: StartCaseRequest | null): Partial {
  const wf = workflowOf(deps, input.workflow);
  const { org } = deps.set;
  const actor = input.actor;
  const id = deps.ids.next('case');
  const startUnit = link?.unit ?? unitFor(deps, wf, input);
  const customerUser = link ? link.customerUser : isCustomer(actor, org) ? actor.username : null;
  // Where the case's unit comes from the data (a unit field), a unit the starter may not choose is
  // a refused field (422 at it, as the form's choices say), not a forbidden start: check it first.
  const unitFromData = !link && /^=.*\bdata\b/.test(wf.spec.start.unit ?? 'actor');
  const checked = unitFromData ? validateEventData(deps, wf.spec.startForm, input.data, actor, startUnit) : undefined;
  if (
    !link &&
    !isAllowed(wf.spec.start.allow, actor, { unit: startUnit, owner: null, assignee: null, customerUser }, org)
  ) {
    throw new EngineError(Code.forbidden, `${actor.username} may not start a ${wf.name} case`, [], {
      key: 'engine.mayNotStart',
      params: { username: actor.username, workflow: titled(wf.title, wf.name) },
    });
  }
  const data = link
    ? { ...link.data }
    : (checked ?? validateEventData(deps, wf.spec.startForm, input.data, actor, startUnit));
  const ownership = wf.spec.ownership ?? 'first-staff';
  const owner = link
    ? link.owner
    : ownership === 'none' || actor.system || (ownership === 'first-staff' && isCustomer(actor, org))
      ? null
      : actor.username;
  const number = numberFor(deps, wf, startUnit, id);
  const draft: CaseDraft = {
    id,
    ...(number !== undefined ? { number } : {}),
    workflow: wf.name,
    unit: startUnit,
    owner,
    assignee: null,
    watchers: [],
    customerUser,
    records: link ? { ...link.records } : {},
    data,
    clocks: {},
    links: [],
    activeStates: [],
    createdAt: deps.now,
  };
  const facts = stepFacts(deps, draft, 0, actor, data);
  const first = stepperOf(wf).initial(facts);
  draft.activeStates = first.leaves;
  const event = { type: 'create', data };
  // Start actions run before the machine's entry actions, as the case comes into being.
  const step = runStep(
    deps,
    wf,
    draft,
    facts,
    actor,
    event,
    first.actions,
    true,
    first.done,
    wf.spec.start.actions ?? [],
  );
  // Before linked cases start, so they find a record this case creates.
  linkRecords(deps.set, deps.records, draft, actor, deps.now, step.effects.notes);
  const partial: Partial = { changes: [], effects: [step.effects] };
  spawnChildren(deps, draft, step.effects, partial);
  partial.changes.unshift(change(deps, wf, draft, first, 0, actor, event, [], step.effects.notes));
  return partial;
}

function eventOnCase(deps: LocalDeps, current: CaseRecord, input: EventInput): Partial {
  const wf = workflowOf(deps, current.workflow);
  const { org } = deps.set;
  const actor = input.actor;
  // People know a case by its number (when its workflow numbers cases); the English keeps the id.
  const caseName = { zh: current.number ?? current.id, en: current.id };
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new EngineError(
      Code.staleVersion,
      `case ${current.id} is at version ${current.version}, not ${input.expectedVersion}`,
      [],
      {
        key: 'engine.caseAtVersion',
        params: { case: caseName, version: current.version, expected: input.expectedVersion },
      },
    );
  }
  if (current.done)
    throw new EngineError(Code.notAllowed, `case ${current.id} is closed`, [], {
      key: 'engine.caseClosed',
      params: { case: caseName },
    });
  const system = input.type === SLA_TIMER_EVENT || isTimerEvent(input.type);
  let info: EventInfo | undefined;
  if (!system) {
    info = wf.eventsFor(current.activeStates).get(input.type);
    if (!info) {
      const possible = [...wf.eventsFor(current.activeStates).values()];
      const states = current.activeStates;
      throw new EngineError(
        Code.notAllowed,
        `event "${input.type}" is not possible in state ${states.join(', ')}`,
        [
          {
            path: '/type',
            code: 'notAllowed',
            message: `not possible now; possible: ${possible.map((e) => e.type).join(', ') || 'none'}`,
          },
        ],
        {
          key: 'engine.eventNotPossible',
          params: {
            event: input.type,
            state: {
              zh: listIn(
                states.map((p) => localize(wf.states.get(p)?.title ?? p, 'zh-CN')),
                'zh-CN',
              ),
              en: states.join(', '),
            },
          },
          field: {
            code: 'notAllowed',
            key: 'engine.possibleNow',
            params: {
              events: {
                zh: listIn(
                  possible.map((e) => localize(e.title, 'zh-CN')),
                  'zh-CN',
                ),
                en: possible.map((e) => e.type).join(', ') || 'none',
              },
            },
          },
        },
      );
    }
    if (!isAllowed(info.allow, actor, current, org))
      throw new EngineError(Code.forbidden, `${actor.username} may not send "${input.type}" on this case`, [], {
        key: 'engine.mayNotSend',
        params: { username: actor.username, event: titled(info.title, input.type) },
      });
    if (wf.actorRequirement && !actor.system && !isCustomer(actor, org)) {
      const facts = { actor: actorFacts(actor, org), data: current.data, case: { id: current.id, unit: current.unit } };
      if (!wf.actorRequirement(facts)) {
        const written = wf.spec.actorRequirement?.message;
        const message = localize(written, 'en') || `${actor.username} does not meet this workflow's requirement`;
        throw new EngineError(
          Code.forbidden,
          message,
          [],
          written
            ? { key: 'engine.requirement', params: { message: titled(written, message) } }
            : { key: 'engine.requirementDefault', params: { username: actor.username } },
        );
      }
    }
  } else if (!actor.system) {
    throw new EngineError(Code.forbidden, `"${input.type}" is an internal event`, [], {
      key: 'engine.internalEvent',
      params: { event: input.type },
    });
  }

  const data = system
    ? ((input.data ?? {}) as Record<string, unknown>)
    : validateEventData(deps, info!.form, input.data, actor, current.unit);
  const draft: CaseDraft = {
    id: current.id,
    number: current.number,
    workflow: current.workflow,
    unit: current.unit,
    owner: current.owner,
    assignee: current.assignee,
    watchers: [...current.watchers],
    customerUser: current.customerUser,
    records: { ...current.records },
    data: cloneData(current.data) as Record<string, unknown>,
    clocks: { ...current.clocks },
    links: [...current.links],
    activeStates: current.activeStates,
    createdAt: current.createdAt,
  };
  // First contact (ORG-5): the first staff member to handle a customer's case owns it to the end.
  if (
    draft.owner === null &&
    (wf.spec.ownership ?? 'first-staff') === 'first-staff' &&
    !actor.system &&
    !isCustomer(actor, org)
  )
    draft.owner = actor.username;

  const facts = stepFacts(deps, draft, current.version, actor, data);
  if (info?.guard && !info.guard(facts)) {
    const written = info.spec.whenMessage;
    const why = localize(written, 'en') || `the condition of "${input.type}" does not hold`;
    const said: Omit<EngineSaid, 'field'> = written
      ? { key: 'engine.guard', params: { message: titled(written, why) } }
      : { key: 'engine.guardDefault', params: { event: titled(info.title, input.type) } };
    throw new EngineError(Code.notAllowed, why, [{ path: '', code: 'guard', message: why }], {
      ...said,
      field: { code: 'guard', ...said },
    });
  }
  if (info?.spec.targets && !info.spec.targets.some((t) => !t.when || evaluateCondition(t.when, facts))) {
    throw new EngineError(Code.notAllowed, `no target of "${input.type}" applies to this case`, [], {
      key: 'engine.noTarget',
      params: { event: titled(info.title, input.type) },
    });
  }
  if (!system) mergeEventData(draft, data, info!.spec);

  if (isTimerEvent(input.type)) {
    // The timer's state was left in the meantime: nothing to do (timers are cancelled on exit anyway).
    const timer = wf.timer(input.type);
    if (!timer || !current.activeStates.some((s) => s === timer.state || s.startsWith(`${timer.state}.`))) {
      throw new EngineError(Code.notAllowed, `timer ${input.type} no longer applies`, [], {
        key: 'engine.timerGone',
        params: { timer: input.type },
      });
    }
  }
  // `facts` reads draft.data live, so it sees the event data merged above.
  const next = stepperOf(wf).next(current.state, input.type, facts);
  draft.activeStates = next.leaves;
  const event = { type: input.type, data };
  const step = runStep(deps, wf, draft, facts, actor, event, next.actions, false, next.done);
  linkRecords(deps.set, deps.records, draft, actor, deps.now, step.effects.notes);
  const partial: Partial = { changes: [], effects: [step.effects] };
  spawnChildren(deps, draft, step.effects, partial);
  partial.changes.unshift(
    change(deps, wf, draft, next, current.version, actor, event, current.activeStates, step.effects.notes, current),
  );
  return partial;
}

/** Linked cases requested by startCase actions are created now, in the same decision. */
function spawnChildren(deps: LocalDeps, parent: CaseDraft, effects: Effects, partial: Partial): void {
  for (const request of effects.startCases) {
    const child = createCase(deps, { workflow: request.workflow, data: request.data, actor: SYSTEM_ACTOR }, request);
    const childChange = child.changes[0]!;
    const withParent: CaseChange = {
      ...childChange,
      record: {
        ...childChange.record,
        links: [...childChange.record.links, linkTo('parent', parent.id, parent.number, parent.workflow, request.link)],
      },
    };
    parent.links.push(linkTo('child', withParent.record.id, withParent.record.number, request.workflow, request.link));
    const workflowTitle = deps.set.workflows.get(request.workflow)?.title ?? request.workflow;
    effects.notes.push(
      note('caseStarted', {
        workflow: request.workflow,
        workflowTitle,
        case: withParent.record.number ?? withParent.record.id,
      }),
    );
    partial.changes.push(withParent, ...child.changes.slice(1));
    partial.effects.push(...child.effects);
  }
}

/** A link to another case, with its number when it has one. */
function linkTo(
  direction: CaseLink['direction'],
  caseId: string,
  number: string | undefined,
  workflow: string,
  name: string,
): CaseLink {
  return number === undefined ? { direction, caseId, workflow, name } : { direction, caseId, number, workflow, name };
}

/** The new case's number, claimed now, when its workflow numbers cases and the caller gave a claim log. */
function numberFor(deps: DecideDeps, wf: CompiledWorkflow, unit: string, caseId: string): string | undefined {
  if (!wf.numbering || !deps.numbers) return undefined;
  const series = wf.numbering.seriesAt(deps.now, numberTimeZone(deps.set, wf.numbering.calendar, unit));
  return wf.numbering.format(series, deps.numbers.claim(series, caseId));
}

function change(
  deps: DecideDeps,
  wf: CompiledWorkflow,
  draft: CaseDraft,
  step: MachineStep,
  version: number,
  actor: Actor,
  event: { type: string; data: Readonly<Record<string, unknown>> },
  from: readonly string[],
  notes: readonly Note[],
  current?: CaseRecord,
): CaseChange {
  // Which data keys are sealed now (TND-7), so the store's search text leaves them out.
  const sealedData = nextSealedData(wf, current?.sealedData, event);
  const record: CaseRecord = {
    id: draft.id,
    workflow: wf.name,
    definitionVersion: current?.definitionVersion ?? deps.set.version,
    unit: draft.unit,
    owner: draft.owner,
    assignee: draft.assignee,
    watchers: draft.watchers,
    customerUser: draft.customerUser,
    records: draft.records,
    state: step.value,
    activeStates: draft.activeStates,
    done: step.done,
    data: draft.data,
    version: version + 1,
    createdAt: draft.createdAt,
    updatedAt: deps.now,
    clocks: draft.clocks,
    links: draft.links,
    ...(sealedData ? { sealedData } : {}),
  };
  // Set only when there is one, so an unnumbered case's record has no `number` key at all.
  if (draft.number !== undefined) (record as { number?: string }).number = draft.number;
  return {
    record,
    expectedVersion: version,
    event: {
      caseId: draft.id,
      seq: version + 1,
      type: event.type,
      actor: actor.username,
      actorUnit: actor.unit,
      at: deps.now,
      definitionVersion: record.definitionVersion,
      data: event.data,
      from,
      to: draft.activeStates,
      effects: notes,
    },
  };
}

function unitFor(deps: DecideDeps, wf: CompiledWorkflow, input: CreateInput): string {
  const { org } = deps.set;
  const rule = wf.spec.start.unit ?? 'actor';
  if (rule.startsWith('=')) {
    const v = evaluateValue(rule, { data: input.data as Record<string, unknown>, actor: actorFacts(input.actor, org) });
    if (typeof v === 'string' && org.unit(v)) return v;
  }
  return input.actor.unit ?? org.root;
}

const conditionCache = new WeakMap<object, (f: Record<string, unknown>) => boolean>();
function evaluateCondition(cond: object, facts: Record<string, unknown>): boolean {
  let c = conditionCache.get(cond);
  if (!c) conditionCache.set(cond, (c = compileCondition(cond)));
  return c(facts);
}
