/**
 * When the SQLite store writes the commits it has queued (group commit).
 *
 * Waiting for the next turn of the event loop (setImmediate) lets the commits of requests that
 * arrive together go in one transaction: under load a server writes a dozen at once. A caller
 * that waits for each commit before the next, though, gains nothing from the wait and pays for it
 * (about 9 µs a commit here, an eighth of an event's cost). So the timing adapts: after
 * SWITCH_AFTER flushes in a row that found a single commit, commits are written as soon as the
 * code that made them yields (a microtask), and every PROBE_EVERY-th still waits a turn to see
 * whether others arrive meanwhile; any flush that finds more than one commit goes back to waiting.
 * Either way nothing is acknowledged before its transaction is committed.
 */
export interface FlushTiming {
  /** Called when the queue goes from empty to one commit: arranges for `flush` to run. */
  schedule(): void;
  /** Called by `flush` with how many commits it wrote. */
  flushed(commits: number): void;
}

export const SWITCH_AFTER = 32;
export const PROBE_EVERY = 32;

export interface Schedulers {
  readonly soon: (run: () => void) => void;
  readonly nextTurn: (run: () => void) => void;
}

const realSchedulers: Schedulers = { soon: queueMicrotask, nextTurn: (run) => setImmediate(run) };

export function createFlushTiming(flush: () => void, schedulers: Schedulers = realSchedulers): FlushTiming {
  let waitForTurn = true;
  let singles = 0;
  let sinceProbe = 0;
  return {
    schedule() {
      if (!waitForTurn && ++sinceProbe < PROBE_EVERY) return schedulers.soon(flush);
      sinceProbe = 0;
      schedulers.nextTurn(flush);
    },
    flushed(commits) {
      if (commits > 1) {
        waitForTurn = true;
        singles = 0;
      } else if (waitForTurn && ++singles >= SWITCH_AFTER) {
        waitForTurn = false;
      }
    },
  };
}
