import type { Localized } from '../../engine/localized.ts';

/**
 * What the HTTP API of CONTRACT.md answers, as the browser reads it. Fields the contract names
 * are required; the rest are optional so the components keep working with a leaner server.
 */

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

/** A user as administrators see them (GET /api/users): with contact details and whether disabled. */
export interface ManagedUser extends User {
  readonly email?: string | null;
  readonly mobile?: string | null;
  readonly disabled?: boolean;
}

/** POST /api/users (the server's NewUser schema: a password of at least 8 characters). */
export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly name?: string;
  readonly unit: string;
  readonly roles: readonly string[];
  readonly email?: string;
  readonly mobile?: string;
}

/** PATCH /api/users/:username: only what changes; null clears an e-mail or mobile. */
export type UserChange = Partial<Omit<NewUser, 'username' | 'email' | 'mobile'>> & Pick<ManagedUser, 'email' | 'mobile' | 'disabled'>;

export interface LoginResult {
  readonly token: string;
  readonly user: User;
}

export interface DefinitionSummary {
  readonly kind: string;
  readonly name: string;
  readonly version: string | number;
  readonly title?: Localized;
}

export type StateValue = string | { readonly [key: string]: StateValue };

/** The server sends the active leaf paths (`['handling.hq']`); a state value is accepted too. */
export type CaseState = StateValue | readonly string[];

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
  readonly calendarGap?: { readonly calendar: string; readonly calendarTitle?: Localized; readonly years: readonly number[] };
}

/** Something an administrator must act on (GET /api/definitions/notices). */
export interface AdminNotice {
  readonly code: string;
  readonly calendar: string;
  readonly calendarTitle?: Localized;
  readonly year: number;
  readonly message: string;
  readonly hint?: string;
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

/**
 * One line of what an event caused: an English line (older events, and what the engine does not
 * structure), or a code with args that the view translates; `text` is its English line.
 */
export type EffectNote = string | { readonly code: string; readonly args: Readonly<Record<string, NoteArg>>; readonly text: string };
/** Usernames and ids, epoch-millisecond instants, Localized titles, lists of usernames. */
export type NoteArg = Localized | number | readonly string[];

/** An event this user may send now; `form` is the JSON Schema of its data (or a compiled form). */
export interface AvailableEvent {
  readonly type: string;
  readonly title?: Localized;
  readonly form?: Record<string, unknown> | null;
  /** Defaults of the form from the case (the event's `prefill`), as the server computed them now. */
  readonly prefill?: Readonly<Record<string, unknown>>;
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

/** A service-language script shown for the current step (NORM-2). */
export interface ScriptBlock {
  readonly name?: string;
  readonly title?: Localized;
  readonly lines: readonly Localized[];
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

export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export interface CaseQuery {
  readonly workflow?: string;
  readonly state?: string;
  readonly unit?: string;
  readonly overdue?: boolean;
  readonly q?: string;
  readonly limit?: number;
  readonly cursor?: string;
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

export interface LedgerQuery {
  readonly ledger?: string;
  readonly month?: string;
  readonly unit?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface PointChange {
  readonly category?: string;
  readonly rule?: string;
  readonly points: number;
  readonly caseId?: string | null;
  readonly at?: string;
  readonly reason?: string;
  /** The rule's title and the fact's description (what a reader is shown). */
  readonly ruleTitle?: Localized;
  readonly factTitle?: Localized;
  readonly text?: string;
}

export interface CategoryScore {
  readonly name: string;
  readonly title?: Localized;
  readonly max?: number;
  readonly score: number;
  readonly raw?: number;
  readonly floor?: number;
  readonly cap?: number;
  readonly changes: readonly PointChange[];
  readonly limit?: string | null;
}

export interface Scorecard {
  readonly scorecard?: string;
  readonly title?: Localized;
  readonly unit: string;
  readonly period: string;
  readonly max?: number;
  readonly total: number;
  readonly categories: readonly CategoryScore[];
  readonly band?: { readonly name: string; readonly title?: Localized; readonly outcome?: string } | null;
  readonly from?: string;
  readonly to?: string;
  /** English lines; the app says the same from the fields above in the reader's language. */
  readonly explanation?: readonly string[];
  readonly months?: readonly Scorecard[];
}

/** One message of `GET /api/stream`. */
export interface StreamMessage {
  readonly event: string;
  readonly data: unknown;
  readonly id?: string;
}
