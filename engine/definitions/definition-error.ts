import type { Locale } from '../localized.ts';
import { say, sayIn, type Said } from './said.ts';
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
  /** In English, as `serviceframe validate` prints it (the catalogue's en entry of `said`). */
  readonly message: string;
  readonly hint?: string;
  /** The message as a catalogue key and parameters, said in the reader's language where a person reads it. */
  readonly said?: Said;
  readonly saidHint?: Said;
}

/** The issue with its message and hint in `locale` (as it was when it carries no catalogue key). */
export function localizeIssue(issue: DefinitionIssue, locale: Locale): DefinitionIssue {
  if (!issue.said && !issue.saidHint) return issue;
  return {
    ...issue,
    ...(issue.said ? { message: sayIn(issue.said, locale) } : {}),
    ...(issue.saidHint ? { hint: sayIn(issue.saidHint, locale) } : {}),
  };
}

/** An issue whose message (and hint) the catalogue says: `message`/`hint` in English, `said`/`saidHint` for readers. */
export function saidIssue(
  base: Omit<DefinitionIssue, 'message' | 'hint' | 'said' | 'saidHint'>,
  said: Said,
  hint?: Said,
): DefinitionIssue {
  return {
    ...base,
    message: sayIn(said, 'en'),
    said,
    ...(hint ? { hint: sayIn(hint, 'en'), saidHint: hint } : {}),
  };
}

/** `PATH:LINE:COLUMN: message (hint)` — the one-line form every tool prints (the CLI in English, CONTRACT.md). */
export function formatIssue(issue: DefinitionIssue): string {
  return formatIssueIn(issue, 'en');
}

/** formatIssue with the message, hint and warning mark said in `locale` (what the editor and the API show a person). */
export function formatIssueIn(original: DefinitionIssue, locale: Locale): string {
  const issue = localizeIssue(original, locale);
  const prefix = issue.severity === 'warning' ? sayIn(say('_warning'), locale) : '';
  const hint = issue.hint ? sayIn(say('_hint', { hint: issue.hint }), locale) : '';
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
