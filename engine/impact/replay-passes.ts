import type { DirectoryUser } from '../runtime/actor.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { RecordEntry } from '../runtime/records-view.ts';
import type { RecordedCase } from './recorded-period.ts';
import { inputsOf, replayPass, type PassInput, type PassOutcome } from './replay-pass.ts';

export type PassName = 'before' | 'after';

/** The two passes of an impact replay: the recorded cases under their own versions, and under the candidate. */
export interface PassesInput {
  readonly cases: readonly RecordedCase[];
  /** The sets the recorded cases ran on, by version (only those known: a case on another is refused). */
  readonly recorded: ReadonlyMap<string, CompiledSet>;
  readonly candidate: CompiledSet;
  /** The published set: its scorecards count the recorded versions' points ('before'). */
  readonly published: CompiledSet;
  /** The period whose points are counted (facts inside it). */
  readonly period: { readonly from: number; readonly to: number };
  readonly users: readonly DirectoryUser[];
  readonly records: readonly RecordEntry[];
  readonly until: number;
  /** Events between two progress reports of a pass (default 500). */
  readonly every?: number;
  readonly explain?: boolean;
  /**
   * Told how many events a pass has replayed, every `every` events and when the pass ends; a
   * rejection stops both passes and is the runner's.
   */
  readonly progress?: (pass: PassName, done: number) => Promise<void> | void;
  /** Aborting stops both passes; the runner then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface PassesOutcome {
  readonly before: PassOutcome;
  readonly after: PassOutcome;
}

/**
 * Runs the two passes. They are independent (each has its own engine, store and clock), so a runner
 * may run them one after the other here (passesInThisThread) or at once elsewhere
 * (adapters/impact/replay-threads.ts: one worker thread each); every runner gives the same outcome.
 */
export type PassesRunner = (input: PassesInput) => Promise<PassesOutcome>;

/** The pass's rules: the versions the cases ran on ("before"), or the candidate for every case ("after"). */
export function passRules(
  pass: PassName,
  recorded: ReadonlyMap<string, CompiledSet>,
  candidate: CompiledSet,
): Pick<PassInput, 'setFor' | 'version'> {
  return pass === 'before'
    ? { setFor: (c) => recorded.get(c.definitionVersion), version: (v) => recorded.get(v) }
    : { setFor: () => candidate, version: (v) => (v === candidate.version ? candidate : undefined) };
}

/** Both passes in this thread, one after the other (the events sorted once for both). */
export const passesInThisThread: PassesRunner = async (input) => {
  const inputs = inputsOf(input.cases);
  const pass = async (name: PassName) => {
    const outcome = await replayPass({
      cases: input.cases,
      inputs,
      ...passRules(name, input.recorded, input.candidate),
      score: { set: name === 'before' ? input.published : input.candidate, period: input.period },
      users: input.users,
      records: input.records,
      until: input.until,
      ...(input.every !== undefined ? { every: input.every } : {}),
      ...(input.explain !== undefined ? { explain: input.explain } : {}),
      async checkpoint(done) {
        input.signal?.throwIfAborted();
        await input.progress?.(name, done);
      },
    });
    await input.progress?.(name, outcome.events);
    return outcome;
  };
  input.signal?.throwIfAborted();
  const before = await pass('before');
  const after = await pass('after');
  return { before, after };
};
