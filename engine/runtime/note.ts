import type { Localized } from '../localized.ts';
import { formatInstant } from '../sla/explain-clock.ts';

/**
 * One line of an event's `effects`. Old events (and producers not converted yet) hold plain
 * English strings; converted producers write a structured note, which the case view translates
 * and shows with people's names. `text` is the English line as the engine wrote it, stored with
 * the note so that a reader that does not know the code (an older cached app, an export, a query
 * on the database) still has a line to show.
 */
export type Note = string | StructuredNote;

export interface StructuredNote {
  readonly code: string;
  readonly args: NoteArgs;
  readonly text: string;
}

/**
 * Usernames and ids as strings, instants as epoch milliseconds, titles as Localized, lists of
 * usernames as arrays. By convention a `…Title` arg is the Localized title of the name beside it,
 * which may be missing when the definition has no title (a reader shows the name then); `person` and
 * `people` hold usernames, and `deadline` an instant with the `timeZone` the engine formats it in.
 */
export type NoteArg = Localized | number | readonly string[];
export type NoteArgs = Readonly<Record<string, NoteArg>>;

const nobodyIfEmpty = (list: readonly string[]): string => list.join(', ') || 'nobody';
type Clock = { clock: string; clockTitle?: Localized };
type ClockDeadline = Clock & { deadline: number; timeZone: string };
/** `recordTitle`: what people call the record (its title field), when it has one. */
type RecordLink = { link: string; type: string; typeTitle?: Localized; record: string; recordTitle?: string };
type Escalation = { role: string; roleTitle: Localized; people: readonly string[] };

/**
 * Every structured note, as the English line the engine has always written for it. Codes and their
 * args are stored with events: rename a code and old events fall back to their stored text; to
 * change what a code's args hold, add a new code instead, since old events keep the old args.
 */
