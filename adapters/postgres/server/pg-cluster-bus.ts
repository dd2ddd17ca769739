import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Commit } from '../../../engine/store/store.ts';
import type { CaseChange, ClusterBus, ClusterMessage } from '../../../ports/cluster-bus.ts';
import type { PostgresConnection } from '../connection.ts';
import type { CommitAnnouncer } from '../store/commit-announcer.ts';

/** The channel every Serviceframe node on one database listens on. */
export const CLUSTER_CHANNEL = 'serviceframe_cluster';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a longer list of cases goes in parts. */
const MAX_PAYLOAD_BYTES = 7900;
const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5000;

export interface PostgresBusOptions {
  /**
   * This node, whose store announces its commits itself (give `node.announcer` to
   * openPostgresStore): the bus then leaves commits to it. Default: a node whose commits are
   * published on the bus after they are written.
   */
  readonly node?: ClusterNode;
  /** Told when the listening connection is lost and when it is back (for the log). */
  readonly onState?: (state: 'lost' | 'listening', detail?: string) => void;
}

/** One node's identity on the channel, and how its store tells the others of its commits. */
export interface ClusterNode {
  readonly id: string;
  readonly announcer: CommitAnnouncer;
}

/**
 * A new node: its store sends, inside each commit's transaction, the cases it wrote and the
 * people whose in-app inbox it filled, as the `cases` message the other nodes' streams read (a
 * case's id, workflow, version, states, unit and customer: what a stream shows and whom it may
 * show it to, about 150 bytes, never its data), split to fit PostgreSQL's payload limit.
 */
export function clusterNode(): ClusterNode {
  const id = randomUUID();
  return {
    id,
    announcer: {
      channel: CLUSTER_CHANNEL,
      payloads(commits: readonly Commit[]) {
        const cases = commits.flatMap((c) =>
          c.cases.map(({ record: r }): CaseChange => ({
            id: r.id,
            workflow: r.workflow,
            version: r.version,
            activeStates: r.activeStates,
            done: r.done,
            unit: r.unit,
            customerUser: r.customerUser,
          })),
        );
        const inbox = [
          ...new Set(commits.flatMap((c) => c.outbox.filter((o) => o.channel === 'inapp').map((o) => o.recipient))),
        ];
        return cases.length + inbox.length === 0 ? [] : payloadsOf(id, { kind: 'cases', cases, inbox });
      },
    },
  };
}

/** `message` from `node` as NOTIFY payloads: one, or a list of cases halved until each part fits. */
export function payloadsOf(node: string, message: ClusterMessage): string[] {
  const payload = JSON.stringify({ node, message });
  if (
    Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES ||
    message.kind !== 'cases' ||
    message.cases.length + message.inbox.length <= 1
  )
    return [payload];
  const half = (list: readonly unknown[]) => Math.ceil(list.length / 2);
  return [
    ...payloadsOf(node, {
      kind: 'cases',
      cases: message.cases.slice(0, half(message.cases)),
      inbox: message.inbox.slice(0, half(message.inbox)),
    }),
    ...payloadsOf(node, {
      kind: 'cases',
      cases: message.cases.slice(half(message.cases)),
      inbox: message.inbox.slice(half(message.inbox)),
    }),
  ];
}

/**
 * The nodes' messages through PostgreSQL's LISTEN/NOTIFY: one connection of the pool listens on
 * CLUSTER_CHANNEL; publishing is a `pg_notify` on any connection, in the order published, except
 * for commits, which the store of a `node` announces in their own transaction. A node
 * ignores its own messages (it acted on them already). When the listening connection breaks (the
 * database restarted, the network went), it is opened again with growing pauses; once it listens
 * again every subscriber is told to `resync`, since messages sent meanwhile were lost.
 */
export async function postgresClusterBus(
  conn: PostgresConnection,
  options: PostgresBusOptions = {},
): Promise<ClusterBus> {
  const node = options.node?.id ?? randomUUID();
  const listeners: { message(m: ClusterMessage): void; resync(): void }[] = [];
  let client: pg.PoolClient | null = null;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let sending: Promise<unknown> = Promise.resolve();

  const onNotification = (n: pg.Notification) => {
    if (n.channel !== CLUSTER_CHANNEL || !n.payload) return;
    let parsed: { node: string; message: ClusterMessage };
    try {
      parsed = JSON.parse(n.payload) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.node === node) return;
    for (const l of listeners) l.message(parsed.message);
  };
  const lost = (error?: unknown) => {
    const broken = client;
    if (!broken) return;
    client = null;
    broken.removeListener('notification', onNotification);
    broken.release(error instanceof Error ? error : new Error('listening connection lost'));
    options.onState?.('lost', error instanceof Error ? error.message : undefined);
    schedule();
  };
  const schedule = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void listen(true);
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };
  const listen = async (again: boolean) => {
    let c: pg.PoolClient | undefined;
    try {
      c = await conn.connect();
      c.on('notification', onNotification);
      c.on('error', (e) => (client === c ? lost(e) : undefined));
      c.on('end', () => (client === c ? lost() : undefined));
      await c.query(`LISTEN ${CLUSTER_CHANNEL}`);
      if (closed) {
        c.release();
        return;
      }
      client = c;
      retryMs = RETRY_MIN_MS;
      options.onState?.('listening');
      if (again) for (const l of listeners) l.resync();
    } catch (error) {
      if (!again) throw error;
      c?.removeListener('notification', onNotification);
      c?.release(error as Error);
      schedule();
    }
  };
  await listen(false);

  const send = (payload: string) => {
    sending = sending
      .then(() => conn.query('SELECT pg_notify($1, $2)', [CLUSTER_CHANNEL, payload]))
      .catch(() => {
        // The database is away: the others miss this and resync when their own connection is back.
      });
  };
  const bus: ClusterBus = {
    commitsAnnounced: options.node !== undefined,
    publish(message) {
      if (closed) return;
      for (const payload of payloadsOf(node, message)) send(payload);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await sending;
      const c = client;
      client = null;
      if (c) {
        c.removeListener('notification', onNotification);
        await c.query(`UNLISTEN ${CLUSTER_CHANNEL}`).catch(() => {});
        c.release();
      }
    },
  };
  return bus;
}
