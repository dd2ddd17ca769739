import { existsSync } from 'node:fs';
import { auditPostgres } from '../adapters/postgres/audit.ts';
import type { AuditReport } from '../engine/store/audit-store.ts';
import { parseArgs, type Command } from './command.ts';
import { databaseFile, dataDirectory } from './data-file.ts';
import { databaseUrl } from './database-url.ts';
import { auditDatabaseFile, describeAudit } from './sqlite-file.ts';

/**
 * `serviceframe audit verify [--data DIR | --database-url URL]`: recomputes every hash chain and day
 * anchor (P-7, INFO-5) of the SQLite file under the data directory or, with DATABASE_URL (or
 * --database-url), of the PostgreSQL database, over one snapshot while servers keep writing.
 */
export const auditCommand: Command = {
  name: 'audit',
  usage:
    'audit verify [--data DIR | --database-url URL] recompute every case hash chain and day anchor (PostgreSQL when DATABASE_URL is set); name the first altered or missing event',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    if (positional[0] !== 'verify') {
      io.err('usage: serviceframe audit verify [--data DIR | --database-url URL]');
      return 1;
    }
    let report: AuditReport;
    const url = databaseUrl(options.get('database-url'));
    if (url !== undefined && options.get('data') === undefined) {
      try {
        report = await auditPostgres(url);
      } catch (error) {
        io.err((error as Error).message);
        return 1;
      }
    } else {
      const file = databaseFile(dataDirectory(options.get('data')));
      if (!existsSync(file)) {
        io.err(`${file}: no such database (start the server once, or pass --data DIR)`);
        return 1;
      }
      report = await auditDatabaseFile(file);
    }
    const { ok, lines } = describeAudit(report);
    for (const line of lines) (ok ? io.out : io.err)(line);
    return ok ? 0 : 1;
  },
};
