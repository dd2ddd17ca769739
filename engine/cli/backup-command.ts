import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqliteStore } from '../store/index.ts';
import { parseArgs, type Command } from './command.ts';
import { databaseFile, dataDirectory } from './data-file.ts';
import { auditDatabaseFile, describeAudit } from './sqlite-file.ts';

/**
 * `serviceframe backup FILE [--data DIR] [--force]`: a consistent copy of the whole database
 * (cases, history, timers, outbox, users, published definitions) through SQLite's online backup,
 * taken while the server keeps serving; then audits the copy, so a backup that would not restore
 * is known at once.
 */
export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup FILE [--data DIR] [--force]  online backup of the database, audited',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const target = positional[0];
    if (!target) {
      io.err('usage: serviceframe backup FILE [--data DIR] [--force]');
      return 1;
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
