import { Type, type Static } from 'typebox';
import { named } from '../named.ts';
import { AnyObject, Closed, Instant, Localized, Nullable, ProblemField } from './common.ts';
import { ImpactReport } from './impact.ts';

const File = Closed({
  path: Type.String({ minLength: 1, maxLength: 500 }),
  text: Type.String({ maxLength: 2_000_000 }),
});
const Files = Type.Array(File, { minItems: 1, maxItems: 2000 });
const Note = Type.String({ maxLength: 2000 });

export const Publish = named(
  'Publish',
  Closed({
    files: Files,
    note: Type.Optional(Note),
    expectedSeq: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'the version (seq) the editor started from; another publication since then answers 409',
      }),
    ),
    remove: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z]+/[^/]{1,200}$' }), {
        maxItems: 2000,
        uniqueItems: true,
        description:
          'published definitions ("Kind/name") this set leaves out on purpose; a publication is a whole set, and one that leaves out anything not named here answers 422',
      }),
    ),
  }),
);
export const Simulate = named(
  'Simulate',
  Closed({
    files: Files,
    scenarios: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        maxItems: 500,
        description: 'names of the scenarios to run (default: all in the files)',
      }),
    ),
  }),
);
export const Rollback = named('Rollback', Closed({ seq: Type.Integer({ minimum: 1 }), note: Type.Optional(Note) }));

export const DefinitionSummary = named(
  'DefinitionSummary',
  Closed({ kind: Type.String(), name: Type.String(), version: Type.String(), title: Type.String() }),
);
export type DefinitionSummary = Static<typeof DefinitionSummary>;

/** Something an administrator must act on in the published set, e.g. a calendar without next year's holidays. */
export const AdminNotice = named(
  'AdminNotice',
  Closed({
    code: Type.String(),
    calendar: Type.String(),
    calendarTitle: Type.Optional(Localized),
    year: Type.Integer(),
    message: Type.String(),
    hint: Type.String(),
  }),
);
export type AdminNotice = Static<typeof AdminNotice>;

const versionKeys = {
  seq: Type.Integer({ minimum: 1 }),
  version: Type.String(),
  publishedAt: Instant,
  publishedBy: Type.String(),
  note: Nullable(Type.String()),
};
export const VersionSummary = named(
  'VersionSummary',
  Closed({
    ...versionKeys,
    current: Type.Boolean(),
    /** The version the server published itself on its first start, from the files it was given (no person's note). */
    firstStart: Type.Boolean(),
    /** Open cases running on this content version, in all and by workflow: what a migration could move. */
    openCases: Type.Integer({ minimum: 0 }),
    openCasesByWorkflow: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  }),
);
export type VersionSummary = Static<typeof VersionSummary>;

/** A publication's answer: the version, whether it changed nothing, what it removed, and the notices of the set now. */
export const Published = named(
  'Published',
  Closed({
    ...versionKeys,
    unchanged: Type.Boolean(),
    removed: Type.Array(Type.String()),
    notices: Type.Array(AdminNotice),
  }),
);
export const RolledBack = named('RolledBack', Closed({ ...versionKeys, removed: Type.Array(Type.String()) }));

const Seq = Closed({ seq: Type.Integer(), version: Type.String() });
export const VersionDiff = named(
  'VersionDiff',
  Closed({
    from: Seq,
    to: Seq,
    files: Type.Array(
      Closed({
        path: Type.String(),
        change: Type.Enum(['added', 'removed', 'changed']),
        lines: Type.Array(Type.String()),
      }),
    ),
  }),
);
export const VersionFiles = named(
  'VersionFiles',
  Closed({ seq: Type.Integer(), version: Type.String(), files: Type.Array(File) }),
);
export const ScenarioResult = Closed({
  name: Type.String(),
  /** The scenario's title, as its definition gives it. */
  title: Type.Optional(Localized),
  ok: Type.Boolean(),
  /** Why it failed, in English (as `serviceframe simulate` prints it). */
  failure: Type.Optional(Type.String()),
  /** Why it failed, in the user's language; times in the calendar's time zone. */
  message: Type.Optional(Type.String()),
  steps: Type.Integer(),
});

export const VersionQuery = Type.Object({
  version: Type.Optional(Type.String({ description: 'a published version (content hash); default the current one' })),
});
export const DiffQuery = Type.Object({
  from: Type.Integer({ description: 'a version number (seq)' }),
  to: Type.Optional(Type.Integer({ description: 'a version number (seq); default the current one' })),
});
export const FilesQuery = Type.Object({
  seq: Type.Optional(Type.Integer({ description: 'a version number; default the current one' })),
});
export const AnyJson = AnyObject;

export const Validate = named('Validate', Closed({ files: Files }));
/** A candidate set's problems as publishing would find them; a set with errors is still a successful answer. */
export const Validation = named(
  'Validation',
  Closed({ errors: Type.Array(ProblemField), warnings: Type.Array(ProblemField) }),
);

export const Impact = named(
  'Impact',
  Closed({
    files: Type.Array(File, { minItems: 1, maxItems: 2000, description: 'the whole candidate set, as for publishing' }),
    from: Type.String({
      maxLength: 10,
      description: "first day of the period, YYYY-MM-DD (local date of the root unit's calendar)",
    }),
    to: Type.String({ maxLength: 10, description: 'last day of the period, inclusive' }),
  }),
);
/** An impact replay and how far it got; `report` when done (docs/impact.md), `error` when failed. */
export const ImpactJob = named(
  'ImpactJob',
  Closed({
    id: Type.String(),
    status: Type.Enum(['running', 'done', 'failed', 'cancelled']),
    from: Type.String(),
    to: Type.String(),
    candidateVersion: Type.String(),
    startedAt: Instant,
    startedBy: Type.String(),
    finishedAt: Type.Optional(Instant),
    progress: Closed({
      /** Reading the period's cases, then replaying them under their own versions, then under the candidate. */
      phase: Type.Enum(['reading', 'before', 'after']),
      done: Type.Integer({ minimum: 0 }),
      total: Type.Integer({ minimum: 0 }),
    }),
    report: Type.Optional(ImpactReport),
    error: Type.Optional(Type.String()),
  }),
);
