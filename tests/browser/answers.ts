/**
 * Answers of the HTTP API as the server sends them, for the fake API of component tests: each
 * builder fills what the contract's schema requires (ui/api/types.ts), so a test states only what
 * it is about and never feeds a component a field the server does not send, or leaves out one it
 * always sends.
 */
import type {
  AvailableEvent,
  CaseSummary,
  CaseView,
  Deadline,
  HistoryEntry,
  User,
  WorkflowView,
} from '../../ui/api/types.ts';

/** An ISO instant `ms` epoch milliseconds, as every instant of the API is written. */
export const iso = (ms: number) => new Date(ms).toISOString();

export function deadline(fields: Partial<Deadline> & Pick<Deadline, 'name'>): Deadline {
  return {
    policy: fields.name,
    status: 'running',
    startedAt: iso(Date.now() - 3_600_000),
    deadline: null,
    stoppedAt: null,
    breached: false,
    explanation: [],
    // The server sends each line twice: in English, and as a note (a plain line is one too).
    explanationLines: fields.explanation ?? [],
    ...fields,
  };
}

export function caseSummary(fields: Partial<CaseSummary> & Pick<CaseSummary, 'id'>): CaseSummary {
  const now = iso(Date.now());
  return {
    number: null,
    workflow: 'repair',
    definitionVersion: 'v1',
    unit: 'hq',
    owner: null,
    assignee: null,
    customerUser: null,
    state: ['registered'],
    stateValue: 'registered',
    done: false,
    data: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
    deadlines: [],
    ...fields,
  };
}

export function historyEntry(fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'seq' | 'type'>): HistoryEntry {
  return {
    actor: 'li',
    actorUnit: null,
    at: iso(Date.now()),
    definitionVersion: 'v1',
    data: {},
    from: [],
    to: [],
    effects: [],
    ...fields,
  };
}

export function availableEvent(fields: Partial<AvailableEvent> & Pick<AvailableEvent, 'type'>): AvailableEvent {
  return { title: fields.type, formName: null, form: null, ...fields };
}

export function caseView(fields: Partial<CaseView> & Pick<CaseView, 'id'>): CaseView {
  const { waitingForMe: _, ...summary } = caseSummary(fields);
  return {
    ...summary,
    workflowTitle: fields.workflow ?? 'repair',
    records: {},
    watchers: [],
    links: [],
    sealed: [],
    availableEvents: [],
    history: [],
    ...fields,
  };
}

/** GET /api/definitions/Workflow/{name} as staff read it: a workflow with nothing in it unless said otherwise. */
export function workflowView(fields: Partial<WorkflowView> & Pick<WorkflowView, 'name'>): WorkflowView {
  return {
    kind: 'Workflow',
    title: fields.name,
    version: 'v1',
    initial: 'open',
    states: [],
    events: [],
    startForm: { type: 'object', additionalProperties: false, properties: {} },
    startFormName: null,
    startAllow: [],
    serviceLine: null,
    summary: [],
    records: [],
    view: [],
    diagram: null,
    ...fields,
  };
}

/** GET /api/me: a member of staff unless said otherwise. */
export function me(fields: Partial<User> & Pick<User, 'username'>): User {
  return {
    name: null,
    unit: 'hq',
    roles: [],
    admin: false,
    email: null,
    mobile: null,
    locale: null,
    actingUnit: null,
    customer: false,
    mustChangePassword: false,
    ...fields,
  };
}