export const noteCatalogue = {
  assigned: (a: { person: string }) => `assigned to ${a.person}`,
  /** `rule`: the role, person expression or record type asked; `ruleTitle` its title when it has one. */
  assignNobody: (a: { rule: string; ruleTitle?: Localized }) => `nobody to assign (${a.rule})`,
  recordNames: (a: { type: string; typeTitle?: Localized; record: string; person?: string }) =>
    `${a.type} record ${a.record} names ${a.person ?? 'nobody'}`,
  notified: (a: {
    template: string;
    templateTitle?: Localized;
    people: readonly string[];
    addresses: readonly string[];
  }) => `notify ${a.template} → ${nobodyIfEmpty([...a.people, ...a.addresses])}`,
  watchers: (a: { people: readonly string[] }) => `watchers: ${a.people.join(', ')}`,
  escalatedWatch: (a: Escalation) => `escalated to ${a.role}: ${a.people.join(', ')} (watch)`,
  escalatedReassign: (a: Escalation) => `escalated to ${a.role}: ${a.people.join(', ')} (reassign)`,
  escalationNobody: (a: { role: string; roleTitle: Localized }) => `escalation to ${a.role}: nobody holds the role`,
  clockStarted: (a: ClockDeadline) => `clock ${a.clock} started, deadline ${formatInstant(a.deadline, a.timeZone)}`,
  clockStopped: (a: Clock) => `clock ${a.clock} stopped`,
  clockPaused: (a: Clock) => `clock ${a.clock} paused`,
  clockResumed: (a: ClockDeadline) => `clock ${a.clock} resumed, deadline ${formatInstant(a.deadline, a.timeZone)}`,
  clockDeadlineMoved: (a: ClockDeadline) =>
    `clock ${a.clock} deadline moved to ${formatInstant(a.deadline, a.timeZone)}`,
  recordLinked: (a: RecordLink) => `linked ${a.link} ${a.record}`,
  recordCreated: (a: RecordLink) => `created ${a.link} record ${a.record}`,
  recordNotCreated: (a: { link: string; type: string; typeTitle?: Localized; why: string }) =>
    `no ${a.link} record created: ${a.why}`,
  /** `case`: the new case's number, or its id when its workflow numbers none. */
  caseStarted: (a: { workflow: string; workflowTitle: Localized; case: string }) => `started ${a.workflow} ${a.case}`,
  clockNotStartedNoTime: (a: Clock & { target: string }) =>
    `clock ${a.clock} not started: no agreed time (${a.target}) yet`,
  /** `condition`: which of the policy's conditions does not hold, 'appliesWhen' or 'start.when'. */
  clockNotStarted: (a: Clock & { condition: string }) =>
    `clock ${a.clock} not started: ${a.condition === 'appliesWhen' ? 'appliesWhen does not hold for this case' : 'start.when does not hold at this time'}`,
  clockResumedNoTime: (a: Clock) => `clock ${a.clock} resumed, no agreed time yet`,
  clockNoPolicy: (a: { clock: string }) => `clock ${a.clock}: no SLA policy of that name in this definition version`,
  /** `expression`: 'target.at' or 'deadlineFrom'; `error` the evaluator's English message (for the log). */
  clockExpressionFailed: (a: Clock & { expression: string; error: string }) =>
    `clock ${a.clock}: ${a.expression} could not be evaluated (${a.error})${a.expression === 'deadlineFrom' ? '; the target stands' : ''}`,
  clockPolicyGone: (a: { clock: string; policy: string }) =>
    `clock ${a.clock}: policy ${a.policy} is not in the new version; left unchanged`,
  calendarNoSchedule: (a: Clock & { calendar: string; calendarTitle?: Localized; year: number }) =>
    `clock ${a.clock}: calendar '${a.calendar}' has no holiday schedule for ${a.year}: only its weekly hours and its own days count there, so public holidays of ${a.year} are not skipped (add them under spec.days and list ${a.year} in spec.years)`,
  clockThreshold: (a: Clock & { threshold: string; kind: string }) => `clock ${a.clock}: ${a.threshold}`,
  /** `why`: the English reason, for the log; a reader is told only that it no longer applied. */
  clockTimerIgnored: (a: { clock: string; threshold: string; why: string }) =>
    `SLA timer ${a.clock}/${a.threshold} ignored: ${a.why}`,
  /**
   * `cases`: the ids of the cases told; `numbers` (events since case numbers): each one's number, or its id when its
   * workflow numbers none, as people know the case.
   */
  signalSent: (a: { event: string; eventTitle?: Localized; cases: readonly string[]; numbers?: readonly string[] }) =>
    `signal ${a.event} → ${(a.numbers ?? a.cases).join(', ')}`,
  signalNoTarget: (a: { event: string; eventTitle?: Localized }) => `signal ${a.event} → no linked case`,
  scoreFact: (a: { fact: string; factTitle?: Localized; unit: string }) => `score fact ${a.fact} for ${a.unit}`,
  /** `value` as JSON text. */
  userFact: (a: { person: string; fact: string; value: string }) => `user ${a.person}: ${a.fact} = ${a.value}`,
  migrated: (a: { fromSeq: number; toSeq: number; reason: string }) =>
    `moved from definition version ${a.fromSeq} to ${a.toSeq}: ${a.reason}`,
} as const;

export type NoteCode = keyof typeof noteCatalogue;
export type NoteArgsOf<C extends NoteCode> = Parameters<(typeof noteCatalogue)[C]>[0];

/** A structured note with its English text. Optional args left undefined are not stored. */
export function note<C extends NoteCode>(code: C, args: NoteArgsOf<C>): StructuredNote {
  const render = noteCatalogue[code] as (a: NoteArgsOf<C>) => string;
  return { code, args: definedOnly(args as Record<string, unknown>) as NoteArgs, text: render(args) };
}

// Notes are made on every event; most args have nothing undefined and are stored as they are.
function definedOnly(args: Record<string, unknown>): Record<string, unknown> {
  for (const key in args) {
    if (args[key] === undefined) return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  }
  return args;
}

/** The English line of a note: a string as it is, a known code from the catalogue, else its stored text. */
export function noteText(n: Note): string {
  if (typeof n === 'string') return n;
  // hasOwn: a stored code such as 'toString' must not find Object's.
  if (!Object.hasOwn(noteCatalogue, n.code)) return n.text;
  return (noteCatalogue[n.code as NoteCode] as (a: NoteArgs) => string)(n.args);
}
