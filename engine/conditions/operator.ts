/**
 * An operator compares a fact's value (left) with the condition's `value` (right). Like
 * json-rules-engine's `Operator`, a `factValidator` gates the comparison: when it rejects the
 * fact value the condition is false, whatever the right-hand side.
 */
export interface Operator {
  readonly name: string;
  evaluate(factValue: unknown, value: unknown): boolean;
}

export function defineOperator(
  name: string,
  compare: (factValue: unknown, value: unknown) => boolean,
  factValidator?: (factValue: unknown) => boolean,
): Operator {
  const evaluate = factValidator
    ? (factValue: unknown, value: unknown) => factValidator(factValue) && compare(factValue, value)
    : compare;
  return { name, evaluate };
}
