/**
 * The due time of each stored timer, by id, for the SQLite store.
 *
 * The timers table is keyed by (due_at, id), so that it is its own due-time index and setting or
 * clearing a timer writes one b-tree, not two. The engine names the timers it fires or cancels by
 * id only, so the store keeps here the due time that completes the key.
 *
 * When it may be relied on: only inside a write transaction, after `sync()`. Another process may
 * have written the file since (a CLI, a second server): `sync()` compares SQLite's data_version,
 * which changes when another connection has committed, and loads the map again if it moved.
 *
 * The writes of the commit under way are staged in layers, because a commit may still fail: a
 * commit of a group-commit batch is rolled back to its savepoint alone, and a batch as a whole may
 * fail too. The stored map changes only once the transaction has committed.
 */
export interface TimerKeys {
  /** Inside a write transaction, before anything is read: reload if another connection committed. */
  sync(): void;
  /** The due time of timer `id` as the commit under way sees it; undefined when there is none. */
  dueOf(id: string): number | undefined;
  /** A timer the commit under way wrote (dueAt) or deleted (undefined). */
  stage(id: string, dueAt: number | undefined): void;
  /** The commit under way was written (its savepoint released): its changes join the transaction's. */
  keep(): void;
  /** The commit under way was rolled back to its savepoint: its changes are forgotten. */
  drop(): void;
  /** The transaction committed: what it wrote is now stored. */
  committed(): void;
  /** The transaction was rolled back. `inDoubt`: the map may no longer match the file, so reload before the next use. */
  rolledBack(inDoubt: boolean): void;
}

export interface TimerKeySource {
  /** PRAGMA data_version of the store's connection. */
  dataVersion(): number;
  /** Every stored timer's id and due time. */
  load(): Iterable<readonly [string, number]>;
}

export function createTimerKeys(source: TimerKeySource): TimerKeys {
  let stored = new Map<string, number>();
  // The data_version the map was loaded at; undefined: load at the next sync (so at the first write).
  let loadedAt: number | undefined;
  // undefined values are deletions; a lookup goes commit, then transaction, then stored.
  const ofTransaction = new Map<string, number | undefined>();
  const ofCommit = new Map<string, number | undefined>();
  return {
    sync() {
      const version = source.dataVersion();
      if (version === loadedAt) return;
      stored = new Map(source.load());
      loadedAt = version;
    },
    dueOf(id) {
      if (ofCommit.has(id)) return ofCommit.get(id);
      if (ofTransaction.has(id)) return ofTransaction.get(id);
      return stored.get(id);
    },
    stage(id, dueAt) {
      ofCommit.set(id, dueAt);
    },
    keep() {
      for (const [id, dueAt] of ofCommit) ofTransaction.set(id, dueAt);
      ofCommit.clear();
    },
    drop() {
      ofCommit.clear();
    },
    committed() {
      for (const [id, dueAt] of ofTransaction) {
        if (dueAt === undefined) stored.delete(id);
        else stored.set(id, dueAt);
      }
      ofTransaction.clear();
    },
    rolledBack(inDoubt) {
      ofCommit.clear();
      ofTransaction.clear();
      if (inDoubt) loadedAt = undefined;
    },
  };
}
