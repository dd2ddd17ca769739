import type { Condition } from '../forms/form-model.ts';
import type { Localized } from '../localized.ts';
import type { NumberingSpec } from './case-numbering.ts';

/** What an administrator writes under `spec:` of a `kind: Workflow`. */
export interface WorkflowSpec {
  readonly serviceLine?: string;
  readonly startForm?: string;
  readonly start: {
    readonly allow: readonly AllowRule[];
    readonly actions?: readonly ActionSpec[];
    readonly unit?: string;
  };
  readonly ownership?: 'first-staff' | 'creator' | 'none';
  readonly records?: Readonly<Record<string, RecordLinkSpec>>;
  readonly actorRequirement?: { readonly when: Condition; readonly message?: Localized };
  /** Human case numbers (BX-2026-00001); see case-numbering.ts. */
  readonly numbering?: NumberingSpec;
  /** Data paths shown wherever cases are listed ('requesterName', 'visit.engineer'); see workflow-summary.ts. */
  readonly summary?: readonly string[];
  /**
   * What the case page shows at its top, by section (see case-view-sections.ts); default: the start form and each saved
   * form.
   */
  readonly view?: readonly ViewSectionSpec[];
  /** What a customer sees of a case; see workflow-portal.ts. */
  readonly portal?: PortalSpec;
  readonly initial: string;
  readonly on?: Readonly<Record<string, TransitionSpec>>;
  readonly states: Readonly<Record<string, StateSpec>>;
}

export interface ViewSectionSpec {
  readonly title?: Localized;
  /** Case-data paths, as `summary` writes them. */
  readonly fields: readonly string[];
}

export interface PortalSpec {
  readonly steps?: readonly string[];
  readonly fields?: readonly string[];
  readonly appointment?: string;
  readonly technician?: boolean;
  readonly profile?: Readonly<Record<string, 'name' | 'mobile' | 'email' | 'latest'>>;
  /** What the customer reads for a step, by its state path, instead of the state's title. */
  readonly stepTitles?: Readonly<Record<string, Localized>>;
  readonly replies?: readonly {
    readonly event: string;
    readonly field: string;
    readonly when?: Condition;
    readonly title?: Localized;
  }[];
  readonly rating?: { readonly link: string; readonly event: string };
}

export interface RecordLinkSpec {
  readonly type: string;
  readonly match: Readonly<Record<string, string>>;
  readonly fill?: Readonly<Record<string, string>>;
}

export interface StateSpec {
  readonly title?: Localized;
  readonly type?: 'atomic' | 'compound' | 'parallel' | 'final';
  readonly initial?: string;
  readonly states?: Readonly<Record<string, StateSpec>>;
  readonly script?: string | readonly string[];
  readonly entry?: readonly ActionSpec[];
  readonly exit?: readonly ActionSpec[];
  readonly on?: Readonly<Record<string, TransitionSpec>>;
  readonly after?: readonly TimerSpec[];
  readonly always?: readonly TargetSpec[];
  readonly done?: string | readonly TargetSpec[];
}

export interface TransitionSpec {
  readonly title?: Localized;
  readonly form?: string;
  readonly allow?: readonly AllowRule[];
  readonly when?: Condition;
  readonly whenMessage?: Localized;
  readonly target?: string;
  readonly targets?: readonly TargetSpec[];
  readonly stay?: boolean;
  readonly actions?: readonly ActionSpec[];
  /** Sealed data (TND-7): nobody reads this event's data until an event of this type happened on the case. */
  readonly sealedUntil?: string;
  /** Where the event's form data goes in the case data: merged at the top (default) or under this key. */
  readonly saveAs?: string;
  /** Defaults of the event's form from the case: field → expression ('=data.customerName'); see prefill.ts. */
  readonly prefill?: Readonly<Record<string, string>>;
  /** Append the event's form data to the list under this key (repeated events such as bids). */
  readonly appendTo?: string;
}

export interface TargetSpec {
  readonly target: string;
  readonly when?: Condition;
  readonly actions?: readonly ActionSpec[];
}

export interface TimerSpec {
  readonly delay: string;
  readonly calendar?: string;
  readonly target?: string;
  readonly targets?: readonly TargetSpec[];
  readonly stay?: boolean;
  readonly actions?: readonly ActionSpec[];
}

export type UnitRelation = 'same' | 'within' | 'above' | 'root' | 'any';

export interface AllowRule {
  readonly role?: string;
  readonly unit?: UnitRelation;
  readonly unitType?: string;
  readonly assignee?: boolean;
  readonly owner?: boolean;
  readonly customer?: boolean;
  readonly system?: boolean;
}

/** One action: a single key naming its type (set, assign, notify, …) plus an optional `when`. */
export type ActionSpec = Readonly<Record<string, unknown>> & { readonly when?: Condition };
