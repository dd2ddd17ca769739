import { validateSet, type SourceFile } from '../../engine/definitions/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import { sayIn } from '../../engine/definitions/said.ts';
import type { Locale, Localized } from '../../engine/localized.ts';
import { runScenario, type ScenarioSpec } from '../../engine/simulate/run-scenario.ts';
import { saidProblem } from '../http/problem-messages.ts';
import { issueFields } from './issue-fields.ts';

/**
 * What `serviceframe simulate` does, for the definitions editor (P-6): the files as edited are
 * validated like a publication, compiled, and their scenarios run on a virtual clock in memory.
 * Nothing is published or stored; invalid files answer 422 with their positions. Each failure is
 * said in English (`failure`, as the command line prints it) and in the user's language (`message`).
 */
export async function simulateFiles(
  files: readonly SourceFile[],
  only: readonly string[] | undefined,
  now: number,
  locale: Locale = 'en',
): Promise<SaidResult[]> {
  const loaded = validateSet(files, now);
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length)
    throw saidProblem(
      422,
      errors.length === 1 ? 'scenariosNotRunOne' : 'scenariosNotRun',
      { count: errors.length },
      { code: 'INVALID_DEFINITIONS', errors: issueFields(errors) },
    );
  const set = compileSet(loaded.docs.map((d) => d.def));
  const scenarios = loaded.docs.filter(
    (d) => d.def.kind === 'Scenario' && (!only || only.includes(d.def.metadata.name)),
  );
  const results: SaidResult[] = [];
  for (const { def, source } of scenarios) {
    const { said, ...result } = await runScenario(def as Definition<ScenarioSpec>, set, source);
    results.push(said ? { ...result, message: sayIn(said, locale) } : result);
  }
  return results;
}

/** A scenario's result as the API answers it. */
export interface SaidResult {
  readonly name: string;
  readonly title?: Localized;
  readonly ok: boolean;
  readonly failure?: string;
  readonly message?: string;
  readonly steps: number;
}
