import type { SourcePosition } from './source-position.ts';

export const DefinitionErrorCode = {
  syntax: 'SYNTAX',
  schema: 'SCHEMA',
  unknownKind: 'UNKNOWN_KIND',
  unknownReference: 'UNKNOWN_REFERENCE',
  duplicateName: 'DUPLICATE_NAME',
  unreachableState: 'UNREACHABLE_STATE',
  missingTarget: 'MISSING_TARGET',
  invalidCondition: 'INVALID_CONDITION',
  invalidExpression: 'INVALID_EXPRESSION',
  invalidDuration: 'INVALID_DURATION',
  invalidCalendar: 'INVALID_CALENDAR',
  invalidValue: 'INVALID_VALUE',
  disagreement: 'DISAGREEMENT',
} as const;
export type DefinitionErrorCode = (typeof DefinitionErrorCode)[keyof typeof DefinitionErrorCode];

export type Severity = 'error' | 'warning';

/** One problem in a definition set, pointing at the node that causes it. */
export interface DefinitionIssue {
  readonly code: DefinitionErrorCode | string;
  readonly severity: Severity;
  /** JSON pointer inside the document, e.g. "/spec/states/reported/on/dispatch/target". */
  readonly pointer: string;
  readonly at: SourcePosition;
  readonly message: string;
  readonly hint?: string;
}

/** `PATH:LINE:COLUMN: message (hint)` — the one-line form every tool prints. */
export function formatIssue(issue: DefinitionIssue): string {
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  const hint = issue.hint ? ` (${issue.hint})` : '';
  return `${issue.at.file}:${issue.at.line}:${issue.at.column}: ${prefix}${issue.message}${hint}`;
}

/** Thrown where a caller needs an exception (e.g. loading for the server); carries every issue. */
export class DefinitionError extends Error {
  readonly issues: readonly DefinitionIssue[];
  constructor(issues: readonly DefinitionIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'DefinitionError';
    this.issues = issues;
  }
}
