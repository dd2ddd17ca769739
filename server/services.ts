import { passesInThisThread, type PassesRunner } from '../engine/impact/replay-passes.ts';
import type { SourceFile } from '../engine/definitions/index.ts';
import type { Clock } from '../engine/runtime/clock.ts';
import { systemClock } from '../engine/runtime/clock.ts';
import { createEngine, type Engine } from '../engine/runtime/engine.ts';
import type { IdSource } from '../engine/runtime/action-context.ts';
import { randomIds } from '../engine/runtime/ids.ts';
import type { Store } from '../engine/store/index.ts';
import { cachedLogins } from './auth/cached-logins.ts';
import type { ClusterBus } from '../ports/cluster-bus.ts';
import { soloBus } from './cluster/solo-bus.ts';
import { joinCluster } from './cluster/join-cluster.ts';
import { retryOnNewVersion } from './cluster/version-retry.ts';
import { trustProxyFromEnv } from './http/client-address.ts';
import { createLoginLimiter, type LoginLimiter, type LoginLimiterOptions } from './auth/login-limiter.ts';
import { openDefinitionRegistry, type DefinitionRegistry } from './definitions/definition-registry.ts';
import { createHistoryCache, type HistoryCache } from './cases/history-cache.ts';
import { createCaseHub, type CaseHub } from './live/case-hub.ts';
import { silentLogger, type Logger } from './log.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { createProjector, type Projector } from './projection/projector.ts';
import { createCaseRecordWriter } from './records/case-record-writer.ts';
import { openEngineRecords } from './records/engine-records.ts';
import { cachedCases } from './storage/cached-cases.ts';
import type { ServerStorage } from '../ports/server-storage.ts';
import { openUserDirectory, type UserDirectory } from './users/user-directory.ts';
import { seedUsers } from './users/seed-users.ts';

export interface ServiceOptions {
  readonly store: Store;
  readonly storage: ServerStorage;
  /** The definitions published as version 1 on a first start. */
  readonly initialFiles: () => readonly SourceFile[];
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly adminPassword?: string;
  /** Creates the Organization's demo users with this password. */
  readonly demoPassword?: string;
  readonly sessionTtlMs?: number;
  readonly loginLimits?: LoginLimiterOptions;
  /** Reverse proxies whose X-Forwarded-For names the client (default: SERVICEFRAME_TRUST_PROXY, else none). */
  readonly trustProxy?: readonly string[];
  /** Largest request body in bytes (default 1 MiB; publishing definitions allows 20 MiB). */
  readonly bodyLimit?: number;
  readonly log?: Logger;
  /**
   * Other server nodes sharing the database (PostgreSQL), told of this node's changes and telling
   * it of theirs. Given, the caches that would need telling of every write (recent cases, logins)
   * are not used. Default: one node alone.
   */
  readonly bus?: ClusterBus;
  /** Rejects while the database cannot be reached (readiness, GET /api/ready). Default: always ready. */
  readonly ready?: () => Promise<void>;
  /**
   * Most choices a form's field lists inline (`oneOf`); a field with more names an `x-sf-choices`
   * link to page through instead (docs/api.md). Default 200.
   */
  readonly choicesInline?: number;
  /**
   * How an impact replay's two passes run (start.ts: at once on two worker threads). Default: one
   * after the other in the request thread, in slices.
   */
  readonly impactPasses?: PassesRunner;
}

/** Everything routes use, composed once; tests build it on `:memory:` databases. */
export interface Services {
  readonly store: Store;
  readonly storage: ServerStorage;
  readonly registry: DefinitionRegistry;
  readonly users: UserDirectory;
  readonly engine: Engine;
  readonly projector: Projector;
  readonly hub: CaseHub;
  /** Recent cases' histories, kept in step by every commit (answers and projections read them). */
  readonly histories: HistoryCache;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly limiter: LoginLimiter;
  /** Reverse proxies whose X-Forwarded-For is believed (see http/client-address.ts). */
  readonly trustProxy: readonly string[];
  readonly log: Logger;
  readonly sessionTtlMs: number;
  readonly bodyLimit: number;
  /** Set when this start created `admin` with a generated password (print it once). */
  readonly generatedAdminPassword: string | null;
  readonly bus: ClusterBus;
  readonly ready: () => Promise<void>;
  readonly choicesInline: number;
  readonly impactPasses: PassesRunner;
}

