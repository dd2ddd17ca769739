import type { LoginLimiter } from '../auth/login-limiter.ts';
import type { DefinitionRegistry } from '../definitions/definition-registry.ts';
import type { CaseHub } from '../live/case-hub.ts';
import type { Logger } from '../log.ts';
import type { EngineRecords } from '../records/engine-records.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import type { CaseChange, ClusterBus } from '../../ports/cluster-bus.ts';

export interface NodeParts {
  readonly hub: CaseHub;
  readonly registry: DefinitionRegistry;
  readonly users: UserDirectory;
  readonly records: EngineRecords;
  readonly limiter: LoginLimiter;
}

/**
 * Makes this node's in-memory parts follow the other nodes on the same database and tells them of
 * its own changes. Returns the parts the routes use: each change made through them is published on
 * `bus` after it is done here; each message from another node is applied to the inner parts (so it
 * is not sent back). A node that may have missed messages (its listening connection was lost and is
 * back) reads definitions, users and held records again.
 *
 * Kept coherent this way: the failed-login limits (each node counts every node's failures, so
 * spreading guesses over the nodes gains nothing but the milliseconds a message takes), published definitions (each
 * case still runs on its own version, which any
 * node compiles from the database when it learns of it), the user directory with the facts kept
 * about users, the archive records decisions read, and every stream (a case changed or an inbox
 * changed on any node reaches streams on every node). Caches that cannot be kept coherent cheaply
 * (recent cases, sessions and users read per request) are not used when nodes share a database
 * (services.ts); the history cache needs nothing, as it answers only for the version asked.
 */
export function joinCluster(parts: NodeParts, bus: ClusterBus, log: Logger): NodeParts {
  const { hub, registry, users, records, limiter } = parts;
  const failed = (what: string) => (error: unknown) =>
    log('error', `cluster: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  bus.subscribe({
    message(m) {
      switch (m.kind) {
        case 'cases':
          if (m.cases.length) hub.publish(m.cases);
          if (m.inbox.length) hub.inboxChanged(m.inbox);
          return;
        case 'users':
          void users.refresh().catch(failed('reading users'));
          return;
        case 'definitions':
          void registry.refresh().catch(failed('reading definitions'));
          return;
        case 'records':
          void records.reloadOne(m.type, m.id).catch(failed('reading a record'));
          return;
        case 'login':
          if (m.outcome === 'failed') limiter.failed(m.username, m.address, m.at);
          else limiter.succeeded(m.username, m.address);
          return;
      }
    },
    resync() {
      log('info', 'cluster: listening again; reading definitions, users and records');
      void registry.refresh().catch(failed('reading definitions'));
      void users.refresh().catch(failed('reading users'));
      void records.reloadAll().catch(failed('reading records'));
    },
  });
  return {
    limiter: {
      ...limiter,
      failed(username, address, at) {
        limiter.failed(username, address, at);
        bus.publish({ kind: 'login', outcome: 'failed', username, address, at });
      },
      succeeded(username, address) {
        limiter.succeeded(username, address);
        bus.publish({ kind: 'login', outcome: 'succeeded', username, address, at: 0 });
      },
    },
    hub: {
      ...hub,
      get size() {
        return hub.size;
      },
      publish(changed) {
        hub.publish(changed);
        if (changed.length) bus.publish({ kind: 'cases', cases: changed.map(caseChangeOf), inbox: [] });
      },
      inboxChanged(usernames) {
        hub.inboxChanged(usernames);
        if (usernames.length) bus.publish({ kind: 'cases', cases: [], inbox: [...new Set(usernames)] });
      },
    },
    registry: {
      ...registry,
      async publish(...args) {
        const outcome = await registry.publish(...args);
        if (!outcome.unchanged) bus.publish({ kind: 'definitions' });
        return outcome;
      },
      async rollback(...args) {
        const outcome = await registry.rollback(...args);
        bus.publish({ kind: 'definitions' });
        return outcome;
      },
    },
    users: {
      ...users,
      async refresh() {
        await users.refresh();
        bus.publish({ kind: 'users' });
      },
    },
    records: {
      ...records,
      store: {
        ...records.store,
        async put(row, ...rest) {
          const outcome = await records.store.put(row, ...rest);
          if (outcome === 'ok') bus.publish({ kind: 'records', type: row.type, id: row.id });
          return outcome;
        },
      },
    },
  };
}

/** Only what CaseChange names: `changed` may hold whole case records, whose data no other node needs. */
function caseChangeOf(c: CaseChange): CaseChange {
  return {
    id: c.id,
    workflow: c.workflow,
    version: c.version,
    activeStates: c.activeStates,
    done: c.done,
    unit: c.unit,
    customerUser: c.customerUser,
  };
}
