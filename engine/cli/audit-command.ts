import { existsSync } from 'node:fs';
import { parseArgs, type Command } from './command.ts';
import { databaseFile, dataDirectory } from './data-file.ts';
import { auditDatabaseFile, describeAudit } from './sqlite-file.ts';

/** `serviceframe audit verify [--data DIR]`: recomputes every hash chain and day anchor (P-7, INFO-5). */
export const auditCommand: Command = {
  name: 'audit',
  usage: 'audit verify [--data DIR] recompute every case hash chain and day anchor; name the first altered or missing event',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    if (positional[0] !== 'verify') {
      io.err('usage: serviceframe audit verify [--data DIR]');
      return 1;
    }
    const file = databaseFile(dataDirectory(options.get('data')));
    if (!existsSync(file)) {
      io.err(`${file}: no such database (start the server once, or pass --data DIR)`);
      return 1;
    }
    const { ok, lines } = describeAudit(await auditDatabaseFile(file));
    for (const line of lines) (ok ? io.out : io.err)(line);
    return ok ? 0 : 1;
  },
};