export async function createServices(options: ServiceOptions): Promise<Services> {
  // Cases this server wrote lately answer from memory (see cached-cases.ts); every reader and the
  // engine use this one store, so its write-through keeps them current. Not with other nodes on the
  // database: their writes would go unseen for up to the cache's lifetime.
  const shared = options.bus !== undefined;
  const bus = options.bus ?? soloBus;
  const o: ServiceOptions = { ...options, store: shared ? options.store : cachedCases(options.store) };
  const clock = o.clock ?? systemClock;
  const log = o.log ?? silentLogger;
  const registry = await openDefinitionRegistry(o.storage.versions, o.initialFiles, () => clock.now(), o.store);
  const seeded = await seedUsers(o.storage.users, registry.current(), {
    ...(o.adminPassword !== undefined ? { adminPassword: o.adminPassword } : {}),
    ...(o.demoPassword !== undefined ? { demoPassword: o.demoPassword } : {}),
    now: clock.now(),
  });
  if (seeded.weakAdminPassword)
    log(
      'warn',
      `SERVICEFRAME_ADMIN_PASSWORD fails the password policy (${seeded.weakAdminPassword}): admin must choose a new password at the first login`,
    );
  if (seeded.demoCreated > 0) await seedDemoFacts(o.store, registry);
  // The parts kept in memory follow changes made on other nodes (join-cluster.ts).
  const localHub = createCaseHub();
  const {
    users,
    registry: published,
    records,
    hub,
    limiter,
  } = joinCluster(
    {
      limiter: createLoginLimiter(o.loginLimits),
      users: await openUserDirectory(o.storage.users, o.store),
      registry,
      // Archive records decisions look up (duty roster); record writes go through it to stay current.
      records: await openEngineRecords(o.storage.records, () => registry.current()),
      hub: localHub,
    },
    bus,
    log,
  );
  // Every authenticated request reads its session and user: kept briefly in memory (see
  // cached-logins.ts), unless other nodes may end a session or disable a user meanwhile.
  const storage: ServerStorage = { ...o.storage, ...(shared ? {} : cachedLogins(o.storage)), records: records.store };
  // Archive records cases create (spec.records); see case-record-writer.ts for why after the commit.
  const caseRecords = createCaseRecordWriter(
    records.store,
    () => registry.current(),
    (v) => registry.version(v),
    log,
  );
  const histories = createHistoryCache(o.store);
  const projector = createProjector(
    o.store,
    o.storage.projections,
    registry,
    (e) => log('error', 'projection failed', { error: String(e) }),
    (r) => histories.of(r),
  );
  const decider = createEngine({
    store: o.store,
    clock,
    ids: o.ids ?? randomIds(),
    directory: () => users.directory(),
    records: () => records.view(),
    writeRecords: (writes) => caseRecords.write(writes),
    current: () => registry.current(),
    version: (v) => registry.version(v),
    onCommit(changed, commit) {
      histories.committed(commit);
      // The other nodes heard of this commit from the store, in its transaction, when it announces.
      const told = bus.commitsAnnounced ? localHub : hub;
      told.publish(changed);
      if (commit.outbox.length)
        told.inboxChanged(commit.outbox.filter((o) => o.channel === 'inapp').map((o) => o.recipient));
      if (changed.length) projector.enqueue(changed);
      if (commit.userFacts?.length) void users.refresh();
    },
  });
  const engine = shared ? retryOnNewVersion(decider, () => registry.refresh()) : decider;
  await projector.catchUp((behind) => caseRecords.restore(behind));
  return {
    impactPasses: o.impactPasses ?? passesInThisThread,
    store: o.store,
    storage,
    registry: published,
    users,
    engine,
    projector,
    hub,
    histories,
    metrics: createMetrics(),
    clock,
    limiter,
    trustProxy: o.trustProxy ?? trustProxyFromEnv(),
    log,
    sessionTtlMs: o.sessionTtlMs ?? 12 * 3600_000,
    bodyLimit: o.bodyLimit ?? 1024 * 1024,
    generatedAdminPassword: seeded.generatedAdminPassword,
    bus,
    ready: o.ready ?? (async () => {}),
    choicesInline: o.choicesInline ?? 200,
  };
}

/** Facts the Organization gives its demo users (e.g. qualifications), recorded as the engine records them. */
async function seedDemoFacts(store: Store, registry: DefinitionRegistry): Promise<void> {
  const org = registry.current().docs.find((d) => d.kind === 'Organization')?.spec as
    { users?: { username: string; facts?: Record<string, unknown> }[] } | undefined;
  const userFacts = (org?.users ?? []).flatMap((u) =>
    Object.entries(u.facts ?? {}).map(([fact, value]) => ({ username: u.username, fact, value })),
  );
  if (userFacts.length)
    await store.commit({
      cases: [],
      events: [],
      timers: { schedule: [], cancel: [] },
      outbox: [],
      scoreFacts: [],
      userFacts,
    });
}
