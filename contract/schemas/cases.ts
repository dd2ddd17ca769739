import { Type, type Static } from 'typebox';
import { named } from '../named.ts';
import { AnyObject, Closed, Instant, Localized, Nullable } from './common.ts';

const Name = Type.String({ minLength: 1, maxLength: 200 });

export const NewCase = named('NewCase', Closed({ workflow: Name, data: Type.Optional(AnyObject) }));
export type NewCase = Static<typeof NewCase>;
export const CaseEvent = named(
  'CaseEvent',
  Closed({ type: Name, data: Type.Optional(AnyObject), expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })) }),
);
export type CaseEventInput = Static<typeof CaseEvent>;

export const CaseQuery = Type.Object({
  workflow: Type.Optional(Type.String({ description: 'only cases of this workflow' })),
  state: Type.Optional(Type.String({ description: 'only cases in this state (a path such as handling.hq)' })),
  unit: Type.Optional(Type.String({ description: 'only cases of this unit and the units under it' })),
  overdue: Type.Optional(
    Type.Boolean({ description: 'only cases with a deadline passed (1 and 0 are read as true and false)' }),
  ),
  q: Type.Optional(Type.String({ description: 'words of the case data' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ description: 'the `next` of the previous page' })),
});
export type CaseQuery = Static<typeof CaseQuery>;

/** xstate's state value: a state's name, or an object for nested and parallel states. */
export const StateValue = Type.Union([Type.String(), AnyObject]);
export type StateValue = Static<typeof StateValue>;

/** Usernames and ids, epoch-millisecond instants, titles, lists of usernames. */
export const NoteArg = Type.Union([Localized, Type.Number(), Type.Array(Type.String())]);
/**
 * One line of what an event caused, or of how a deadline was computed: an English line (older
 * events, and what the engine does not structure), or a code with args that a client words in its
 * reader's language; `text` is its English line.
 */
export const EffectNote = Type.Union([
  Type.String(),
  Closed({ code: Type.String(), args: Type.Record(Type.String(), NoteArg), text: Type.String() }),
]);
export type EffectNote = Static<typeof EffectNote>;

/** One SLA clock as a case shows it. */
export const Deadline = named(
  'Deadline',
  Closed({
    name: Type.String(),
    /** The policy's title, what staff call the promise (the case page's clocks; not in lists). */
    title: Type.Optional(Localized),
    policy: Type.String(),
    /** Which clock the promise counts: working time on a calendar, elapsed time, or an agreed time. */
    counts: Type.Optional(Type.Enum(['working', 'elapsed', 'agreed'])),
    status: Type.Enum(['running', 'paused', 'stopped']),
    startedAt: Instant,
    deadline: Nullable(Instant),
    stoppedAt: Nullable(Instant),
    breached: Type.Boolean(),
    /** How the deadline was computed, one English line each. */
    explanation: Type.Array(Type.String()),
    /** The same lines as message codes with their args, for a client to say in its reader's language. */
    explanationLines: Type.Array(EffectNote),
    /** The deadline was counted across years its calendar has no public holidays for. */
    calendarGap: Type.Optional(
      Closed({ calendar: Type.String(), calendarTitle: Type.Optional(Localized), years: Type.Array(Type.Integer()) }),
    ),
  }),
);
export type Deadline = Static<typeof Deadline>;

export const HistoryEntry = named(
  'HistoryEntry',
  Closed({
    seq: Type.Integer({ minimum: 1 }),
    type: Type.String(),
    actor: Type.String(),
    actorUnit: Nullable(Type.String()),
    at: Instant,
    definitionVersion: Type.String(),
    data: AnyObject,
    from: Type.Array(Type.String()),
    to: Type.Array(Type.String()),
    effects: Type.Array(EffectNote),
    /** The event's data is sealed until the named event (TND-7). */
    sealed: Type.Optional(Closed({ until: Type.String() })),
  }),
);
export type HistoryEntry = Static<typeof HistoryEntry>;

