import type { Said } from '../definitions/said.ts';

/** Stable codes for problems with a condition; `pointer` is relative to the condition's root. */
export const ConditionErrorCode = {
  structure: 'CONDITION_STRUCTURE',
  unknownOperator: 'CONDITION_UNKNOWN_OPERATOR',
  unknownFact: 'CONDITION_UNKNOWN_FACT',
  invalidPath: 'CONDITION_INVALID_PATH',
  invalidValue: 'CONDITION_INVALID_VALUE',
} as const;
export type ConditionErrorCode = (typeof ConditionErrorCode)[keyof typeof ConditionErrorCode];

export interface ConditionIssue {
  readonly code: ConditionErrorCode;
  readonly pointer: string;
  /** English (programs, logs, the CLI); `said`/`saidHint` are the catalogue's words for readers. */
  readonly message: string;
  readonly hint?: string;
  readonly said: Said;
  readonly saidHint?: Said;
}

/** Thrown by compileCondition on a condition that checkCondition would reject. */
export class ConditionError extends Error {
  readonly issues: readonly ConditionIssue[];
  readonly code: ConditionErrorCode;
  constructor(issues: readonly ConditionIssue[]) {
    const first = issues[0];
    super(issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; '));
    this.name = 'ConditionError';
    this.issues = issues;
    this.code = first?.code ?? ConditionErrorCode.structure;
  }
}
