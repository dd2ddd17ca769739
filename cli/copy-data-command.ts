import { existsSync } from 'node:fs';
import { auditPostgres } from '../adapters/postgres/audit.ts';
import { copySqliteToPostgres } from '../adapters/copy-data/copy-sqlite-to-postgres.ts';
import { parseArgs, type Command } from './command.ts';
import { describeAudit } from './sqlite-file.ts';

/**
 * `serviceframe copy-data --from FILE --to URL`: copies an SQLite installation (the file under
 * DATA_DIR, e.g. data/serviceframe.sqlite) into an empty PostgreSQL database, every table in one
 * transaction, then audits the copy (every hash chain and day anchor must verify there too).
 * Refuses a target that holds any row. Exit 0 when copied and verified, 1 otherwise.
 */
export const copyDataCommand: Command = {
  name: 'copy-data',
  usage:
    'copy-data --from FILE --to URL  copy an SQLite installation into an empty PostgreSQL database, then audit the copy',
  async run(args, io) {
    const { options } = parseArgs(args);
    const from = options.get('from');
    const to = options.get('to');
    if (typeof from !== 'string' || typeof to !== 'string') {
      io.err('usage: serviceframe copy-data --from FILE --to postgres://USER:PASSWORD@HOST:PORT/DATABASE');
      return 1;
    }
    if (!existsSync(from)) {
      io.err(`${from}: no such database file`);
      return 1;
    }
    try {
      const report = await copySqliteToPostgres(from, to);
      const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
      io.out(
        `copied ${rows} rows in ${report.tables.length} tables: ${report.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}`,
      );
      const { ok, lines } = describeAudit(await auditPostgres(to));
      for (const line of lines) (ok ? io.out : io.err)(line);
      return ok ? 0 : 1;
    } catch (error) {
      io.err((error as Error).message);
      return 1;
    }
  },
};
