import { formatIssue, formatIssueIn, type DefinitionIssue } from '../../engine/definitions/index.ts';
import type { Locale } from '../../engine/localized.ts';
import type { ProblemField } from '../http/problem.ts';

/** The issue each field was made from, so the field can be said again in a reader's language (not sent). */
const issueOf = new WeakMap<ProblemField, DefinitionIssue>();

/**
 * Definition problems as problem-document fields: the file position and the validator's one-line
 * message, in `locale` when given (a person reads it), else in English (the CLI's words) until
 * the edge says it in the reader's language (localizedIssueField).
 */
export function issueFields(issues: readonly DefinitionIssue[], locale?: Locale): ProblemField[] {
  return issues.map((i) => {
    const field: ProblemField = {
      path: i.pointer,
      message: locale ? formatIssueIn(i, locale) : formatIssue(i),
      code: i.code,
      file: i.at.file,
      line: i.at.line,
      column: i.at.column,
    };
    issueOf.set(field, i);
    return field;
  });
}

/** A field made by issueFields with its message in `locale`; any other field as it is. */
export function localizedIssueField(field: ProblemField, locale: Locale): ProblemField {
  const issue = issueOf.get(field);
  return issue ? { ...field, message: formatIssueIn(issue, locale) } : field;
}
