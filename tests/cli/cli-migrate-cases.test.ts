// covers: P-3, P-7
// `serviceframe migrate-cases` (issue 18 items 3, 4) against a real server: the dry run and a
// refused mapping as an administrator sees them, then the server process killed (SIGKILL) in the
// middle of a batch, started again, and the batch resumed: every case migrated exactly once, and
// `audit verify` passes.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { servingUrl } from '../helpers/serving-url.ts';
import { renamedOpen } from '../engine/migration/migration-support.ts';

const ADMIN_PASSWORD = 'migrate-admin-password';
const DEMO_PASSWORD = 'migrate-demo-password';
const CASES = 240;

const root = mkdtempSync(join(tmpdir(), 'sf-migrate-cli-'));
const dataDir = join(root, 'data');
const definitionsDir = join(root, 'definitions');
const dbFile = join(dataDir, 'serviceframe.sqlite');
cpSync('tests/fixtures/engine', join(definitionsDir, 'engine'), { recursive: true });
cpSync('tests/fixtures/server', join(definitionsDir, 'server'), { recursive: true });
cpSync('tests/fixtures/migration', join(definitionsDir, 'migration'), { recursive: true });
mkdirSync(dataDir, { recursive: true });

let child: ChildProcess | undefined;
afterAll(async () => {
  await stop();
  rmSync(root, { recursive: true, force: true });
});

async function start(): Promise<string> {
  child = spawn(process.execPath, ['bin/serviceframe.js', 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEFINITIONS_DIR: definitionsDir,
      SERVICEFRAME_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SERVICEFRAME_DEMO: '1',
      SERVICEFRAME_DEMO_PASSWORD: DEMO_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return servingUrl(child, 'serviceframe serve');
}

async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const c = child;
  child = undefined;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  c.kill(signal);
  await exited;
}

async function api(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

const login = async (url: string, username: string, password: string) =>
  (await api(url, 'POST', '/api/auth/login', undefined, { username, password })).body.token as string;

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Migrated events per case, read from the database file beside the server (WAL: readers do not block it). */
function migratedPerCase(): Map<string, number> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT case_id AS id, count(*) AS n FROM events WHERE type = 'migrated' GROUP BY case_id")
      .all() as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  } finally {
    db.close();
  }
}

describe('serviceframe migrate-cases', () => {
  it('dry-runs, refuses a bad mapping, and resumes a batch the server was killed in without migrating a case twice', async () => {
    // given a server with many open tickets on version 1, and version 2 renaming `open` to `registered`
    let url = await start();
    const admin = await login(url, 'admin', ADMIN_PASSWORD);
    const staff = await login(url, 'b1.staff', DEMO_PASSWORD);
    const ids: string[] = [];
    for (let i = 0; i < CASES; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(8, CASES - i) }, (_, k) =>
          api(url, 'POST', '/api/cases', staff, {
            workflow: 'ticket',
            data: { customerName: `C${i + k}`, phone: '13800000009' },
          }),
        ),
      );
      for (const r of batch) {
        expect(r.status).toBe(201);
        ids.push(r.body.id as string);
      }
    }
    const published = await api(url, 'POST', '/api/definitions', admin, {
      files: renamedOpen().map((f) => ({ path: f.path, text: f.text })),
    });
    expect(published.status).toBe(201);
    const common = [
      '--server',
      url,
      '--token',
      admin,
      '--workflow',
      'ticket',
      '--from',
      '1',
      '--to',
      '2',
      '--reason',
      'open is now called registered',
    ];

    // a mapping that leaves `open` out is refused with its path, exit 1
    const refused = await cli('migrate-cases', ...common, '--dry-run');
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(/^\/stateMapping\/open: /);

    // the dry run lists every case and writes nothing
    const dry = await cli('migrate-cases', ...common, '--map', 'open=registered', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out[0]).toBe(`dry run: ticket, version 1 -> 2, ${CASES} cases: ${CASES} migrate`);
    expect(dry.out.filter((l) => / migrate; open -> registered; timers \+1 -1$/.test(l))).toHaveLength(CASES);
    expect(migratedPerCase().size).toBe(0);

    // when the server is killed in the middle of the batch
    const running = cli('migrate-cases', ...common, '--map', 'open=registered');
    await expect
      .poll(() => [...migratedPerCase().values()].length, { timeout: 60_000, interval: 5 })
      .toBeGreaterThanOrEqual(20);
    await stop('SIGKILL');
    const cut = await running;
    expect(cut.code).toBe(1); // the answer never came
    const before = migratedPerCase();
    expect(before.size, 'the batch must still have cases left when the server is killed').toBeLessThan(CASES);

    // then, started again, a new batch is refused until the interrupted one is resumed
    url = await start();
    const admin2 = await login(url, 'admin', ADMIN_PASSWORD);
    const again = await cli(
      'migrate-cases',
      ...common.map((a) => (a === admin ? admin2 : a === common[1] ? url : a)),
      '--map',
      'open=registered',
    );
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toMatch(/409: .*continue it with --resume/s);
    const resumed = await cli('migrate-cases', '--server', url, '--token', admin2, '--resume');
    expect(resumed.code).toBe(0);
    expect(resumed.out[0]).toMatch(
      new RegExp(
        `^resumed batch mig-\\S+: ticket, version 1 -> 2, ${CASES} cases: ${CASES - before.size} migrated, ${before.size} alreadyMigrated$`,
      ),
    );
    // each case exactly once
    const after = migratedPerCase();
    expect(after.size).toBe(CASES);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(after.keys())).toEqual(new Set(ids));

    // and the record verifies, with the server still running
    const audit = await cli('audit', 'verify', '--data', dataDir);
    expect(audit.out.join('\n') + audit.err.join('\n')).toMatch(/^ok: /);
    expect(audit.code).toBe(0);
  }, 240_000);
});
