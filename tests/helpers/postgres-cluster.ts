/**
 * A throwaway PostgreSQL cluster for tests: its own data directory under the system temp folder and
 * its own free port on 127.0.0.1, started with Debian's binaries (`postgresql` package; `.ci/run`
 * installs it) and removed when stopped. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` user and every binary runs through `runuser -u postgres`.
 *
 * Most tests share the one cluster vitest's global setup starts (tests/helpers/postgres-global.ts)
 * and take a database of their own from it (`createDatabase`); tests that stop or kill the database
 * (outage, several nodes) start a cluster of their own with `startPostgresCluster`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresCluster {
  /** `postgres://sf:PASSWORD@127.0.0.1:PORT/postgres` — the superuser's URL on the maintenance database. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the server (fast shutdown); `start()` brings it back on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * fsync off (with synchronous_commit and full_page_writes off) makes tests faster; benchmarks and
   * durability tests keep all three on, as a production server has them.
   */
  readonly fsync?: boolean;
}

/** Where Debian keeps the binaries (`/usr/lib/postgresql/<major>/bin`), newest major first; PG_BIN overrides. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => /^\d+$/.test(d))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  throw new Error(
    'PostgreSQL is not installed: no /usr/lib/postgresql/<major>/bin/initdb (apt-get install postgresql, as .ci/run does)',
  );
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the cluster's owner. */
async function pgRun(bin: string, args: string[]): Promise<void> {
  const file = join(postgresBinDir(), bin);
  try {
    if (asRoot) await run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd: '/' });
    else await run(file, args, { cwd: '/' });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${bin} failed: ${e.stderr?.trim() || e.message}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-pg-'));
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dataDir, 'pw');
  const pgdata = join(dataDir, 'data');
  writeFileSync(pwfile, password);
  if (asRoot) {
    const { uid, gid } = await ownerIds();
    chownSync(dataDir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(dataDir, 0o700);
  await pgRun('initdb', [
    '-D',
    pgdata,
    '-U',
    'sf',
    `--pwfile=${pwfile}`,
    '--auth-host=scram-sha-256',
    '--auth-local=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dataDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=300',
    `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    `-c synchronous_commit=${options.fsync === false ? 'off' : 'on'}`,
    // Torn-page protection (on in production) costs WAL after each checkpoint; only a durable cluster pays it.
    `-c full_page_writes=${options.fsync === false ? 'off' : 'on'}`,
  ].join(' ');
  const start = () =>
    pgRun('pg_ctl', ['-D', pgdata, '-o', settings, '-l', join(dataDir, 'log'), '-w', '-t', '120', 'start']);
  const stop = async () => {
    if (existsSync(join(pgdata, 'postmaster.pid')))
      await pgRun('pg_ctl', ['-D', pgdata, '-m', 'fast', '-w', '-t', '120', 'stop']);
  };
  await start();
  return {
    url: `postgres://sf:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start,
    stop,
    async destroy() {
      try {
        await stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function ownerIds(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['postgres']);
  const uid = Number(/uid=(\d+)/.exec(stdout)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(stdout)?.[1]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error(`cannot read the postgres user's ids from: ${stdout}`);
  return { uid, gid };
}

/** A new, empty database on the cluster at `url`; returns its URL. Each test file takes its own. */
export async function createDatabase(url: string, prefix = 'sf_test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Drops a database made by `createDatabase`, ending its other connections first. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
