import { Type, type Static } from 'typebox';
import { named } from '../named.ts';
import { AnyObject, Closed, Instant, Localized, Nullable } from './common.ts';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM; default this month' });
const Day = 'YYYY-MM-DD, or an ISO instant';

export const LedgerQuery = Type.Object({
  ledger: Type.Optional(Type.String({ description: 'a Ledger definition; default the first' })),
  unit: Type.Optional(Type.String({ description: 'this unit and the units under it' })),
  from: Type.Optional(Type.String({ description: `the period's first day: ${Day}` })),
  to: Type.Optional(Type.String({ description: `the period's end: ${Day}` })),
  month: Type.Optional(
    Type.String({
      pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$',
      description: 'YYYY-MM, or YYYY for the year (instead of from and to)',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  cursor: Type.Optional(Type.String({ description: 'the `next` of the previous page' })),
});
export type LedgerQuery = Static<typeof LedgerQuery>;

export const LedgerColumn = Closed({ name: Type.String(), title: Type.String(), format: Type.String() });
export type LedgerColumn = Static<typeof LedgerColumn>;
/** One ledger row: the case it comes from and its values by column name. */
export const LedgerRow = Closed({
  seq: Type.Integer({ minimum: 1 }),
  unit: Type.String(),
  caseId: Type.String(),
  at: Instant,
  values: AnyObject,
});
export type LedgerRow = Static<typeof LedgerRow>;
/** The ledger as served: its columns in order and a page of the period's rows. */
export const Ledger = named(
  'Ledger',
  Closed({
    ledger: Type.String(),
    title: Type.String(),
    from: Instant,
    to: Instant,
    columns: Type.Array(LedgerColumn),
    rows: Type.Array(LedgerRow),
    next: Nullable(Type.String()),
  }),
);
export type Ledger = Static<typeof Ledger>;

export const ReportQuery = Type.Object({
  unit: Type.Optional(Type.String({ description: 'default the unit the user acts for' })),
  month: Type.Optional(Month),
});
export const ScorecardQuery = Type.Object({
  unit: Type.Optional(Type.String({ description: 'default the unit the user acts for' })),
  period: Type.Optional(
    Type.String({
      pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$',
      description: 'YYYY-MM, or YYYY for the year; default this month',
    }),
  ),
});

export const PointChange = Closed({
  category: Type.String(),
  rule: Type.String(),
  /** The rule's title and the fact's description (what a reader is shown). */
  ruleTitle: Type.Optional(Localized),
  factTitle: Type.Optional(Localized),
  points: Type.Number(),
  factId: Type.String(),
  fact: Type.String(),
  caseId: Nullable(Type.String()),
  /** The case's human number, when its workflow numbers cases: what people know it by. */
  caseNumber: Type.Optional(Type.String()),
  at: Instant,
  /** Why the fact was recorded, in English (the log's); `reasonTitle` as the definition wrote it in both languages. */
  reason: Type.String(),
  reasonTitle: Type.Optional(Localized),
  text: Type.String(),
});
export type PointChange = Static<typeof PointChange>;
export const CategoryScore = Closed({
  name: Type.String(),
  title: Localized,
  max: Type.Number(),
  floor: Type.Number(),
  cap: Type.Number(),
  /** max + every change, before floor and cap. */
  raw: Type.Number(),
  score: Type.Number(),
  changes: Type.Array(PointChange),
  /** Why the score differs from `raw`, if it does. */
  limit: Nullable(Type.String()),
});
export type CategoryScore = Static<typeof CategoryScore>;
const scorecardKeys = {
  scorecard: Type.String(),
  title: Localized,
  unit: Type.String(),
  period: Type.String(),
  from: Type.String(),
  to: Type.String(),
  max: Type.Number(),
  total: Type.Number(),
  categories: Type.Array(CategoryScore),
  band: Nullable(Closed({ name: Type.String(), title: Localized, outcome: Type.String() })),
  /** Every line a reader needs, in order: changes per category, limits, totals, band. */
  explanation: Type.Array(Type.String()),
};
/** A unit's scorecard for a period, every point explained; a year's card lists the months it averages. */
export const Scorecard = named(
  'Scorecard',
  Closed({ ...scorecardKeys, months: Type.Optional(Type.Array(Closed(scorecardKeys))) }),
);
export type Scorecard = Static<typeof Scorecard>;
export const Scorecards = named(
  'Scorecards',
  Closed({ unit: Type.String(), period: Type.String(), scorecards: Type.Array(Scorecard) }),
);

const Measure = Closed({
  name: Type.String(),
  title: Type.String(),
  kind: Type.Enum(['ratio', 'sum', 'completeness', 'count']),
  unit: Type.Enum(['percent', 'amount', 'cases']),
  value: Nullable(Type.Number()),
  numerator: Type.Number(),
  denominator: Type.Number(),
  groups: Type.Optional(
    Type.Array(
      Closed({
        group: Type.String(),
        /** The option label of the group, in the reader's language (the measure names `labels`). */
        title: Type.Optional(Type.String()),
        value: Nullable(Type.Number()),
        numerator: Type.Number(),
        denominator: Type.Number(),
      }),
    ),
  ),
});
export const MonthlyReport = named(
  'MonthlyReport',
  Closed({
    unit: Type.String(),
    month: Type.String(),
    cases: Type.Integer(),
    byWorkflow: Type.Array(
      Closed({
        workflow: Type.String(),
        title: Type.String(),
        total: Type.Integer(),
        done: Type.Integer(),
        states: Type.Record(Type.String(), Type.Integer()),
        stateTitles: Type.Record(Type.String(), Type.String()),
      }),
    ),
    sla: Closed({ met: Type.Integer(), breached: Type.Integer(), metPercent: Nullable(Type.Number()) }),
    measures: Type.Array(Measure),
    scorecards: Type.Array(Scorecard),
  }),
);
