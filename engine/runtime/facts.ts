import type { BusinessCalendar } from '../calendar/index.ts';
import type { OrgModel } from '../org/organization.ts';
import type { Actor } from './actor.ts';
import type { CaseDraft } from './action-context.ts';
import type { DecideDeps } from './decide-deps.ts';
import { LAZY_FACTS } from '../conditions/index.ts';
import { localTime } from './local-time.ts';

/** Facts for conditions and scope for expressions during one step of one case. */
export type StepFacts = Record<string, unknown>;

const LAZY_NAMES: ReadonlySet<string> = new Set(['case', 'clock', 'now']);

/**
 * The facts of one step: the guards xstate asks, then the actions and the SLA clocks read the
 * same object. `case`, `clock` and `now` are computed when read, from the draft as it is then
 * (an assign before a condition shows in case.assignee), since most steps never read them.
 *
 * Getters on a class rather than in an object literal: a literal with getters costs about a
 * microsecond to create, more than the rest of a simple step's facts. Being on the prototype,
 * they are declared through LAZY_FACTS, which conditions and expressions read (readFact); the
 * action context hands out a plain copy (scope()) to anything else. Conditions cannot name `now`
 * (it is not among the workflow facts), so the guards seeing it changes nothing.
 */
class LazyStepFacts {
  readonly #deps: DecideDeps;
  readonly #draft: CaseDraft;
  readonly #version: number;
  #now: string | undefined;
  constructor(
    deps: DecideDeps,
    draft: CaseDraft,
    version: number,
    // The draft's data object is changed in place, never replaced.
    readonly data: Record<string, unknown>,
    readonly event: Readonly<Record<string, unknown>>,
    readonly actor: Record<string, unknown>,
  ) {
    this.#deps = deps;
    this.#draft = draft;
    this.#version = version;
  }
  get case(): Record<string, unknown> {
    return caseFacts(this.#draft, this.#deps.set.org, this.#version, this.#deps.now);
  }
  get clock(): Record<string, unknown> {
    return clockFacts(this.#deps.now, this.#deps.set.calendarForUnit(this.#draft.unit));
  }
  get now(): string {
    return (this.#now ??= new Date(this.#deps.now).toISOString());
  }
}
Object.defineProperty(LazyStepFacts.prototype, LAZY_FACTS, { value: LAZY_NAMES });

export function stepFacts(
  deps: DecideDeps,
  draft: CaseDraft,
  version: number,
  actor: Actor,
  eventData: Readonly<Record<string, unknown>>,
): StepFacts {
  return new LazyStepFacts(
    deps,
    draft,
    version,
    draft.data,
    eventData,
    actorFacts(actor, deps.set.org),
  ) as unknown as StepFacts;
}

/** All the step's facts as own members, computed now: for code that copies or lists them. */
export function plainFacts(facts: StepFacts): Record<string, unknown> {
  return {
    data: facts.data,
    event: facts.event,
    actor: facts.actor,
    case: facts.case,
    clock: facts.clock,
    now: facts.now,
  };
}

// One decision asks for the same instant several times (the local time is cheap now, the object is not).
let last: { now: number; calendar: BusinessCalendar | undefined; facts: Record<string, unknown> } | null = null;

/** What conditions may ask about time, in the case unit's calendar and time zone. */
export function clockFacts(now: number, calendar: BusinessCalendar | undefined): Record<string, unknown> {
  if (last && last.now === now && last.calendar === calendar) return last.facts;
  const facts = computeClockFacts(now, calendar);
  last = { now, calendar, facts };
  return facts;
}

function computeClockFacts(now: number, calendar: BusinessCalendar | undefined): Record<string, unknown> {
  const timeZone = calendar?.timeZone ?? 'UTC';
  const local = localTime(now, timeZone);
  return {
    now: new Date(now).toISOString(),
    date: local.date,
    hour: local.hour,
    minute: local.minute,
    /** Minutes since local midnight: '18:00' is 1080. */
    minuteOfDay: local.hour * 60 + local.minute,
    weekday: local.weekday,
    isWorkingDay: calendar ? calendar.isWorkingDay(now) : true,
    isWorkingTime: calendar ? calendar.isWorkingTime(now) : true,
  };
}

const actorCache = new WeakMap<Actor, { org: OrgModel; facts: Record<string, unknown> }>();

export function actorFacts(actor: Actor, org: OrgModel): Record<string, unknown> {
  const hit = actorCache.get(actor);
  if (hit && hit.org === org) return hit.facts;
  const facts = computeActorFacts(actor, org);
  actorCache.set(actor, { org, facts });
  return facts;
}

function computeActorFacts(actor: Actor, org: OrgModel): Record<string, unknown> {
  const unit = actor.unit ? org.unit(actor.unit) : undefined;
  return {
    username: actor.username,
    roles: [...actor.roles],
    unit: actor.unit,
    actingUnit: actor.unit ? org.actingUnit(actor.unit) : null,
    unitType: unit?.type ?? null,
    customer: actor.roles.some((r) => org.isCustomerRole(r)),
    system: actor.system === true,
    facts: actor.facts ?? {},
  };
}

export function caseFacts(draft: CaseDraft, org: OrgModel, version: number, now: number): Record<string, unknown> {
  return {
    id: draft.id,
    // What people call the case: its human number, or its id when the workflow numbers none.
    number: draft.number ?? draft.id,
    workflow: draft.workflow,
    unit: draft.unit,
    unitType: org.unit(draft.unit)?.type ?? null,
    states: draft.activeStates,
    owner: draft.owner,
    assignee: draft.assignee,
    customerUser: draft.customerUser,
    version,
    createdAt: new Date(draft.createdAt).toISOString(),
    ageMs: now - draft.createdAt,
    clocks: draft.clocks,
  };
}
