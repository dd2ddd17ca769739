import type { Commit } from '../../../engine/store/store.ts';

/**
 * What the store tells the other nodes of the commits it writes, sent with `pg_notify` inside the
 * commit's own transaction: PostgreSQL delivers a notification issued in a transaction exactly
 * when that transaction commits, and never when it rolls back. So a node killed between its COMMIT
 * and a message sent afterwards cannot leave the others unaware of a change until their next resync.
 */
export interface CommitAnnouncer {
  /** The LISTEN channel the payloads go to. */
  readonly channel: string;
  /** The payloads (each under PostgreSQL's 8000-byte limit) telling of `commits`, written together; [] for nothing. */
  payloads(commits: readonly Commit[]): string[];
}
