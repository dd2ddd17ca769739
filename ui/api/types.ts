import type { Localized } from '../../engine/localized.ts';

/**
 * What the HTTP API answers, as the browser reads it. The types exported first are read from the
 * schemas the server validates and answers with (contract/types.ts, type-only: nothing of it is
 * bundled), so for them the browser and the server cannot drift apart; the rest is below.
 */
export type {
  AdminNotice,
  CaseQuery,
  CategoryScore,
  DefinitionSummary,
  EffectNote,
  LedgerQuery,
  ManagedUser,
  NewUser,
  PointChange,
  Scorecard,
  StateValue,
  UserChange,
} from '../../contract/types.ts';
import type { EffectNote, StateValue } from '../../contract/types.ts';

/** The server sends the active leaf paths (`['handling.hq']`); a state value is accepted too. */
export type CaseState = StateValue | readonly string[];

/** Usernames and ids, epoch-millisecond instants, Localized titles, lists of usernames. */
export type NoteArg = Localized | number | readonly string[];

/** A service-language script shown for the current step (NORM-2). */
export interface ScriptBlock {
  readonly name?: string;
  readonly title?: Localized;
  readonly lines: readonly Localized[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

// Still written by hand: the components read fields of these that the server does not send
// (a list row's stateTitle and title, a case's linkedCases and scripts, a history entry's title,
// a link's state), which the declared schemas made visible, and the browser tests build partial
// ones; until both are brought to the declarations, these keep such fields optional. Everything
// exported above is the server's declaration.
/** GET /api/directory: what ids name (staff get everyone; a customer only themself). */
export interface Directory {
  readonly units: readonly { readonly name: string; readonly title?: Localized; readonly parent: string | null }[];
  readonly people: readonly Person[];
  /** The username of the engine's own actor (timers, schedules): shown as "system" in the reader's language. */
  readonly system?: string;
}

/** Someone of the directory; staff also learn their roles and whether they were disabled. */
export interface Person {
  readonly username: string;
  readonly name: string | null;
  readonly unit: string;
  readonly roles?: readonly string[];
  readonly disabled?: boolean;
}

export interface User {
  readonly username: string;
  readonly unit: string;
  readonly roles: readonly string[];
  readonly name?: Localized;
  readonly admin?: boolean;
  readonly locale?: 'zh-CN' | 'en';
  /** The unit a department acts for (its cases belong there), from GET /api/me. */
  readonly actingUnit?: string;
  /** A customer (portal user) rather than staff. */
  readonly customer?: boolean;
  /** An administrator reset the password: nothing but changing it (POST /api/me/password) is allowed. */
  readonly mustChangePassword?: boolean;
}

/** An event this user may send now; `form` is the JSON Schema of its data (or a compiled form). */
export interface AvailableEvent {
  readonly type: string;
  readonly title?: Localized;
  readonly form?: Record<string, unknown> | null;
  /** Defaults of the form from the case (the event's `prefill`), as the server computed them now. */
  readonly prefill?: Readonly<Record<string, unknown>>;
}

/** One SLA clock as the case shows it. `deadline` is epoch milliseconds or an ISO instant. */
export interface Deadline {
  readonly name?: string;
  readonly policy?: string;
  readonly title?: Localized;
  /** Which clock the promise counts: working time on a calendar, elapsed (clock) time, or an agreed time. */
  readonly counts?: 'working' | 'elapsed' | 'agreed';
  readonly status?: 'running' | 'paused' | 'stopped' | string;
  readonly deadline: number | string | null;
  readonly breached?: boolean;
  readonly startedAt?: number | string;
  readonly stoppedAt?: number | string | null;
  readonly targetMs?: number | null;
  readonly elapsedMs?: number;
  /** How the deadline was computed, one line each (English). */
  readonly explanation?: readonly string[];
  /** The same lines as message keys with their args, said in the reader's language (ui/components/clock-line.ts). */
  readonly explanationLines?: readonly EffectNote[];
  /** The deadline was counted across years its calendar has no public holidays for. */
  readonly calendarGap?: {
    readonly calendar: string;
    readonly calendarTitle?: Localized;
    readonly years: readonly number[];
  };
}

export interface HistoryEntry {
  readonly seq: number;
  readonly type: string;
  readonly title?: Localized;
  readonly actor: string;
  readonly actorUnit?: string | null;
  readonly at: number | string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  readonly effects?: readonly EffectNote[];
}

export interface CaseLink {
  readonly direction?: 'parent' | 'child' | string;
  readonly caseId: string;
  /** The other case's human number (BX-2026-00001), when its workflow numbers cases. */
  readonly number?: string;
  readonly workflow?: string;
  /** The linked case's workflow by its title, in the language asked. */
  readonly workflowTitle?: string;
  readonly name?: string;
  readonly state?: CaseState;
}

export interface CaseSummary {
  readonly id: string;
  /** The human number (BX-2026-00001), when its workflow numbers cases; shown instead of the id. */
  readonly number?: string | null;
  readonly workflow: string;
  readonly unit: string;
  readonly owner: string | null;
  readonly assignee: string | null;
  readonly customerUser?: string | null;
  readonly state: CaseState;
  readonly stateValue?: StateValue;
  readonly stateTitle?: Localized;
  readonly workflowTitle?: Localized;
  readonly title?: Localized;
  readonly version?: number;
  readonly done?: boolean;
  readonly overdue?: boolean;
  readonly createdAt?: number | string;
  readonly updatedAt?: number | string;
  readonly deadlines?: readonly Deadline[] | Readonly<Record<string, Deadline>>;
  readonly data?: Readonly<Record<string, unknown>>;
  /** The case waits for this user to act (a step forward their role may take, nobody else has it). */
  readonly waitingForMe?: boolean;
}

export interface CaseView extends CaseSummary {
  readonly definitionVersion: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly history: readonly HistoryEntry[];
  readonly availableEvents: readonly AvailableEvent[];
  readonly links?: readonly CaseLink[];
  readonly linkedCases?: readonly CaseLink[];
  /** Script lines for the current state: plain lines or titled blocks. */
  readonly script?: readonly Localized[] | readonly ScriptBlock[] | Localized;
  readonly scripts?: readonly ScriptBlock[];
}

export interface CaseEventInput {
  readonly type: string;
  readonly data?: unknown;
  readonly expectedVersion?: number;
}

/** One ledger row: the case it comes from and its values by column name. */
export interface LedgerRow {
  readonly seq?: number;
  readonly unit?: string;
  readonly caseId?: string;
  readonly at?: string | number;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface LedgerColumn {
  readonly name: string;
  readonly title?: Localized;
  readonly format?: 'text' | 'datetime' | 'date' | 'money' | 'yesno' | 'number' | string;
}

/** The ledger as served: its columns in order and the rows of the period. */
export interface Ledger {
  readonly ledger?: string;
  readonly title?: Localized;
  readonly from?: string;
  readonly to?: string;
  readonly columns?: readonly LedgerColumn[];
  readonly rows: readonly LedgerRow[];
  /** The cursor of the following page (`cursor=`), null on the last. */
  readonly next?: string | null;
}

export interface LoginResult {
  readonly token: string;
  readonly user: User;
}

/** One message of `GET /api/stream`. */
export interface StreamMessage {
  readonly event: string;
  readonly data: unknown;
  readonly id?: string;
}
