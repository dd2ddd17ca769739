import { passesOnThreads } from '../adapters/impact/replay-threads.ts';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { calendarNotices } from '../engine/calendar/index.ts';
import { type ChannelRegistry } from '../engine/notify/index.ts';
import { channelsFromEnv } from '../adapters/channels/channels-from-env.ts';
import { readDefinitionFiles } from '../engine/definitions/index.ts';
import type { Clock } from '../engine/runtime/clock.ts';
import { createApp } from './app.ts';
import { jsonLogger, type Logger } from './log.ts';
import { startScheduler } from './scheduler.ts';
import { createServices, type Services } from './services.ts';
import { openBackend } from './storage/open-backend.ts';

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly dataDir?: string;
  readonly definitionsDir?: string;
  readonly adminPassword?: string;
  readonly demoPassword?: string;
  readonly channels?: ChannelRegistry;
  readonly schedulerIntervalMs?: number;
  readonly log?: Logger;
  readonly sessionTtlMs?: number;
  /** Reverse proxies whose X-Forwarded-For names the client (default SERVICEFRAME_TRUST_PROXY). */
  readonly trustProxy?: readonly string[];
  /**
   * 'full' fsyncs every commit of the history, surviving power loss too (SERVICEFRAME_SYNC=full; docs/operations.md).
   */
  readonly synchronous?: 'normal' | 'full';
  /**
   * 'thread' writes the history on a thread of its own (SERVICEFRAME_WRITER=thread), which takes
   * about a quarter of the request thread's work off it; worth it where the machine has a core to
   * spare (docs/operations.md).
   */
  readonly writer?: 'inline' | 'thread';
  /** The built UI to serve (default dist/ui beside the sources). */
  readonly uiDir?: string;
  /** The time the engine and the scheduler read (tests give a fixed one); the system clock when left out. */
  readonly clock?: Clock;
  /** DATABASE_URL: a postgres:// URL runs on PostgreSQL, which any number of nodes may share; unset, SQLite under dataDir. */
  readonly databaseUrl?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  /** Stops taking connections, finishes requests in flight, stops the scheduler, closes the database. */
  close(): Promise<void>;
}

/** Options from the environment, as CONTRACT.md names them. Throws when SERVICEFRAME_DEMO=1 lacks a password. */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): StartOptions {
  const demo = env['SERVICEFRAME_DEMO'] === '1';
  if (demo && !env['SERVICEFRAME_DEMO_PASSWORD'])
    throw new Error("SERVICEFRAME_DEMO=1 needs SERVICEFRAME_DEMO_PASSWORD (the demo users' password)");
  return {
    port: env['PORT'] ? Number(env['PORT']) : 3000,
    host: env['HOST'] ?? '127.0.0.1',
    dataDir: env['DATA_DIR'] ?? './data',
    ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
    ...(env['SERVICEFRAME_SYNC'] === 'full' ? { synchronous: 'full' as const } : {}),
    ...(env['SERVICEFRAME_WRITER'] === 'thread' ? { writer: 'thread' as const } : {}),
    definitionsDir: env['DEFINITIONS_DIR'] ?? './definitions',
    ...(env['SERVICEFRAME_ADMIN_PASSWORD'] ? { adminPassword: env['SERVICEFRAME_ADMIN_PASSWORD'] } : {}),
    ...(demo ? { demoPassword: env['SERVICEFRAME_DEMO_PASSWORD']! } : {}),
  };
}

/**
 * Opens the database (PostgreSQL at DATABASE_URL, else SQLite under DATA_DIR) and migrates it, publishes
 * DEFINITIONS_DIR as version 1 on a
 * first start (throwing DefinitionError, with every PATH:LINE:COLUMN, when it is invalid), creates
 * `admin` and the demo users, starts the scheduler and listens.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? jsonLogger;
  const backend = await openBackend({
    dataDir: options.dataDir ?? './data',
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.synchronous !== undefined ? { synchronous: options.synchronous } : {}),
    ...(options.writer !== undefined ? { writer: options.writer } : {}),
    log,
  });
  let services: Services;
  try {
    services = await createServices({
      store: backend.store,
      storage: backend.storage,
      ...(backend.bus ? { bus: backend.bus } : {}),
      ready: () => backend.ready(),
      initialFiles: () => readDefinitionFiles(options.definitionsDir ?? './definitions'),
      ...(options.adminPassword !== undefined ? { adminPassword: options.adminPassword } : {}),
      ...(options.demoPassword !== undefined ? { demoPassword: options.demoPassword } : {}),
      ...(options.sessionTtlMs !== undefined ? { sessionTtlMs: options.sessionTtlMs } : {}),
      ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
      ...(options.clock !== undefined ? { clock: options.clock } : {}),
      impactPasses: passesOnThreads,
      log,
    });
  } catch (e) {
    await backend.close();
    throw e;
  }
  if (services.generatedAdminPassword)
    log(
      'warn',
      `created user admin with password ${services.generatedAdminPassword} (shown once; set SERVICEFRAME_ADMIN_PASSWORD to choose it)`,
    );
  const app = createApp(services, options.uiDir !== undefined ? { uiDir: options.uiDir } : {});
  const scheduler = startScheduler(services, options.channels ?? channelsFromEnv(), {
    intervalMs: options.schedulerIntervalMs ?? 1000,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: options.host ?? '127.0.0.1' }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log('info', 'serving', { url, data: backend.where, definitions: services.registry.currentRow().version });
  // Administrators read the log too: say which calendar needs next year's holidays (also at /api/definitions/notices).
  for (const n of calendarNotices(services.registry.current().docs, services.clock.now()))
    log('warn', n.message, { code: n.code, calendar: n.calendar, year: n.year, hint: n.hint });
  let closing: Promise<void> | null = null;
  return {
    url,
    port: address.port,
    services,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Streams (SSE) and idle keep-alive sockets would hold close() open.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          setTimeout(
            () => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(),
            5000,
          ).unref();
        });
        await scheduler.stop();
        await services.projector.flush();
        await backend.close();
        log('info', 'stopped');
      })();
      return closing;
    },
  };
}
