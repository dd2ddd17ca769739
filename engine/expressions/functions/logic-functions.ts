import type { ExpressionFunction } from './expression-function.ts';

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

export const logicFunctions: readonly ExpressionFunction[] = [
  { name: 'if', minArgs: 3, maxArgs: 3, description: 'if(condition, then, else)', call: ([c, a, b]) => (c ? a : b) },
  {
    name: 'and',
    minArgs: 1,
    description: 'and(a, b, …): true when all are truthy',
    call: (args) => args.every(Boolean),
  },
  { name: 'or', minArgs: 1, description: 'or(a, b, …): true when any is truthy', call: (args) => args.some(Boolean) },
  { name: 'not', minArgs: 1, maxArgs: 1, description: 'not(a)', call: ([a]) => !a },
  {
    name: 'coalesce',
    minArgs: 1,
    description: 'coalesce(a, b, …): the first value that is not missing, null or ""',
    call: (args) => args.find((v) => !isBlank(v)) ?? null,
  },
];
