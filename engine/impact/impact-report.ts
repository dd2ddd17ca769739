import type { Localized } from '../localized.ts';

/**
 * The impact of a candidate definition set on a recorded period (JSON; docs/impact.md describes
 * it for the API's readers). Instants are ISO strings; every id a person reads comes with a title
 * or a name beside it. "Before" is the period replayed under the versions its cases ran on, "after"
 * under the candidate, by the same engine on the same virtual clock, so every difference is the
 * rules' and not the replay's.
 */
export interface ImpactReport {
  readonly from: string;
  /** Exclusive end of the period. */
  readonly to: string;
  /** The clock ran on to here (past `to` when the period's cases went on later). */
  readonly until: string;
  readonly candidateVersion: string;
  /** Recorded cases replayed (those created in the period and the cases they started). */
  readonly cases: number;
  /** Recorded events sent again in each pass (people's and schedules'; the engine's own are derived). */
  readonly events: number;
  /** True when the period has no case: then every list is empty. */
  readonly empty: boolean;
  readonly summary: ImpactSummary;
  /** Per unit and workflow, only those with a difference. */
  readonly groups: readonly ImpactGroup[];
  /** Per unit and scorecard, only those whose points differ. */
  readonly scorecards: readonly UnitPoints[];
  /** Recorded events the candidate refuses, in time order. */
  readonly refused: readonly RefusedEvent[];
  /** Cases whose end differs (state, closed or not, or not started at all). */
  readonly endStates: readonly EndStateChange[];
  /** The human number of each case the report names, by its id (cases of workflows that number them). */
  readonly caseNumbers: Readonly<Record<string, string>>;
}

export interface ImpactSummary {
  readonly deadlinesEarlier: number;
  readonly deadlinesLater: number;
  readonly breachesGained: number;
  readonly breachesLost: number;
  readonly notificationsChanged: number;
  readonly pointsGained: number;
  readonly pointsLost: number;
  /** Refusals that are not only the consequence of an earlier refusal on the same case. */
  readonly refused: number;
  readonly endStates: number;
}

export interface CaseRef {
  readonly caseId: string;
  readonly unit: string;
  readonly workflow: string;
}

export interface ImpactGroup {
  readonly unit: string;
  readonly unitTitle: Localized;
  readonly workflow: string;
  readonly workflowTitle: Localized;
  /** Recorded cases of this unit and workflow in the replay. */
  readonly cases: number;
  readonly deadlines: { readonly earlier: readonly DeadlineMove[]; readonly later: readonly DeadlineMove[] };
  readonly breaches: { readonly gained: readonly BreachChange[]; readonly lost: readonly BreachChange[] };
  readonly notifications: {
    /** Sent after, not before: to another person, or one more. */
    readonly added: readonly NotificationChange[];
    /** Sent before, not after. */
    readonly removed: readonly NotificationChange[];
    /** The same notice to the same person at another time. */
    readonly moved: readonly NotificationChange[];
  };
}

export interface DeadlineMove {
  readonly caseId: string;
  readonly clock: string;
  readonly clockTitle: Localized;
  readonly before: string | null;
  readonly after: string | null;
  /** after − before in milliseconds (negative: earlier). */
  readonly deltaMs: number;
}

export interface BreachChange {
  readonly caseId: string;
  readonly clock: string;
  readonly clockTitle: Localized;
  /** The deadline of the pass in which the clock breached. */
  readonly deadline: string | null;
}

export interface NotificationChange {
  readonly caseId: string;
  readonly template: string;
  readonly templateTitle: Localized;
  readonly channel: string;
  readonly recipient: string;
  /** The person's name when the recipient is a user. */
  readonly recipientName: string | null;
  /** When it would go (not before quiet hours end). */
  readonly before: string | null;
  readonly after: string | null;
}

export interface UnitPoints {
  readonly unit: string;
  readonly unitTitle: Localized;
  readonly scorecard: string;
  readonly scorecardTitle: Localized;
  /** The scorecard's total per month of the period, before and after (floors and caps applied). */
  readonly months: readonly { readonly period: string; readonly before: number; readonly after: number }[];
  readonly categories: readonly CategoryPoints[];
}

export interface CategoryPoints {
  readonly category: string;
  readonly title: Localized;
  /** Sum of the category's point changes in the period (before floor and cap). */
  readonly before: number;
  readonly after: number;
  /** after − before. */
  readonly delta: number;
  /** Point changes that only one side has: gained (the unit is better off), lost (worse off). */
  readonly gained: readonly PointChangeRef[];
  readonly lost: readonly PointChangeRef[];
}

export interface PointChangeRef {
  readonly caseId: string | null;
  readonly rule: string;
  readonly ruleTitle: Localized;
  readonly fact: string;
  readonly at: string;
  /** What the change does to the unit's points: positive gained, negative lost. */
  readonly points: number;
  readonly reason: string;
  /** The reason as the definition wrote it in both languages, when it did. */
  readonly reasonTitle?: Localized;
}

export type RefusalKind = 'role' | 'guard' | 'form' | 'state' | 'case';

export interface RefusedEvent extends CaseRef {
  readonly workflowTitle: Localized;
  readonly unitTitle: Localized;
  readonly seq: number;
  readonly type: string;
  /** The event's title in the workflow (the candidate's, else the recorded version's). */
  readonly title: Localized;
  readonly actor: string;
  readonly actorName: string | null;
  readonly at: string;
  /**
   * role: the actor may not; guard: a condition does not hold; form: the data is refused; state: not possible then;
   * case: the case is not there.
   */
  readonly kind: RefusalKind;
  readonly code: string;
  readonly reason: string;
  /** The reason as people read it, in both languages (the engine's words, with titles and names). */
  readonly reasonTitle: Localized;
  readonly errors: readonly { readonly path: string; readonly message: string }[];
  /** The versions the case ran on refuse it too (e.g. the actor's roles changed since). */
  readonly alsoBefore: boolean;
  /** An earlier event of the same case was refused: this one may only follow from that. */
  readonly followsRefusal: boolean;
}

export interface EndStateChange extends CaseRef {
  readonly workflowTitle: Localized;
  readonly unitTitle: Localized;
  readonly before: EndState | null;
  /** null: the case is not started under the candidate. */
  readonly after: EndState | null;
}

export interface EndState {
  readonly states: readonly string[];
  /** The states' titles, in the same order. */
  readonly titles: readonly Localized[];
  readonly done: boolean;
}
