import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { Note } from '../runtime/note.ts';
import type { Commit } from '../store/store.ts';
import type { MigrationMessage } from './migration-message.ts';

/** Which open cases a migration takes (all of them are of one workflow and on the `from` version). */
export interface MigrationFilter {
  /** The unit and the units below it. */
  readonly units?: readonly string[];
  /** A leaf state path of the `from` version, or a prefix of one ('work' takes 'work.fixing'). */
  readonly state?: string;
  /** Created at or after (epoch ms). */
  readonly createdFrom?: number;
  /** Created before (epoch ms). */
  readonly createdTo?: number;
}

/** One side of a migration: a published version, by its content hash and its publication number. */
export interface VersionSide {
  readonly set: CompiledSet;
  /** The publication number (seq) the administrator named or the latest one of this content. */
  readonly seq: number;
}

/** What a migration does, checked (check-migration.ts) before any case is read. */
export interface MigrationSpec {
  readonly workflow: string;
  readonly from: VersionSide;
  readonly to: VersionSide;
  /** State of `from` (a leaf or an ancestor of leaves) → leaf state of `to`. */
  readonly stateMapping: Readonly<Record<string, string>>;
  /** Recompute the SLA clocks under `to`, keeping every case in its state. */
  readonly clocksOnly: boolean;
  readonly reason: string;
}

/** A state as people read it: its path for programs, its title in the reader's language. */
export interface StateLabel {
  readonly path: string;
  readonly title: string;
}

export interface FieldRefusal {
  /** The history entry whose data the form refuses. */
  readonly seq: number;
  readonly event: string;
  readonly form: string;
  /** JSON pointer of the value inside that event's data. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export interface ClockChange {
  readonly clock: string;
  readonly title: string;
  readonly status: 'running' | 'paused' | 'stopped';
  readonly before: { readonly deadline: string | null; readonly targetMs: number | null };
  readonly after: { readonly deadline: string | null; readonly targetMs: number | null };
  /** The lines the recomputation adds to the clock's explanation, in English (as the case's `explanation`). */
  readonly explanation: readonly string[];
  /**
   * The same lines as structured notes (message key and args), as the case's `explanationLines`: a page words them in
   * its language.
   */
  readonly explanationLines: readonly Note[];
}

export interface TimerChange {
  readonly id: string;
  /** What the timer is for, in the reader's language: a state's timer or a time limit's threshold. */
  readonly title: string;
  /** ISO instant; absent for a removed timer. */
  readonly dueAt?: string;
}

export type CaseOutcome = 'migrate' | 'refused' | 'unchanged';

/** What a migration does to one case: everything the dry run lists, and the commit that does it. */
export interface CasePlan {
  readonly id: string;
  /** The case's number as people know it (BX-2026-00001), when its workflow numbers cases. */
  readonly number?: string;
  readonly unit: string;
  /** The case's version (number of events) the plan was made from: the commit's expectedVersion. */
  readonly version: number;
  readonly outcome: CaseOutcome;
  readonly state: { readonly before: readonly StateLabel[]; readonly after: readonly StateLabel[] };
  readonly dataRefusals: readonly FieldRefusal[];
  readonly clocks: readonly ClockChange[];
  readonly timers: { readonly added: readonly TimerChange[]; readonly removed: readonly TimerChange[] };
  readonly notes: readonly MigrationMessage[];
  /** Present when the outcome is 'migrate'. */
  readonly commit?: Commit;
}

/** A refused request: each problem with the JSON pointer of the request member it concerns. */
export interface MigrationProblem extends MigrationMessage {
  readonly path: string;
}

/** The event every migrated case gets in its history. */
export const MIGRATED_EVENT = 'migrated';
