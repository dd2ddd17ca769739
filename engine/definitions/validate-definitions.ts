import { scheduleWarnings, type CalendarSpec } from '../calendar/index.ts';
import { DefinitionErrorCode, saidIssue, type DefinitionIssue } from './definition-error.ts';
import { allKinds } from './kinds/index.ts';
import { loadDefinitions, type LoadResult, type SourceFile } from './load-definitions.ts';

/**
 * What `serviceframe validate` and publishing run: load and check every file, then warn about
 * calendar years without an official schedule (deadlines there would be computed without holidays).
 */
export function validateDefinitions(files: readonly SourceFile[], now: number = Date.now()): LoadResult {
  const result = loadDefinitions(files, allKinds);
  const year = new Date(now).getUTCFullYear();
  const warnings: DefinitionIssue[] = [];
  for (const { def, source } of result.docs) {
    if (def.kind !== 'Calendar') continue;
    for (const w of scheduleWarnings(def.spec as CalendarSpec, [year, year + 1])) {
      warnings.push(
        saidIssue(
          {
            code: DefinitionErrorCode.invalidCalendar,
            severity: 'warning',
            pointer: w.pointer,
            at: source.positionOf(w.pointer),
          },
          w.said,
          w.saidHint,
        ),
      );
    }
  }
  return { ...result, issues: [...result.issues, ...warnings] };
}
