import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PostgresCluster, startPostgresCluster } from '../tests/helpers/postgres-cluster.ts';
import { servingUrl } from '../tests/helpers/serving-url.ts';
import type { BenchResult } from './bench-result.ts';
import { benchMonthlyReportPostgres } from './http-report-postgres.ts';
import { afterRun, prepareClients } from './http-clients.ts';
import { type LoadResult, runLoad, runOpenLoad } from './http-load.ts';

const CONNECTIONS = 50;
const DURATION_MS = Number(process.env['BENCH_HTTP_MS'] ?? 8000);
const PASSWORD = 'bench-password';
const CASES_PER_CONNECTION = 20;
/**
 * The rate p99 is measured at (open loop, Poisson arrivals): a deployment's busiest hour, with
 * room to spare. A group company's service desk where 1,000 people each record an event a minute
 * sends 17 events/s; 50/s is three times that. The closed loop (the events/s figures) measures how
 * many events a second a node can take at all (50 connections each sending as soon as it has its answer), where
 * every request waits behind the 49 others: its mean latency is 50 / the rate whatever the node
 * does, so its p99 says how full the queue is, not how long an event takes.
 */
const P99_RATE = Number(process.env['BENCH_P99_RATE'] ?? 50);
/** Which parts run (default both): `events` (the HTTP load), `report` (report.monthly.postgres). */
const PARTS = (process.env['BENCH_POSTGRES_PARTS'] ?? 'events,report').split(',');

/**
 * `http.events.postgres` and `http.events.postgres.2nodes` (issue 17): the `http.events` load
 * (POST /api/cases/:id/events, 50 keep-alive connections, each cycling through 20 cases of its
 * own) against `serviceframe serve` processes on PostgreSQL (a private cluster durable as a real
 * one: fsync, synchronous_commit and full_page_writes on; each node with the default pool of 10
 * connections), each as a ratio to one `serviceframe serve` on SQLite measured in the same run with
 * the same load. Every server is its own process, so the CPU each used (user + system, from
 * /proc) is reported beside the rate: on a 2-core machine the load generator, the node(s) and
 * PostgreSQL share two cores, which is what bounds the 2-node figure. `http.events.postgres.p99` is
 * the latency at a deployment's load (P99_RATE), not at the closed loop's saturation.
 */
