import { formatIssue, type DefinitionIssue } from '../../engine/definitions/index.ts';
import type { ProblemField } from '../http/problem.ts';

/** Definition problems as problem-document fields: the file position and the validator's one-line message. */
export function issueFields(issues: readonly DefinitionIssue[]): ProblemField[] {
  return issues.map((i) => ({
    path: i.pointer,
    message: formatIssue(i),
    code: i.code,
    file: i.at.file,
    line: i.at.line,
    column: i.at.column,
  }));
}
