export const ExpressionErrorCode = {
  syntax: 'EXPRESSION_SYNTAX',
  unknownFunction: 'EXPRESSION_UNKNOWN_FUNCTION',
  arity: 'EXPRESSION_ARITY',
  forbidden: 'EXPRESSION_FORBIDDEN',
  type: 'EXPRESSION_TYPE',
  divisionByZero: 'EXPRESSION_DIVISION_BY_ZERO',
  invalidDate: 'EXPRESSION_INVALID_DATE',
  tooLarge: 'EXPRESSION_TOO_LARGE',
} as const;
export type ExpressionErrorCode = (typeof ExpressionErrorCode)[keyof typeof ExpressionErrorCode];

/** Thrown while evaluating (a wrong type at run time); compile problems are returned, not thrown. */
export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  constructor(code: ExpressionErrorCode, message: string) {
    super(message);
    this.name = 'ExpressionError';
    this.code = code;
  }
}