/** An event this user may send now; `form` is the JSON Schema of its data, all a generic client needs. */
export const AvailableEvent = named(
  'AvailableEvent',
  Closed({
    type: Type.String(),
    title: Type.String(),
    formName: Nullable(Type.String()),
    form: Nullable(AnyObject),
    /** Defaults of the form from the case (the event's `prefill`), as the server computed them now. */
    prefill: Type.Optional(AnyObject),
  }),
);
export type AvailableEvent = Static<typeof AvailableEvent>;

export const CaseLink = Closed({
  direction: Type.Enum(['parent', 'child']),
  caseId: Type.String(),
  /** The other case's number, when it has one. */
  number: Type.Optional(Type.String()),
  workflow: Type.String(),
  /** The linked case's workflow by its title in the reader's language (on a case's page). */
  workflowTitle: Type.Optional(Type.String()),
  name: Type.String(),
});
export type CaseLink = Static<typeof CaseLink>;

const caseKeys = {
  id: Type.String(),
  /** The case's number as people quote it (BX-2026-00001); null for a workflow without numbering. */
  number: Nullable(Type.String()),
  workflow: Type.String(),
  definitionVersion: Type.String(),
  unit: Type.String(),
  owner: Nullable(Type.String()),
  assignee: Nullable(Type.String()),
  customerUser: Nullable(Type.String()),
  /** The active leaf state paths, e.g. ['handling.hq']. */
  state: Type.Array(Type.String()),
  stateValue: StateValue,
  done: Type.Boolean(),
  data: AnyObject,
  version: Type.Integer({ minimum: 0 }),
  createdAt: Instant,
  updatedAt: Instant,
  deadlines: Type.Array(Deadline),
};

/** A case in a staff member's list (no history; sealed data already removed). */
export const CaseSummary = named(
  'CaseSummary',
  Closed({
    ...caseKeys,
    waitingForMe: Type.Optional(Type.Boolean({ description: 'the case waits for this user to act' })),
  }),
);
export type CaseSummary = Static<typeof CaseSummary>;

/** GET /api/cases/{id} as staff get it. */
export const CaseView = named(
  'CaseView',
  Closed({
    ...caseKeys,
    workflowTitle: Type.String(),
    records: Type.Record(Type.String(), Type.String()),
    watchers: Type.Array(Type.String()),
    links: Type.Array(CaseLink),
    sealed: Type.Array(
      Closed({ seq: Type.Integer(), event: Type.String(), until: Type.String(), fields: Type.Array(Type.String()) }),
    ),
    availableEvents: Type.Array(AvailableEvent),
    history: Type.Array(HistoryEntry),
  }),
);
export type CaseView = Static<typeof CaseView>;

/** A field of the case a customer sees, with its label (and option labels for a choice). */
export const PortalField = Closed({
  path: Type.String(),
  title: Type.String(),
  type: Type.String(),
  options: Type.Optional(Type.Array(Closed({ value: Type.String(), label: Type.String() }))),
});
export type PortalField = Static<typeof PortalField>;

const portalKeys = {
  id: Type.String(),
  number: Nullable(Type.String()),
  workflow: Type.String(),
  workflowTitle: Type.String(),
  definitionVersion: Type.String(),
  // A customer meets people by name, never by username or unit.
  unit: Type.Null(),
  owner: Type.Null(),
  assignee: Type.Null(),
  customerUser: Nullable(Type.String()),
  /** The customer-facing step, alone. */
  state: Type.Array(Type.String(), { maxItems: 1 }),
  stateValue: Nullable(Type.String()),
  stateTitle: Nullable(Type.String()),
  done: Type.Boolean(),
  data: AnyObject,
  fields: Type.Array(PortalField),
  version: Type.Integer({ minimum: 0 }),
  createdAt: Instant,
  updatedAt: Instant,
  deadlines: Type.Array(Type.Never(), { maxItems: 0 }),
  history: Type.Array(Type.Never(), { maxItems: 0 }),
  links: Type.Array(Type.Never(), { maxItems: 0 }),
  records: Closed({}),
  watchers: Type.Array(Type.Never(), { maxItems: 0 }),
};

