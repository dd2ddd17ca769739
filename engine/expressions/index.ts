export {
  compileExpression,
  EXPRESSION_LIMITS,
  type CompiledExpression,
  type ExpressionFailure,
  type Scope,
} from './compile-expression.ts';
export { ExpressionError, ExpressionErrorCode } from './expression-error.ts';
export type { ExpressionEnv, ExpressionFunction } from './functions/expression-function.ts';
export { createFunctionRegistry, defaultFunctions } from './functions/function-registry.ts';
export { roundTo } from './numbers.ts';
