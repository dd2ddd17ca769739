import type { Directory } from './actor.ts';
import type { IdSource } from './action-context.ts';
import type { CompiledSet } from './compiled-set.ts';
import type { RecordsView } from './records-view.ts';
import type { NumberSession } from './case-number-allocator.ts';

/** What a pure decision is given: the definitions its case runs on, the users, archive records, the time, ids. */
export interface DecideDeps {
  readonly set: CompiledSet;
  readonly directory: Directory;
  /** Archive records actions may look up (assign fromRecord); none when absent. */
  readonly records?: RecordsView;
  readonly now: number;
  readonly ids: IdSource;
  /** Claims case numbers for the cases the decision creates; without it, cases get no number. */
  readonly numbers?: NumberSession;
  /**
   * False: leave out what only people read — clock explanation lines, the clocks' notes stored
   * with the event, and notifications' rendered subjects and bodies. For a caller that keeps only
   * what decisions change (the impact replay, where they were a third of the work); no decision
   * reads them, so the cases, timers, notifications and facts decided are the same. Default true.
   */
  readonly explain?: boolean;
}