/** A case in a customer's list: the portal's fields and step. */
export const PortalSummary = named('PortalSummary', Closed(portalKeys));
export type PortalSummary = Static<typeof PortalSummary>;

/** One step of a customer's progress line. `skipped`: another branch was taken. */
export const PortalStep = Closed({
  step: Type.String(),
  title: Type.String(),
  status: Type.Enum(['done', 'current', 'todo', 'skipped']),
});
export type PortalStep = Static<typeof PortalStep>;
/** A reply staff made public (a public comment, a progress note, an answer). */
export const PortalReply = Closed({
  at: Instant,
  title: Type.String(),
  by: Nullable(Type.String()),
  text: Type.String(),
});
export type PortalReply = Static<typeof PortalReply>;
/** The rating the portal asks for on a finished case: to give (event) or given. */
export const PortalRating = Type.Union([
  Closed({ case: Type.String(), version: Type.Integer(), event: AvailableEvent }),
  Closed({ case: Type.String(), given: Closed({ at: Instant, data: AnyObject, fields: Type.Array(PortalField) }) }),
]);
export type PortalRating = Static<typeof PortalRating>;

/** GET /api/cases/{id} as a customer gets it: what the workflow's `portal` section chooses, nothing else. */
export const PortalCase = named(
  'PortalCase',
  Closed({
    ...portalKeys,
    progress: Type.Array(PortalStep),
    technician: Nullable(Closed({ name: Type.String(), phone: Nullable(Type.String()) })),
    appointment: Type.Unknown({ description: "the value of the portal's appointment field; null when none" }),
    replies: Type.Array(PortalReply),
    availableEvents: Type.Array(AvailableEvent),
    rating: Nullable(PortalRating),
  }),
);
export type PortalCase = Static<typeof PortalCase>;

/** A case as its reader may see it: staff the whole case, a customer the portal's view. */
export const CaseAnswer = Type.Union([CaseView, PortalCase]);
export const CaseList = named(
  'CaseList',
  Closed({ items: Type.Array(Type.Union([CaseSummary, PortalSummary])), next: Nullable(Type.String()) }),
);
export type CaseList = Static<typeof CaseList>;

export const ChoicesQuery = Type.Object({
  event: Type.String({ description: 'the event whose form has the field' }),
  field: Type.String({ description: "the field's path in the form" }),
  cursor: Type.Optional(Type.Integer({ minimum: 0, description: 'from the `next` link of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
/** A page of a field's valid values: `next` is the link of the following page, null on the last. */
export const Choices = named(
  'Choices',
  Closed({
    items: Type.Array(Type.Object({ const: Type.Unknown(), title: Type.String() })),
    next: Nullable(Type.String()),
  }),
);

const Version = Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1, maxLength: 200 })]);
export const MigrateCases = named(
  'MigrateCases',
  Closed({
    workflow: Type.Optional(Name),
    fromVersion: Type.Optional(Version),
    toVersion: Type.Optional(Version),
    filter: Type.Optional(
      Closed({
        unit: Type.Optional(Name),
        state: Type.Optional(Name),
        createdFrom: Type.Optional(Type.String({ maxLength: 40 })),
        createdTo: Type.Optional(Type.String({ maxLength: 40 })),
      }),
    ),
    stateMapping: Type.Optional(
      Type.Record(Type.String(), Name, {
        maxProperties: 1000,
        description: 'state of fromVersion → leaf state of toVersion',
      }),
    ),
    clocksOnly: Type.Optional(Type.Boolean({ description: 'recompute SLA clocks only; every case keeps its state' })),
    dryRun: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    resume: Type.Optional(
      Type.Union([Type.Boolean(), Type.String({ maxLength: 200 })], {
        description: 'true or a batch id: continue an interrupted batch (the rest of the body is not read)',
      }),
    ),
  }),
);
export const MigrationsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
