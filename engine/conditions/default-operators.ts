import { defineOperator, type Operator } from './operator.ts';

/**
 * json-rules-engine 7's default operators, copied expression for expression from
 * `dist/engine-default-operators.js` so that results agree (the property test in
 * tests/engine/conditions/conditions-equivalence.test.ts holds us to it). Where the original would throw
 * (`in` against a value without `indexOf`), we answer false instead.
 */
function hasIndexOf(v: unknown): v is { indexOf(x: unknown): number } {
  return Array.isArray(v) || typeof v === 'string';
}

// json-rules-engine accepts anything parseFloat can read ("12abc", [3]); the comparison itself
// then follows JavaScript's relational rules. Kept as is: "identical semantics".
function numberValidator(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

type Rel = (a: number, b: number) => boolean;
const rel = (name: string, cmp: Rel): Operator =>
  defineOperator(name, (a, b) => cmp(a as number, b as number), numberValidator);

export const defaultOperators: readonly Operator[] = [
  defineOperator('equal', (a, b) => a === b),
  defineOperator('notEqual', (a, b) => a !== b),
  defineOperator('in', (a, b) => hasIndexOf(b) && b.indexOf(a) > -1),
  defineOperator('notIn', (a, b) => hasIndexOf(b) && b.indexOf(a) === -1),
  defineOperator('contains', (a, b) => (a as unknown[]).indexOf(b) > -1, Array.isArray),
  defineOperator('doesNotContain', (a, b) => (a as unknown[]).indexOf(b) === -1, Array.isArray),
  rel('lessThan', (a, b) => a < b),
  rel('lessThanInclusive', (a, b) => a <= b),
  rel('greaterThan', (a, b) => a > b),
  rel('greaterThanInclusive', (a, b) => a >= b),
];
