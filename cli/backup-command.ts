import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupPostgres } from '../adapters/postgres/dump.ts';
import { openSqliteStore } from '../adapters/sqlite/store/sqlite-store.ts';
import { parseArgs, type Command } from './command.ts';
import { databaseFile, dataDirectory } from './data-file.ts';
import { databaseUrl } from './database-url.ts';
import { auditDatabaseFile, describeAudit } from './sqlite-file.ts';

/**
 * `serviceframe backup FILE [--data DIR] [--force]`: a consistent copy of the whole database
 * (cases, history, timers, outbox, users, published definitions) through SQLite's online backup,
 * taken while the server keeps serving; then audits the copy, so a backup that would not restore
 * is known at once.
 *
 * With DATABASE_URL (or --database-url), of the PostgreSQL database instead: PostgreSQL's pg_dump
 * (custom format, from Debian's postgresql-client) dumps exactly the snapshot the audit checks.
 */
export const backupCommand: Command = {
  name: 'backup',
  usage:
    'backup FILE [--data DIR | --database-url URL] [--force]  online backup of the database, audited (PostgreSQL, with DATABASE_URL: calls pg_dump)',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const target = positional[0];
    if (!target) {
      io.err('usage: serviceframe backup FILE [--data DIR | --database-url URL] [--force]');
      return 1;
    }
    const url = databaseUrl(options.get('database-url'));
    if (url !== undefined && options.get('data') === undefined) {
      if (existsSync(target) && options.get('force') !== true) {
        io.err(`${target} exists; pass --force to overwrite it`);
        return 1;
      }
      mkdirSync(dirname(target), { recursive: true });
      try {
        const { ok, lines } = describeAudit(await backupPostgres(url, target));
        io.out(`backup written to ${target} (pg_dump, custom format; restore with serviceframe restore or pg_restore)`);
        for (const line of lines) (ok ? io.out : io.err)(line);
        return ok ? 0 : 1;
      } catch (error) {
        io.err((error as Error).message);
        return 1;
      }
    }
    const file = databaseFile(dataDirectory(options.get('data')));
    if (!existsSync(file)) {
      io.err(`${file}: no such database (pass --data DIR)`);
      return 1;
    }
    if (existsSync(target) && options.get('force') !== true) {
      io.err(`${target} exists; pass --force to overwrite it`);
      return 1;
    }
    mkdirSync(dirname(target), { recursive: true });
    const store = openSqliteStore(file);
    try {
      await store.backup(target);
    } finally {
      await store.close();
    }
    const { ok, lines } = describeAudit(await auditDatabaseFile(target));
    io.out(`backup written to ${target}`);
    for (const line of lines) (ok ? io.out : io.err)(line);
    return ok ? 0 : 1;
  },
};
