import { existsSync } from 'node:fs';
import { formatImpact, impactMessage, periodOfDates, runImpact } from '../engine/impact/index.ts';
import { parseArgs, type Command } from './command.ts';
import { databaseFile, dataDirectory } from './data-file.ts';
import { loadSetOrReport } from './load-set.ts';

/**
 * `serviceframe impact DIR --from DATE --to DATE [--data DIR] [--json] [--locale zh-CN|en]`: replays
 * the period's recorded cases under the definitions in DIR, read-only, and prints the impact report
 * (docs/impact.md). The command line is a composition root, so it reaches into server/ for the
 * installation's tables (versions, users, records), as `serve` does.
 */
export const impactCommand: Command = {
  name: 'impact',
  usage:
    "impact DIR --from YYYY-MM-DD --to YYYY-MM-DD [--data DIR] [--json] [--locale zh-CN|en]   replay the period's cases under the definitions in DIR (read-only) and print what would change",
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const dir = positional[0];
    const locale = options.get('locale') === 'en' ? 'en' : 'zh-CN';
    if (!dir || !existsSync(dir)) {
      io.err(
        dir
          ? `${dir}: no such directory`
          : 'usage: serviceframe impact DIR --from YYYY-MM-DD --to YYYY-MM-DD [--data DIR] [--json] [--locale zh-CN|en]',
      );
      return 1;
    }
    const loaded = loadSetOrReport(dir, io);
    if (!loaded) return 1;
    const period = periodOfDates(options.get('from'), options.get('to'), loaded.set);
    if (!period.ok) {
      for (const e of period.errors) io.err(`--${e.path.slice(1)}: ${e.message}`);
      return 1;
    }
    const file = databaseFile(dataDirectory(options.get('data')));
    const json = options.get('json') === true;
    let report;
    if (existsSync(file)) {
      const { impactOfDatabase } = await import('./impact-of-database.ts');
      report = await impactOfDatabase(
        file,
        loaded.set,
        period.from,
        period.to,
        json
          ? undefined
          : (p) => {
              if (p.done < p.total && process.stderr.isTTY)
                process.stderr.write(`\r${impactMessage('progress', locale, { done: p.done, total: p.total })}`);
            },
      );
    } else {
      // No database yet (the server never ran here): nothing was recorded, which the report says.
      io.err(impactMessage('noDatabase', locale, { file }));
      report = await runImpact({
        period: { from: period.from, to: period.to, cases: [] },
        candidate: loaded.set,
        published: loaded.set,
        versions: () => undefined,
        users: [],
      });
    }
    if (!json && process.stderr.isTTY) process.stderr.write('\n');
    if (json) io.out(JSON.stringify(report, null, 2));
    else for (const line of formatImpact(report, { locale, timeZone: period.timeZone })) io.out(line);
    return 0;
  },
};
