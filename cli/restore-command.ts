import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { restorePostgres } from '../adapters/postgres/dump.ts';
import { parseArgs, type Command } from './command.ts';
import { databaseFile, dataDirectory } from './data-file.ts';
import { databaseUrl } from './database-url.ts';
import { auditDatabaseFile, databaseInUse, describeAudit } from './sqlite-file.ts';

/**
 * `serviceframe restore FILE [--data DIR] [--force]`: replaces the database with a backup, only
 * after the backup passes `audit verify`, never while a server has the database open, and never
 * over an existing database without --force (the old one is kept beside it as
 * `serviceframe.sqlite.before-restore-TIMESTAMP`).
 *
 * With DATABASE_URL (or --database-url): restores a `serviceframe backup` dump of PostgreSQL into
 * that database, which must be new and empty, through pg_restore in one transaction, then audits it.
 */
export const restoreCommand: Command = {
  name: 'restore',
  usage:
    'restore FILE [--data DIR | --database-url URL] [--force]  replace the database with an audited backup (server stopped; PostgreSQL, with DATABASE_URL: pg_restore into an empty database)',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const source = positional[0];
    if (!source) {
      io.err('usage: serviceframe restore FILE [--data DIR | --database-url URL] [--force]');
      return 1;
    }
    if (!existsSync(source)) {
      io.err(`${source}: no such file`);
      return 1;
    }
    const url = databaseUrl(options.get('database-url'));
    if (url !== undefined && options.get('data') === undefined) {
      try {
        const { ok, lines } = describeAudit(await restorePostgres(source, url));
        if (!ok) io.err(`${source} was restored but does not verify`);
        else io.out(`restored ${source}: ${lines[0]}`);
        if (!ok) for (const line of lines) io.err(line);
        return ok ? 0 : 1;
      } catch (error) {
        io.err((error as Error).message);
        return 1;
      }
    }
    const dir = dataDirectory(options.get('data'));
    const target = databaseFile(dir);
    const exists = existsSync(target);
    if (exists && options.get('force') !== true) {
      io.err(`${target} exists; pass --force to replace it (it is kept as ${target}.before-restore-…)`);
      return 1;
    }
    if (exists && databaseInUse(target)) {
      io.err(`${target} is in use (is the server running?); stop it first`);
      return 1;
    }

    mkdirSync(dir, { recursive: true });
    const staged = `${target}.restoring`;
    removeDatabase(staged);
    try {
      // A copy through SQLite, so a backup left with its WAL beside it restores whole.
      const backup = new Database(source, { readonly: true, fileMustExist: true });
      try {
        await backup.backup(staged);
      } finally {
        backup.close();
      }
      const { ok, lines } = describeAudit(await auditDatabaseFile(staged));
      if (!ok) {
        io.err(`${source} does not verify; nothing was restored`);
        for (const line of lines) io.err(line);
        return 1;
      }
      if (exists) {
        const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        copyFileSync(target, kept);
        io.out(`previous database kept as ${kept}`);
      }
      // A WAL or shared-memory file left from the old database must not be applied to the new one.
      removeDatabase(target);
      renameSync(staged, target);
      io.out(`restored ${source} to ${target}: ${lines[0]}`);
      return 0;
    } finally {
      removeDatabase(staged);
    }
  },
};

function removeDatabase(file: string): void {
  for (const suffix of ['-wal', '-shm', '']) rmSync(file + suffix, { force: true });
}
