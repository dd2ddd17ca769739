export { compileCondition, type CompiledCondition, type Facts } from './compile-condition.ts';
export { checkCondition } from './check-condition.ts';
export { conditionFacts } from './condition-facts.ts';
export { ConditionError, ConditionErrorCode, type ConditionIssue } from './condition-error.ts';
export { createOperatorSet, defaultOperatorSet, resolveOperator, type OperatorSet } from './operator-registry.ts';
export { defineOperator, type Operator } from './operator.ts';
export type { OperatorDecorator } from './operator-decorators.ts';
export { LAZY_FACTS, readFact } from './read-fact.ts';
