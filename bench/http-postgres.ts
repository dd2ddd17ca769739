import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PostgresCluster, startPostgresCluster } from '../tests/helpers/postgres-cluster.ts';
import { servingUrl } from '../tests/helpers/serving-url.ts';
import type { BenchResult } from './bench-result.ts';
import { benchMonthlyReportPostgres } from './http-report-postgres.ts';
import { type ConnectionPlan, type LoadResult, runLoad } from './http-load.ts';

const CONNECTIONS = 50;
const DURATION_MS = Number(process.env['BENCH_HTTP_MS'] ?? 8000);
const PASSWORD = 'bench-password';
const CASES_PER_CONNECTION = 20;
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
 * PostgreSQL share two cores, which is what bounds the 2-node figure.
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
    if (m.load.errors) throw new Error(`${name}: load had ${m.load.errors} errors`);
  const describe = (m: Measured) =>
    `${Math.round(m.load.perSecond)} events/s, p99 ${round(m.load.p99Ms)} ms; CPU s: nodes ${m.nodeCpu.map(round).join(' + ')}${m.databaseCpu !== null ? `, PostgreSQL ${round(m.databaseCpu)}` : ''}, load generator ${round(m.loadCpu)} over ${round(DURATION_MS / 1000)} s`;
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
      value: round(one.load.p99Ms),
      unit: 'ms',
      baseline: peer,
      ratio: round(sqlite.load.p99Ms / one.load.p99Ms),
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
  readonly load: LoadResult;
  readonly nodeCpu: number[];
  readonly databaseCpu: number | null;
  readonly loadCpu: number;
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

/** Starts one serve process per env (one after the other: the first migrates), loads them, stops them. */
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
    const plans = await preparePlans(urls);
    const warm = await Promise.all(urls.map((url, n) => runLoad(url, plans[n]!, 1500)));
    const warmed = plans.map((list, n) =>
      list.map((p, i) => ({ ...p, targets: p.targets.map((t, k) => ({ ...t, version: warm[n]!.versions[i]![k]! })) })),
    );
    const nodeBefore = children.map((c) => cpuSeconds([c.pid!]));
    const dbBefore = databasePids().length ? cpuSeconds(databasePids(), true) : null;
    const loadBefore = process.cpuUsage();
    const loads = await Promise.all(urls.map((url, n) => runLoad(url, warmed[n]!, DURATION_MS)));
    const loadUsed = process.cpuUsage(loadBefore);
    const nodeCpu = children.map((c, i) => cpuSeconds([c.pid!]) - nodeBefore[i]!);
    const databaseCpu = dbBefore === null ? null : cpuSeconds(databasePids(), true) - dbBefore;
    const requests = loads.reduce((s, l) => s + l.requests, 0);
    return {
      load: {
        requests,
        errors: loads.reduce((s, l) => s + l.errors, 0),
        perSecond: loads.reduce((s, l) => s + l.perSecond, 0),
        // Several generators: the worst node's p99 (an upper bound of the whole load's).
        p99Ms: Math.max(...loads.map((l) => l.p99Ms)),
      },
      nodeCpu,
      databaseCpu,
      loadCpu: (loadUsed.user + loadUsed.system) / 1e6,
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => c.once('exit', r))));
  }
}

/** Connections spread over the nodes in turn; each logs in and creates its cases on its own node. */
async function preparePlans(urls: string[]): Promise<ConnectionPlan[][]> {
  const plans: ConnectionPlan[][] = urls.map(() => []);
  for (let i = 0; i < CONNECTIONS; i++) {
    const n = i % urls.length;
    const url = urls[n]!;
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const token = (await post('/api/auth/login', { username: i % 2 ? 'b1.staff' : 'b1.lead', password: PASSWORD }))
      .token as string;
    const staff =
      i % 2 ? token : ((await post('/api/auth/login', { username: 'b1.staff', password: PASSWORD })).token as string);
    const targets = [];
    for (let k = 0; k < CASES_PER_CONNECTION; k++) {
      const c = await post(
        '/api/cases',
        { workflow: 'ticket', data: { customerName: `Bench ${i}.${k}`, phone: '13800000009' } },
        staff,
      );
      targets.push({ path: `/api/cases/${c.id as string}/events`, version: c.version as number });
    }
    plans[n]!.push({
      targets,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'note', expectedVersion: '{version}' }),
    });
  }
  return plans;
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