export async function benchHttpPostgres(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-pg-'));
  const cluster = await startPostgresCluster({ fsync: true });
  try {
    const results = PARTS.includes('events') ? await benchEvents(dir, cluster) : [];
    if (PARTS.includes('report'))
      results.push(...(await benchMonthlyReportPostgres(dir, await database(cluster.url, 'report'))));
    return results;
  } finally {
    await cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchEvents(dir: string, cluster: PostgresCluster): Promise<BenchResult[]> {
  const defs = join(dir, 'definitions');
  cpSync('tests/fixtures/engine', defs, { recursive: true });
  const postmaster = () => Number(readFileSync(join(cluster.dataDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);

  const sqlite = await measure([{ DATA_DIR: join(dir, 'sqlite') }], defs, () => []);
  const one = await measure(
    [{ DATABASE_URL: await database(cluster.url, 'one'), DATA_DIR: join(dir, 'pg1') }],
    defs,
    () => [postmaster()],
  );
  const twoUrl = await database(cluster.url, 'two');
  const two = await measure(
    [
      { DATABASE_URL: twoUrl, DATA_DIR: join(dir, 'pg2a') },
      { DATABASE_URL: twoUrl, DATA_DIR: join(dir, 'pg2b') },
    ],
    defs,
    () => [postmaster()],
  );
  for (const [name, m] of Object.entries({ sqlite, one, two }))
    if (m.load.errors || m.atRate.errors)
      throw new Error(`${name}: load had ${m.load.errors} errors, ${m.atRate.errors} at ${P99_RATE}/s`);
  const seconds = round(DURATION_MS / 1000);
  const describe = (m: Measured) =>
    `${Math.round(m.load.perSecond)} events/s at ${CONNECTIONS} connections (p99 ${round(m.load.p99Ms)} ms), ` +
    `CPU s over ${seconds} s: nodes ${m.nodeCpu.map(round).join(' + ')}` +
    `${m.databaseCpu !== null ? `, PostgreSQL ${round(m.databaseCpu)}` : ''}, load generator ${round(m.loadCpu)}; ` +
    `p99 ${round(m.atRate.p99Ms)} ms at ${P99_RATE} events/s; load average ${m.loadAverage.map(round).join(', ')}`;
  const peer = `one serviceframe serve on SQLite in the same run: ${describe(sqlite)}`;
  return [
    {
      name: 'http.events.postgres',
      value: Math.round(one.load.perSecond),
      unit: 'events/s',
      baseline: peer,
      ratio: round(one.load.perSecond / sqlite.load.perSecond),
      peer: describe(one),
    },
    {
      name: 'http.events.postgres.p99',
      value: round(one.atRate.p99Ms),
      unit: 'ms',
      baseline: `p99 from each request's scheduled send to its answer at ${P99_RATE} events/s (open loop, Poisson arrivals, ${CONNECTIONS} keep-alive connections; three times a peak hour of 1,000 people recording an event a minute); one serviceframe serve on SQLite in the same run: ${round(sqlite.atRate.p99Ms)} ms`,
      ratio: round(sqlite.atRate.p99Ms / one.atRate.p99Ms),
    },
    {
      name: 'http.events.postgres.2nodes',
      value: Math.round(two.load.perSecond),
      unit: 'events/s',
      baseline: peer,
      ratio: round(two.load.perSecond / sqlite.load.perSecond),
      peer: describe(two),
    },
  ];
}

interface Measured {
  /** The closed loop: how many events a second the node(s) take. */
  readonly load: LoadResult;
  readonly nodeCpu: number[];
  readonly databaseCpu: number | null;
  readonly loadCpu: number;
  /** The open loop at P99_RATE: how long each event takes at a deployment's load. */
  readonly atRate: LoadResult;
  /** The machine's 1, 5 and 15 minute load averages after the closed loop. */
  readonly loadAverage: number[];
}

async function database(url: string, name: string): Promise<string> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE DATABASE bench_${name}`);
  await client.end();
  const target = new URL(url);
  target.pathname = `/bench_${name}`;
  return target.toString();
}

/**
 * Starts one serve process per env (one after the other: the first migrates), then loads them:
 * the closed loop (warmed first) with each process's CPU, then the open loop at P99_RATE, each
 * node taking its share of the connections (spread over the nodes in turn) and of the rate.
 */
async function measure(envs: Record<string, string>[], defs: string, databasePids: () => number[]): Promise<Measured> {
  const children: ChildProcess[] = [];
  try {
    const urls: string[] = [];
    for (const env of envs) {
      const child = spawn(process.execPath, ['bin/serviceframe.js', 'serve'], {
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DEFINITIONS_DIR: defs,
          SERVICEFRAME_ADMIN_PASSWORD: PASSWORD,
          SERVICEFRAME_DEMO: '1',
          SERVICEFRAME_DEMO_PASSWORD: PASSWORD,
          SERVICEFRAME_RATE_LIMIT: '0',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      urls.push(await servingUrl(child, 'bench node'));
    }
    let plans = await prepareClients(urls, {
      connections: CONNECTIONS,
      casesPerConnection: CASES_PER_CONNECTION,
      password: PASSWORD,
    });
    const warm = await Promise.all(urls.map((url, n) => runLoad(url, plans[n]!, 1500)));
    plans = plans.map((list, n) => afterRun(list, warm[n]!.versions));
    const nodeBefore = children.map((c) => cpuSeconds([c.pid!]));
    const dbBefore = databasePids().length ? cpuSeconds(databasePids(), true) : null;
    const loadBefore = process.cpuUsage();
    const loads = await Promise.all(urls.map((url, n) => runLoad(url, plans[n]!, DURATION_MS)));
    const loadUsed = process.cpuUsage(loadBefore);
    const nodeCpu = children.map((c, i) => cpuSeconds([c.pid!]) - nodeBefore[i]!);
    const databaseCpu = dbBefore === null ? null : cpuSeconds(databasePids(), true) - dbBefore;
    const loadAverage = loadavg();
    plans = plans.map((list, n) => afterRun(list, loads[n]!.versions));
    const atRate = await Promise.all(
      urls.map((url, n) => runOpenLoad(url, plans[n]!, (P99_RATE * plans[n]!.length) / CONNECTIONS, DURATION_MS)),
    );
    return {
      load: combined(loads),
      nodeCpu,
      databaseCpu,
      loadCpu: (loadUsed.user + loadUsed.system) / 1e6,
      atRate: combined(atRate),
      loadAverage,
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => c.once('exit', r))));
  }
}

/** Several generators' results as one: summed, with the worst node's p99 (an upper bound of the whole load's). */
function combined(loads: readonly LoadResult[]): LoadResult {
  return {
    requests: loads.reduce((s, l) => s + l.requests, 0),
    errors: loads.reduce((s, l) => s + l.errors, 0),
    perSecond: loads.reduce((s, l) => s + l.perSecond, 0),
    p99Ms: Math.max(...loads.map((l) => l.p99Ms)),
  };
}

/** User + system CPU seconds of `pids` (and, with `tree`, of their children, living or ended). */
function cpuSeconds(pids: number[], tree = false): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  const seen = new Set<number>();
  const add = (pid: number, withEnded: boolean) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11..14]: utime, stime, cutime, cstime (the stat's 14th-17th fields)
    total += Number(fields[11]) + Number(fields[12]) + (withEnded ? Number(fields[13]) + Number(fields[14]) : 0);
  };
  for (const pid of pids) {
    add(pid, tree);
    if (!tree) continue;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === pid) add(Number(entry), false);
      } catch {
        // the process ended meanwhile
      }
    }
  }
  return total / ticks;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
