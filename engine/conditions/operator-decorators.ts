import type { Operator } from './operator.ts';

/**
 * json-rules-engine 7's operator decorators: `someFact:equal`, `not:in`, `everyValue:lessThan`…
 * A decorator wraps the operator named after the colon; they chain left to right.
 */
export interface OperatorDecorator {
  readonly name: string;
  decorate(op: Operator): Operator;
}

export function decorator(
  name: string,
  cb: (fact: unknown, value: unknown, next: (f: unknown, v: unknown) => boolean) => boolean,
  factValidator?: (fact: unknown) => boolean,
): OperatorDecorator {
  return {
    name,
    decorate: (op) => ({
      name: `${name}:${op.name}`,
      evaluate: (f, v) => (factValidator ? factValidator(f) : true) && cb(f, v, (a, b) => op.evaluate(a, b)),
    }),
  };
}

const arr = (v: unknown) => v as unknown[];

export const defaultDecorators: readonly OperatorDecorator[] = [
  decorator('someFact', (f, v, next) => arr(f).some((x) => next(x, v)), Array.isArray),
  // The value-side decorators do not validate in json-rules-engine; a non-array value makes it throw,
  // which our evaluator turns into false (see compile-condition.ts).
  decorator('someValue', (f, v, next) => arr(v).some((x) => next(f, x))),
  decorator('everyFact', (f, v, next) => arr(f).every((x) => next(x, v)), Array.isArray),
  decorator('everyValue', (f, v, next) => arr(v).every((x) => next(f, x))),
  decorator('swap', (f, v, next) => next(v, f)),
  decorator('not', (f, v, next) => !next(f, v)),
];
