import { createRegistry, type Registry } from '../../registry.ts';
import { collectionFunctions } from './collection-functions.ts';
import { dateFunctions } from './date-functions.ts';
import type { ExpressionFunction } from './expression-function.ts';
import { logicFunctions } from './logic-functions.ts';
import { mathFunctions } from './math-functions.ts';

/** A fresh vocabulary with the built-in functions; register more before compiling. */
export function createFunctionRegistry(): Registry<ExpressionFunction> {
  const registry = createRegistry<ExpressionFunction>();
  for (const fn of [...mathFunctions, ...logicFunctions, ...collectionFunctions, ...dateFunctions])
    registry.register(fn.name, fn);
  return registry;
}

export const defaultFunctions: Registry<ExpressionFunction> = createFunctionRegistry();
