import { Type, type Static } from 'typebox';
import { named } from '../named.ts';
import { Closed, Instant, Localized, Nullable } from './common.ts';

/**
 * The report of an impact replay (docs/impact.md; engine/impact/impact-report.ts builds it, and
 * contract/types.ts proves the two the same type). Instants are ISO strings; every id comes with
 * its title or name.
 */
const Count = Type.Integer({ minimum: 0 });

const DeadlineMove = Closed({
  caseId: Type.String(),
  clock: Type.String(),
  clockTitle: Localized,
  before: Nullable(Instant),
  after: Nullable(Instant),
  /** after − before in milliseconds (negative: earlier). */
  deltaMs: Type.Number(),
});
const BreachChange = Closed({
  caseId: Type.String(),
  clock: Type.String(),
  clockTitle: Localized,
  deadline: Nullable(Instant),
});
const NotificationChange = Closed({
  caseId: Type.String(),
  template: Type.String(),
  templateTitle: Localized,
  channel: Type.String(),
  recipient: Type.String(),
  recipientName: Nullable(Type.String()),
  before: Nullable(Instant),
  after: Nullable(Instant),
});
const ImpactGroup = Closed({
  unit: Type.String(),
  unitTitle: Localized,
  workflow: Type.String(),
  workflowTitle: Localized,
  cases: Count,
  deadlines: Closed({ earlier: Type.Array(DeadlineMove), later: Type.Array(DeadlineMove) }),
  breaches: Closed({ gained: Type.Array(BreachChange), lost: Type.Array(BreachChange) }),
  notifications: Closed({
    added: Type.Array(NotificationChange),
    removed: Type.Array(NotificationChange),
    moved: Type.Array(NotificationChange),
  }),
});
const PointChangeRef = Closed({
  caseId: Nullable(Type.String()),
  rule: Type.String(),
  ruleTitle: Localized,
  fact: Type.String(),
  at: Instant,
  points: Type.Number(),
  reason: Type.String(),
  reasonTitle: Type.Optional(Localized),
});
const CategoryPoints = Closed({
  category: Type.String(),
  title: Localized,
  before: Type.Number(),
  after: Type.Number(),
  delta: Type.Number(),
  gained: Type.Array(PointChangeRef),
  lost: Type.Array(PointChangeRef),
});
const UnitPoints = Closed({
  unit: Type.String(),
  unitTitle: Localized,
  scorecard: Type.String(),
  scorecardTitle: Localized,
  months: Type.Array(Closed({ period: Type.String(), before: Type.Number(), after: Type.Number() })),
  categories: Type.Array(CategoryPoints),
});
const caseRef = { caseId: Type.String(), unit: Type.String(), workflow: Type.String() };
const RefusedEvent = Closed({
  ...caseRef,
  workflowTitle: Localized,
  unitTitle: Localized,
  seq: Type.Integer({ minimum: 1 }),
  type: Type.String(),
  title: Localized,
  actor: Type.String(),
  actorName: Nullable(Type.String()),
  at: Instant,
  kind: Type.Enum(['role', 'guard', 'form', 'state', 'case']),
  code: Type.String(),
  reason: Type.String(),
  reasonTitle: Localized,
  errors: Type.Array(Closed({ path: Type.String(), message: Type.String() })),
  alsoBefore: Type.Boolean(),
  followsRefusal: Type.Boolean(),
});
const EndState = Closed({ states: Type.Array(Type.String()), titles: Type.Array(Localized), done: Type.Boolean() });
const EndStateChange = Closed({
  ...caseRef,
  workflowTitle: Localized,
  unitTitle: Localized,
  before: Nullable(EndState),
  after: Nullable(EndState),
});

export const ImpactReport = named(
  'ImpactReport',
  Closed({
    from: Instant,
    /** Exclusive end of the period. */
    to: Instant,
    /** Where the virtual clock stopped. */
    until: Instant,
    candidateVersion: Type.String(),
    cases: Count,
    events: Count,
    /** True when the period has no case: then every list is empty. */
    empty: Type.Boolean(),
    summary: Closed({
      deadlinesEarlier: Count,
      deadlinesLater: Count,
      breachesGained: Count,
      breachesLost: Count,
      notificationsChanged: Count,
      pointsGained: Type.Number(),
      pointsLost: Type.Number(),
      refused: Count,
      endStates: Count,
    }),
    groups: Type.Array(ImpactGroup),
    scorecards: Type.Array(UnitPoints),
    refused: Type.Array(RefusedEvent),
    endStates: Type.Array(EndStateChange),
    /** The human number of each numbered case the report names, by its id. */
    caseNumbers: Type.Record(Type.String(), Type.String()),
  }),
);
export type ImpactReport = Static<typeof ImpactReport>;
