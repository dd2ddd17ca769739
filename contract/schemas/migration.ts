import { Type } from 'typebox';
import { named } from '../named.ts';
import { EffectNote } from './cases.ts';
import { Closed, Instant, Nullable } from './common.ts';

/**
 * What POST /api/cases/migrate and GET /api/cases/migrations answer (docs/migration.md;
 * engine/migration/ plans and runs, server/cases/case-migrations.ts answers, and contract/types.ts
 * proves a case's result the engine's type).
 */
const Count = Type.Integer({ minimum: 0 });
const StateLabel = Closed({ path: Type.String(), title: Type.String() });
/** Something a migration says: `code` and `args` for programs, `message` in the reader's language. */
const MigrationNote = Closed({
  code: Type.String(),
  args: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  message: Type.String(),
});
const ClockSide = Closed({ deadline: Nullable(Instant), targetMs: Nullable(Type.Number()) });
const TimerChange = Closed({ id: Type.String(), title: Type.String(), dueAt: Type.Optional(Instant) });

/** One case's plan (dry run) or result. */
export const MigrationCase = Closed({
  id: Type.String(),
  number: Type.Optional(Type.String()),
  unit: Type.String(),
  /** The case's version the plan was made from. */
  version: Type.Integer({ minimum: 0 }),
  outcome: Type.Enum(['migrate', 'refused', 'unchanged', 'migrated', 'alreadyMigrated', 'skipped']),
  state: Closed({ before: Type.Array(StateLabel), after: Type.Array(StateLabel) }),
  /** The recorded data the new forms refuse (the case stays). */
  dataRefusals: Type.Array(
    Closed({
      seq: Type.Integer({ minimum: 1 }),
      event: Type.String(),
      form: Type.String(),
      path: Type.String(),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
  clocks: Type.Array(
    Closed({
      clock: Type.String(),
      title: Type.String(),
      status: Type.Enum(['running', 'paused', 'stopped']),
      before: ClockSide,
      after: ClockSide,
      /** The lines the recomputation adds, in English. */
      explanation: Type.Array(Type.String()),
      /** The same lines as notes a client words in its reader's language. */
      explanationLines: Type.Array(EffectNote),
    }),
  ),
  timers: Closed({ added: Type.Array(TimerChange), removed: Type.Array(TimerChange) }),
  notes: Type.Array(MigrationNote),
});

const MigrationFilter = Closed({
  unit: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  createdFrom: Type.Optional(Type.String()),
  createdTo: Type.Optional(Type.String()),
});
const Counts = Closed({
  selected: Count,
  migrate: Count,
  migrated: Count,
  alreadyMigrated: Count,
  refused: Count,
  unchanged: Count,
  skipped: Count,
});
const Side = Closed({ seq: Type.Integer({ minimum: 0 }), version: Type.String() });

/** A migration's outcome, for a dry run and an applied run alike. */
export const Migration = named(
  'Migration',
  Closed({
    /** Null for a dry run. */
    batch: Nullable(Type.String()),
    dryRun: Type.Boolean(),
    resumed: Type.Boolean(),
    workflow: Type.String(),
    workflowTitle: Type.String(),
    from: Side,
    to: Side,
    clocksOnly: Type.Boolean(),
    reason: Type.String(),
    stateMapping: Type.Record(Type.String(), Type.String()),
    filter: MigrationFilter,
    counts: Counts,
    cases: Type.Array(MigrationCase),
  }),
);

/** A migration batch: the request as checked, how many cases it took, and its counts once finished. */
export const MigrationBatch = Closed({
  id: Type.String(),
  workflow: Type.String(),
  request: Closed({
    fromVersion: Type.String(),
    toVersion: Type.String(),
    fromSeq: Type.Integer({ minimum: 0 }),
    toSeq: Type.Integer({ minimum: 0 }),
    filter: MigrationFilter,
    stateMapping: Type.Record(Type.String(), Type.String()),
    clocksOnly: Type.Boolean(),
    reason: Type.String(),
  }),
  cases: Count,
  startedBy: Type.String(),
  startedAt: Instant,
  /** Null while it runs or after it was cut off (then it is resumed). */
  finishedAt: Nullable(Instant),
  counts: Nullable(Counts),
});
export const Migrations = named('Migrations', Closed({ items: Type.Array(MigrationBatch) }));
