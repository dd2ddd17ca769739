import { validateSet, type SourceFile } from '../../engine/definitions/index.ts';
import type { Locale } from '../../engine/localized.ts';
import type { ProblemField } from '../http/problem.ts';
import { issueFields } from './issue-fields.ts';

export interface ValidateAnswer {
  readonly errors: readonly ProblemField[];
  readonly warnings: readonly ProblemField[];
}

/**
 * What publishing checks before it compiles (validateSet, the same code as `serviceframe validate`),
 * for a candidate set that is not published: the editor's live check. A set with errors is a
 * successful answer here; only publishing refuses it. Messages are said in the reader's `locale`.
 */
export function validateFiles(files: readonly SourceFile[], now: number, locale: Locale = 'en'): ValidateAnswer {
  const { issues } = validateSet(files, now);
  return {
    errors: issueFields(
      issues.filter((i) => i.severity === 'error'),
      locale,
    ),
    warnings: issueFields(
      issues.filter((i) => i.severity === 'warning'),
      locale,
    ),
  };
}
