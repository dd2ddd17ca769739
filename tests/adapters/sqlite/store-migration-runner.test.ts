import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations, type SqliteStep } from '../../../adapters/sqlite/migrate.ts';
import { engineVersionKeeper, migrate, MIGRATIONS } from '../../../adapters/sqlite/store/migrations.ts';
import { MigrationOrderError, SchemaTooNewError } from '../../../engine/store/store-errors.ts';
import { migrateServer, serverVersionKeeper } from '../../../adapters/sqlite/server/server-migrations.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serviceframe-migrations-'));
let files = 0;
const newDatabase = () => new Database(path.join(dir, `db-${++files}.db`));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.fail('did not throw');
};
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

// Both version keepers as they are on disk; the engine's records into a table its own step 1 creates.
const keepers = [
  {
    name: 'engine (PRAGMA user_version)',
    keeper: engineVersionKeeper,
    setup: 'CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);',
    version: (db: Database.Database) => db.pragma('user_version', { simple: true }),
  },
  {
    name: 'server (table sf_migrations)',
    keeper: serverVersionKeeper,
    setup: '',
    version: (db: Database.Database) => db.prepare('SELECT max(version) FROM sf_migrations').pluck().get() ?? 0,
  },
];

describe.each(keepers)('migrations kept by the $name', ({ keeper, setup, version }) => {
  it('refuses a list with a gap or out of order, before running any step', () => {
    const db = newDatabase();
    const one: SqliteStep = { version: 1, name: 'one', sql: `${setup} CREATE TABLE a (x);` };
    // a gap: 1 then 3
    const gap = thrown(() =>
      runMigrations(db, [one, { version: 3, name: 'three', sql: 'CREATE TABLE c (x);' }], keeper),
    );
    expect(gap).toBeInstanceOf(MigrationOrderError);
    expect(gap).toMatchObject({
      code: 'MIGRATION_ORDER',
      where: keeper.where,
      index: 1,
      version: 3,
      stepName: 'three',
    });
    expect((gap as Error).message).toContain('is version 3, expected 2');
    // out of order: 2 then 1
    const swapped = thrown(() =>
      runMigrations(db, [{ version: 2, name: 'two', sql: 'CREATE TABLE b (x);' }, one], keeper),
    );
    expect(swapped).toMatchObject({ code: 'MIGRATION_ORDER', index: 0, version: 2 });
    // then the database is untouched
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a database newer than its steps, naming both versions and where the version is kept', () => {
    // given a database at version 2
    const db = newDatabase();
    const steps: SqliteStep[] = [
      { version: 1, name: 'one', sql: `${setup} CREATE TABLE a (x);` },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x);' },
    ];
    expect(runMigrations(db, steps, keeper)).toEqual([1, 2]);
    // when code that knows only step 1 opens it
    const error = thrown(() => runMigrations(db, steps.slice(0, 1), keeper));
    // then
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect(error).toMatchObject({ code: 'SCHEMA_TOO_NEW', found: 2, known: 1, where: keeper.where });
    expect((error as Error).message).toContain(
      `database schema is at version 2 (${keeper.where}) but this version of Serviceframe knows only up to 1`,
    );
    expect(version(db)).toBe(2);
    db.close();
  });

  it('rolls back every step of a run when one fails, leaving the version where it was', () => {
    // given a database at version 1, and two more steps of which the last fails
    const db = newDatabase();
    const steps: SqliteStep[] = [
      { version: 1, name: 'one', sql: `${setup} CREATE TABLE a (x);` },
      { version: 2, name: 'two, in code', run: (conn) => conn.prepare('CREATE TABLE b (x)').run() },
      { version: 3, name: 'three, broken', sql: 'CREATE TABLE c (x); CREATE TABLE a (x);' },
    ];
    expect(runMigrations(db, steps.slice(0, 1), keeper)).toEqual([1]);
    // when all three are run
    expect(() => runMigrations(db, steps, keeper)).toThrow(/table a already exists/);
    // then neither step 2 nor step 3 left anything, and the version is still 1
    expect(version(db)).toBe(1);
    expect(tables(db)).not.toContain('b');
    expect(tables(db)).not.toContain('c');
    // and the steps that work still apply afterwards
    expect(runMigrations(db, steps.slice(0, 2), keeper)).toEqual([2]);
    expect(tables(db)).toContain('b');
    expect(version(db)).toBe(2);
    db.close();
  });
});

describe('the two schemas in one file', () => {
  it('migrate and migrateServer each keep their own version, and each refuses a file ahead of its own steps', () => {
    // given a file with both schemas current
    const db = newDatabase();
    migrate(db);
    migrateServer(db);
    const serverVersion = db.prepare('SELECT max(version) FROM sf_migrations').pluck().get() as number;
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(migrate(db)).toEqual([]);
    expect(migrateServer(db)).toEqual([]);
    // when the server's count is ahead of this code
    db.prepare("INSERT INTO sf_migrations (version, name) VALUES (?, 'from a later release')").run(serverVersion + 1);
    // then the server refuses it, and the engine, whose version is elsewhere, does not mind
    expect(() => migrateServer(db)).toThrow(
      `database schema is at version ${serverVersion + 1} (table sf_migrations) but this version of Serviceframe knows only up to ${serverVersion}`,
    );
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});
