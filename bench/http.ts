import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { silentLogger } from '../server/log.ts';
import { startServer } from '../server/start.ts';
import type { BenchResult } from './bench-result.ts';
import { afterRun, prepareClients } from './http-clients.ts';
import { runLoad } from './http-load.ts';
import { benchMonthlyReport } from './http-report.ts';

const CONNECTIONS = 50;
const DURATION_MS = Number(process.env['BENCH_HTTP_MS'] ?? 8000);
const PASSWORD = 'bench-password';
// Cases a connection cycles through, so histories stay as short as real ones (tens of events).
const CASES_PER_CONNECTION = 20;

/**
 * `http.events`: events per second and p99 latency for POST /api/cases/:id/events on the real
 * server (login, scope check, engine, SQLite commit with fsync, projections, the answer with
 * history) at 50 keep-alive connections, each cycling through 20 cases of its own. Baseline, same run, same
 * load generator: a plain Hono endpoint that parses a JSON body and inserts one row into SQLite
 * with the server's default durability settings (WAL, synchronous=NORMAL). Then `report.monthly` (see http-report.ts).
 */
export async function benchHttp(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-http-'));
  try {
    const defs = join(dir, 'definitions');
    cpSync('tests/fixtures/engine', defs, { recursive: true });
    const baseline = await baselineLoad(join(dir, 'baseline.sqlite'));
    // The load comes from one address at far more than the per-address limit of a real server.
    const limit = process.env.SERVICEFRAME_RATE_LIMIT;
    process.env.SERVICEFRAME_RATE_LIMIT = '0';
    const server = await startServer({
      port: 0,
      dataDir: join(dir, 'data'),
      definitionsDir: defs,
      adminPassword: PASSWORD,
      demoPassword: PASSWORD,
      log: silentLogger,
      schedulerIntervalMs: 60_000,
    });
    let events;
    try {
      events = await eventLoad(server.url);
    } finally {
      await server.close();
      if (limit === undefined) delete process.env.SERVICEFRAME_RATE_LIMIT;
      else process.env.SERVICEFRAME_RATE_LIMIT = limit;
    }
    const results: BenchResult[] = [
      {
        name: 'http.events',
        value: Math.round(events.perSecond),
        unit: 'events/s',
        baseline: `plain Hono JSON body + one SQLite insert (WAL, synchronous=NORMAL, as the server's default): ${Math.round(baseline.perSecond)} req/s at ${CONNECTIONS} connections`,
        ratio: round(events.perSecond / baseline.perSecond),
      },
      {
        name: 'http.events.p99',
        value: round(events.p99Ms),
        unit: 'ms',
        baseline: `plain Hono JSON body + one SQLite insert: p99 ${round(baseline.p99Ms)} ms`,
        ratio: round(baseline.p99Ms / events.p99Ms),
      },
    ];
    if (events.errors || baseline.errors)
      throw new Error(`load had errors: server ${events.errors}, baseline ${baseline.errors}`);
    return [...results, ...(await benchMonthlyReport(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function eventLoad(url: string) {
  // Every connection logs in itself, as a client would, and works on cases of its own.
  const [plans] = await prepareClients([url], {
    connections: CONNECTIONS,
    casesPerConnection: CASES_PER_CONNECTION,
    password: PASSWORD,
  });
  const warm = await runLoad(url, plans!, 1500);
  return runLoad(url, afterRun(plans!, warm.versions), DURATION_MS);
}

async function baselineLoad(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // as the server's store by default
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO items (body, at) VALUES (?, ?)');
  const app = new Hono();
  app.post('/items', async (c) => {
    const body = await c.req.json<Record<string, unknown>>();
    const info = insert.run(JSON.stringify(body), Date.now());
    return c.json({ id: Number(info.lastInsertRowid) });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const plans = Array.from({ length: CONNECTIONS }, () => ({
    targets: [{ path: '/items' }],
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'note', expectedVersion: 1 }),
  }));
  try {
    await runLoad(url, plans, 1500);
    return await runLoad(url, plans, DURATION_MS);
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    });
    db.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
