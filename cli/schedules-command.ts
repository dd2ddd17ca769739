import { evaluateValue } from '../engine/runtime/value.ts';
import { localIso, nextRun, periodScope, schedulesOf } from '../engine/schedules/index.ts';
import { parseArgs, type Command } from './command.ts';
import { loadSetOrReport } from './load-set.ts';

/** What each Schedule will do next, with the data its first case would get: a check for authors. */
export const schedulesCommand: Command = {
  name: 'schedules',
  usage:
    'schedules [--from ISO] [--count N] [--definitions DIR]   the next runs of every Schedule, their units and start data',
  async run(args, io) {
    const { options } = parseArgs(args);
    const dir = typeof options.get('definitions') === 'string' ? (options.get('definitions') as string) : 'definitions';
    const fromText = options.get('from');
    const from = typeof fromText === 'string' ? Date.parse(fromText) : Date.now();
    const count = Number(options.get('count') ?? 3);
    if (!Number.isFinite(from) || !Number.isInteger(count) || count < 1) {
      io.err('--from takes an ISO time with offset, --count a positive whole number');
      return 1;
    }
    const loaded = loadSetOrReport(dir, io);
    if (!loaded) return 1;
    const schedules = schedulesOf(loaded.set);
    if (schedules.length === 0) io.out('no Schedule definitions');
    for (const s of schedules) {
      io.out(
        `${s.name}: ${s.spec.workflow}, every ${s.spec.every}, ${s.units.length} unit(s): ${s.units.join(', ') || 'none (it never runs)'}`,
      );
      let after = from;
      for (let i = 0; i < count; i++) {
        const run = nextRun(s.timing, after);
        if (!run) {
          io.out('  no further run (no working day in reach of the calendar)');
          break;
        }
        const first = s.units[0] ? loaded.set.org.unit(s.units[0]) : undefined;
        let data = '';
        try {
          data = first
            ? ` data for ${first.name}: ${JSON.stringify(evaluateValue(s.spec.data ?? {}, periodScope(run, s.timing.zone, first, s.name)))}`
            : '';
        } catch (e) {
          data = ` data for ${first!.name} fails: ${e instanceof Error ? e.message : String(e)}`;
        }
        io.out(`  ${run.period}  ${localIso(run.at, s.timing.zone)}${data}`);
        after = run.at;
      }
    }
    return 0;
  },
};
