/**
 * `serviceframe serve` with DATABASE_URL runs on PostgreSQL; a wrong or unreachable URL stops the
 * start with a message naming the host, never the password (issue 17, "Bad input and faults").
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../helpers/postgres-cluster.ts';
import { servingUrl } from '../../helpers/serving-url.ts';
import { freshPostgresDatabase } from '../../helpers/test-database.ts';
import pg from 'pg';

const work = mkdtempSync(join(tmpdir(), 'sf-pg-serve-'));
cpSync('tests/fixtures/engine', join(work, 'definitions', 'engine'), { recursive: true });
cpSync('tests/fixtures/server', join(work, 'definitions', 'server'), { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function serve(env: Record<string, string>) {
  return spawn(process.execPath, ['bin/serviceframe.js', 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: join(work, 'data'),
      DEFINITIONS_DIR: join(work, 'definitions'),
      SERVICEFRAME_ADMIN_PASSWORD: 'serve-admin-password-1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs serve to its end: its exit code and everything it printed. */
function refusedStart(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = serve(env);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

const SECRET = 'not-the-Password-9f3k';

// One start after another, not describe.concurrent: each test starts a `serviceframe serve` process
// (tsx compiles the sources as it starts), and four at once on a busy two-core machine took over the
// 30 s test timeout each, while one alone takes a few seconds.
describe('serviceframe serve with DATABASE_URL', () => {
  it('refuses a database nobody answers at, naming the host and port, not the password', async () => {
    const port = await freePort();
    const { code, out } = await refusedStart({
      DATABASE_URL: `postgres://sf:${SECRET}@127.0.0.1:${port}/serviceframe`,
    });
    expect(code).toBe(1);
    expect(out).toContain(`cannot reach the database at 127.0.0.1:${port}/serviceframe`);
    expect(out).not.toContain(SECRET);
  });

  it('refuses a wrong password, saying so without printing it', async () => {
    const url = new URL(inject('postgresUrl'));
    url.password = SECRET;
    const { code, out } = await refusedStart({ DATABASE_URL: url.toString() });
    expect(code).toBe(1);
    expect(out).toContain(`127.0.0.1:${url.port}/postgres`);
    expect(out).toMatch(/password authentication failed/);
    expect(out).not.toContain(SECRET);
  });

  it("refuses a URL that is not PostgreSQL's", async () => {
    const { code, out } = await refusedStart({ DATABASE_URL: `mysql://sf:${SECRET}@127.0.0.1/serviceframe` });
    expect(code).toBe(1);
    expect(out).toContain('DATABASE_URL is not usable');
    expect(out).not.toContain(SECRET);
  });

  it('serves from PostgreSQL: ready, its tables there, nothing written under DATA_DIR', async () => {
    const db = await freshPostgresDatabase('sf_serve');
    const child = serve({ DATABASE_URL: db.url, DATA_DIR: join(work, 'unused') });
    try {
      const url = await servingUrl(child, 'serve on PostgreSQL');
      const ready = await fetch(`${url}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'serve-admin-password-1' }),
      });
      expect(login.status).toBe(200);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ username: string }>('SELECT username FROM sf_users');
        expect(rows.map((r) => r.username)).toContain('admin');
        const sessions = await client.query('SELECT count(*)::int AS n FROM sf_sessions');
        expect(sessions.rows[0].n).toBe(1);
      } finally {
        await client.end();
      }
      expect(existsSync(join(work, 'unused', 'serviceframe.sqlite'))).toBe(false);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await db.drop();
    }
  });
});
