// covers: P-7, INFO-5
// `serviceframe copy-data --from FILE --to URL` (issue 17 item 4): an SQLite installation written by
// a real server (users, sessions, idempotency keys, definition versions, projections, cases with
// their histories, timers and outbox) is copied into an empty PostgreSQL database table for table,
// every hash chain and day anchor verifies there, the PostgreSQL store reads the same cases, and a
// database that holds anything is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgresStore } from '../../adapters/postgres/store/postgres-store.ts';
import { main } from '../../cli/main.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { createDatabase, dropDatabase } from '../helpers/postgres-cluster.ts';
import { realServer } from '../helpers/real-server.ts';
import { ticketData } from '../server/server-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-copy-test-'));
let sqliteFile = '';
let caseIds: string[] = [];
const made: string[] = [];
beforeAll(async () => {
  const s = await realServer();
  try {
    const staff = await s.login('b1.staff');
    for (const name of ['Wang Fang', 'Li Lei', '张伟']) {
      const created = await s.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: ticketData(name) },
        headers: { 'idempotency-key': `create-${caseIds.length}` },
      });
      expect(created.status).toBe(201);
      caseIds.push(created.body.id);
    }
    const noted = await s.api('POST', `/api/cases/${caseIds[0]}/events`, {
      token: staff,
      body: { type: 'note', data: {}, expectedVersion: 1 },
    });
    expect(noted.status).toBe(200);
    // the installation, kept past the server (whose folder goes with it)
    sqliteFile = join(dir, 'serviceframe.sqlite');
    const live = new Database(s.databaseFile, { readonly: true });
    await live.backup(sqliteFile);
    live.close();
  } finally {
    await s.close();
  }
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const url of made) await dropDatabase(url);
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('serviceframe copy-data', () => {
  it('copies every table of an SQLite installation into an empty PostgreSQL database, and the copy passes the audit', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    made.push(url);
    const result = await run('copy-data', '--from', sqliteFile, '--to', url);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out.at(-1)).toMatch(/^ok: 4 events, 3 cases, \d+ days$/);

    // every table holds as many rows as in the file
    const source = new Database(sqliteFile, { readonly: true });
    const tables = source
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sf_migrations', 'meta', 'case_units', 'day_anchors', 'sqlite_sequence') ORDER BY name",
      )
      .pluck()
      .all() as string[];
    expect(tables).toEqual(
      expect.arrayContaining([
        'cases',
        'events',
        'timers',
        'outbox',
        'sf_users',
        'sf_sessions',
        'sf_idempotency',
        'sf_definition_versions',
      ]),
    );
    for (const table of tables) {
      const rows = source.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      expect({ table, rows: await count(url, table) }).toEqual({ table, rows });
    }
    expect(await count(url, 'sf_users')).toBeGreaterThan(1);
    expect(await count(url, 'sf_idempotency')).toBe(3);
    source.close();

    // the PostgreSQL store reads the same cases, histories, timers and anchors
    const sqlite = openSqliteStore(sqliteFile);
    const postgres = await openPostgresStore(url, { max: 2 });
    try {
      for (const id of caseIds) {
        expect(await postgres.getCase(id)).toEqual(await sqlite.getCase(id));
        expect(await postgres.history(id)).toEqual(await sqlite.history(id));
        expect(await postgres.timersOf(id)).toEqual(await sqlite.timersOf(id));
      }
      expect(await postgres.dayAnchors()).toEqual(await sqlite.dayAnchors());
      expect((await postgres.listCases({})).items.map((c) => c.id)).toEqual(
        (await sqlite.listCases({})).items.map((c) => c.id),
      );
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });

  it('refuses a database that holds anything, and names the tables', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    made.push(url);
    expect((await run('copy-data', '--from', sqliteFile, '--to', url)).code).toBe(0);
    const again = await run('copy-data', '--from', sqliteFile, '--to', url);
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/is not empty \(.*cases.*\)/);
    expect(again.err.join('\n')).not.toContain(new URL(url).password);
    // and the first copy is untouched
    expect(await count(url, 'events')).toBe(4);
  });

  it('says what is missing when the source or the target is not given', async () => {
    expect((await run('copy-data', '--from', sqliteFile)).err[0]).toMatch(
      /^usage: serviceframe copy-data --from FILE --to postgres:/,
    );
    expect((await run('copy-data', '--from', '/nowhere/x.sqlite', '--to', 'postgres://a@b/c')).err[0]).toMatch(
      /no such database file/,
    );
  });
});

describe('serviceframe backup and restore on PostgreSQL (pg_dump, pg_restore)', () => {
  it('dumps the audited snapshot while the database is in use and restores it into an empty database, where it verifies', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    const restored = await createDatabase(inject('postgresUrl'));
    made.push(url, restored);
    expect((await run('copy-data', '--from', sqliteFile, '--to', url)).code).toBe(0);
    const file = join(dir, 'pg.dump');
    // a store stays open on the database meanwhile, as a node would
    const node = await openPostgresStore(url, { max: 2 });
    try {
      const backup = await run('backup', file, '--database-url', url);
      expect(backup.err).toEqual([]);
      expect(backup.out).toEqual([
        `backup written to ${file} (pg_dump, custom format; restore with serviceframe restore or pg_restore)`,
        expect.stringMatching(/^ok: 4 events, 3 cases, \d+ days$/),
      ]);
      // a second backup to the same file needs --force
      expect((await run('backup', file, '--database-url', url)).err[0]).toMatch(/exists; pass --force/);
    } finally {
      await node.close();
    }
    const restore = await run('restore', file, '--database-url', restored);
    expect(restore.err).toEqual([]);
    expect(restore.out[0]).toMatch(/^restored .*pg\.dump: ok: 4 events, 3 cases, \d+ days$/);
    expect(await count(restored, 'sf_users')).toBe(await count(url, 'sf_users'));
    // a restored database is a working one
    const store = await openPostgresStore(restored, { max: 2 });
    try {
      expect((await store.getCase(caseIds[0]!))?.version).toBe(2);
    } finally {
      await store.close();
    }
    // and restoring over a database that has tables is refused
    const again = await run('restore', file, '--database-url', restored);
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/already has tables; restore into a new, empty database/);
  });
});
