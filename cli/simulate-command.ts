import { existsSync, readFileSync, statSync } from 'node:fs';
import { readDefinitionFiles, loadDefinitions, allKinds } from '../engine/definitions/index.ts';
import { formatIssue } from '../engine/definitions/definition-error.ts';
import type { Definition } from '../engine/definitions/kind.ts';
import { runScenario, type ScenarioSpec } from '../engine/simulate/run-scenario.ts';
import { say, sayIn } from '../engine/definitions/said.ts';
import { parseArgs, type Command } from './command.ts';
import { loadSetOrReport } from './load-set.ts';

export const simulateCommand: Command = {
  name: 'simulate',
  usage:
    'simulate [FILE|DIR …] [--definitions DIR] [--lang en|zh-CN]   run scenarios on a virtual clock (default: definitions/scenarios); --lang says why one failed in that language (default en)',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const lang = options.get('lang') ?? 'en';
    if (lang !== 'en' && lang !== 'zh-CN') {
      io.err(`--lang: en or zh-CN, not ${String(lang)}`);
      return 1;
    }
    const defsDir =
      typeof options.get('definitions') === 'string' ? (options.get('definitions') as string) : 'definitions';
    const loaded = loadSetOrReport(defsDir, io);
    if (!loaded) return 1;
    const targets = positional.length ? positional : [`${defsDir}/scenarios`];
    const files = targets.flatMap((t) => {
      if (!existsSync(t)) {
        io.err(`${t}: not found`);
        return [];
      }
      return statSync(t).isDirectory() ? readDefinitionFiles(t) : [{ path: t, text: readFileSync(t, 'utf8') }];
    });
    // Scenarios inside the definitions directory were already checked with it; others are checked here.
    const result = loadDefinitions(files, allKinds);
    const errors = result.issues.filter((i) => i.severity === 'error' && i.code !== 'UNKNOWN_REFERENCE');
    for (const e of errors) io.err(formatIssue(e));
    const scenarios = result.docs.filter((d) => d.def.kind === 'Scenario');
    if (scenarios.length === 0) {
      io.err('no scenarios found');
      return 1;
    }
    let failed = 0;
    for (const { def, source } of scenarios) {
      const r = await runScenario(def as Definition<ScenarioSpec>, loaded.set, source);
      if (r.ok) io.out(`ok ${r.name}`);
      else {
        failed++;
        // The English is what this command has always printed; another language says the same from the catalogues.
        io.out(`FAIL ${r.name}: ${lang === 'en' || !r.said ? r.failure : sayIn(r.said, lang)}`);
      }
    }
    io.out(sayIn(say('scenario.summary', { passed: scenarios.length - failed, failed }), lang));
    return failed > 0 || errors.length > 0 ? 1 : 0;
  },
};
