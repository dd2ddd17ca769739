import { createRegistry, type Registry } from '../registry.ts';
import { defaultOperators } from './default-operators.ts';
import { extraDecorators } from './extra-decorators.ts';
import { extraOperators } from './extra-operators.ts';
import { defaultDecorators, type OperatorDecorator } from './operator-decorators.ts';
import type { Operator } from './operator.ts';

export interface OperatorSet {
  readonly operators: Registry<Operator>;
  readonly decorators: Registry<OperatorDecorator>;
}

/** A fresh set with json-rules-engine's defaults, its decorators and our extra operators and decorators. */
export function createOperatorSet(): OperatorSet {
  const operators = createRegistry<Operator>();
  for (const op of [...defaultOperators, ...extraOperators]) operators.register(op.name, op);
  const decorators = createRegistry<OperatorDecorator>();
  for (const d of [...defaultDecorators, ...extraDecorators]) decorators.register(d.name, d);
  return { operators, decorators };
}

/** The set used when a caller passes none; register project-wide operators here. */
export const defaultOperatorSet: OperatorSet = createOperatorSet();

/**
 * Resolves "someFact:not:equal" the way json-rules-engine's OperatorMap.get does:
 * an exact name wins, otherwise peel decorators off the front.
 */
export function resolveOperator(name: string, set: OperatorSet): Operator | undefined {
  const direct = set.operators.get(name);
  if (direct) return direct;
  const colon = name.indexOf(':');
  if (colon <= 0) return undefined;
  const decorator = set.decorators.get(name.slice(0, colon));
  const inner = decorator && resolveOperator(name.slice(colon + 1), set);
  return inner && decorator ? decorator.decorate(inner) : undefined;
}
