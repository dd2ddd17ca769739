import type { Definition } from '../../engine/definitions/kind.ts';
import type { PassOutcome } from '../../engine/impact/replay-pass.ts';
import type { PassName } from '../../engine/impact/replay-passes.ts';
import type { DirectoryUser } from '../../engine/runtime/actor.ts';
import type { RecordEntry } from '../../engine/runtime/records-view.ts';

/** A set as a replay thread compiles it again: the key the pass looks it up by, its definitions and version. */
export interface SetSource {
  readonly key: string;
  readonly version: string;
  readonly docs: readonly Definition[];
}

/** What a replay thread is started with: everything of its pass but the cases, which follow as messages. */
export interface ReplayThreadData {
  /** URL of the TypeScript module the .mjs entry imports once it has registered tsx. */
  readonly module: string;
  readonly pass: PassName;
  /** 'before': the sets the recorded cases ran on; 'after': the candidate alone. */
  readonly sets: readonly SetSource[];
  /**
   * The set whose scorecards count the pass's points (the published set for 'before', the
   * candidate for 'after'); compiled again only when none of `sets` has its version.
   */
  readonly score: SetSource;
  readonly period: { readonly from: number; readonly to: number };
  readonly users: readonly DirectoryUser[];
  readonly records: readonly RecordEntry[];
  readonly until: number;
  readonly every?: number;
  readonly explain?: boolean;
}

/**
 * To the thread: the recorded cases in slices, each a JSON string (replay-wire.ts: one string is
 * copied between threads far more cheaply than an object graph is cloned, and the same string goes
 * to both threads), then 'run' once all are sent.
 */
export type ToReplayThread = { readonly kind: 'cases'; readonly json: string } | { readonly kind: 'run' };

/** From the thread: events replayed so far, every `every`; then the pass's outcome. */
export type FromReplayThread =
  { readonly kind: 'progress'; readonly done: number } | { readonly kind: 'outcome'; readonly outcome: PassOutcome };
