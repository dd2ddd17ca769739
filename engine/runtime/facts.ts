import type { BusinessCalendar } from '../calendar/index.ts';
import type { OrgModel } from '../org/organization.ts';
import type { Actor } from './actor.ts';
import type { CaseDraft } from './action-context.ts';
import type { DecideDeps } from './decide-deps.ts';

/** Facts for conditions and scope for expressions during one step of one case. */
export type StepFacts = Record<string, unknown>;

/**
 * The facts of one step: the guards xstate asks, then the actions and the SLA clocks read the
 * same object. `case`, `clock` and `now` are computed when read, from the draft as it is then
 * (an assign before a condition shows in case.assignee), since most steps never read them.
 *
 * One object per step because an object literal with getters costs about a microsecond to
 * create, more than the rest of a simple step's facts. Conditions cannot name `now` (it is not
 * among the workflow facts), so the guards seeing it changes nothing.
 */
export function stepFacts(deps: DecideDeps, draft: CaseDraft, version: number, actor: Actor, eventData: Readonly<Record<string, unknown>>): StepFacts {
  let now: string | undefined;
  return {
    // The draft's data object is changed in place, never replaced.
    data: draft.data,
    event: eventData,
    actor: actorFacts(actor, deps.set.org),
    get case() {
      return caseFacts(draft, deps.set.org, version, deps.now);
    },
    get clock() {
      return clockFacts(deps.now, deps.set.calendarForUnit(draft.unit));
    },
    get now() {
      return (now ??= new Date(deps.now).toISOString());
    },
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// One decision asks for the same instant several times; Intl formatting is the costly part.
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
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return {
    now: new Date(now).toISOString(),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour,
    minute,
    /** Minutes since local midnight: '18:00' is 1080. */
    minuteOfDay: hour * 60 + minute,
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1,
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
