/**
 * How server nodes sharing one database tell each other what changed. The server owns this
 * interface (server/cluster/: join-cluster.ts, solo-bus.ts for one node alone) and the PostgreSQL
 * adapter implements it (adapters/postgres/server/pg-cluster-bus.ts); it lives in ports/ so that
 * neither side imports the other (tests/walls.test.ts).
 */
import type { CaseRecord } from '../engine/runtime/case-record.ts';

/** What a stream needs to know of a changed case: enough to tell who may see it (seesCase) and what changed. */
export type CaseChange = Pick<
  CaseRecord,
  'id' | 'workflow' | 'version' | 'activeStates' | 'done' | 'unit' | 'customerUser'
>;

/**
 * What one server node tells the others sharing its database, so that what each keeps in memory
 * (published definitions, the user directory, archive records decisions read) and what each tells
 * its streams follow changes made on any node.
 */
export type ClusterMessage =
  /** Cases committed on the sending node, and whose in-app inbox changed (streams). */
  | { readonly kind: 'cases'; readonly cases: readonly CaseChange[]; readonly inbox: readonly string[] }
  /** Users or facts about users changed: rebuild the directory. */
  | { readonly kind: 'users' }
  /** A definition version was published or rolled back to. */
  | { readonly kind: 'definitions' }
  /** An archive record was written (decisions read records from memory). */
  | { readonly kind: 'records'; readonly type: string; readonly id: string }
  /** A login (or a password check) failed or succeeded: every node's login limits count it. */
  | {
      readonly kind: 'login';
      readonly outcome: 'failed' | 'succeeded';
      readonly username: string;
      readonly address: string;
      readonly at: number;
    };

export interface ClusterBus {
  /**
   * True when the store tells the other nodes of each commit's cases and inbox changes itself, in
   * the commit's own transaction (PostgreSQL: delivered iff it commits); this node then only tells
   * its own streams. Otherwise commits are published on the bus after they are written.
   */
  readonly commitsAnnounced?: boolean;
  /** Tells every other node; never throws (a node that misses a message catches up when it reconnects). */
  publish(message: ClusterMessage): void;
  /**
   * `message` for each message from another node; `resync` when messages may have been missed (the connection to the
   * others was lost and is back).
   */
  subscribe(listener: { message(message: ClusterMessage): void; resync(): void }): void;
  close(): Promise<void>;
}
