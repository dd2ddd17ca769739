import { ExpressionError, ExpressionErrorCode } from '../expression-error.ts';
import { clean, roundTo, toNumber } from '../numbers.ts';
import { flatten } from '../projection.ts';
import type { ExpressionFunction } from './expression-function.ts';

const numbers = (args: readonly unknown[], fn: string): number[] =>
  flatten(args)
    .filter((v) => v !== undefined && v !== null)
    .map((v) => {
      if (typeof v !== 'number')
        throw new ExpressionError(ExpressionErrorCode.type, `${fn}() needs numbers, got ${JSON.stringify(v)}`);
      return v;
    });

export const mathFunctions: readonly ExpressionFunction[] = [
  {
    name: 'sum',
    minArgs: 1,
    description: 'sum(list) or sum(a, b, …): adds numbers, exact to 10 decimals; missing values add nothing',
    call: (args) => numbers(args, 'sum').reduce((t, v) => clean(t + v), 0),
  },
  {
    name: 'round',
    minArgs: 1,
    maxArgs: 2,
    description: 'round(x, digits = 0): half away from zero',
    call: ([x, digits]) => {
      const d = digits === undefined ? 0 : toNumber(digits, 'round');
      if (!Number.isInteger(d) || d < 0 || d > 10)
        throw new ExpressionError(ExpressionErrorCode.type, 'round() digits must be an integer from 0 to 10');
      return roundTo(toNumber(x, 'round'), d);
    },
  },
  {
    name: 'min',
    minArgs: 1,
    description: 'min(list) or min(a, b, …): the smallest number; null when there is none',
    call: (args) => {
      const v = numbers(args, 'min');
      return v.length ? Math.min(...v) : null;
    },
  },
  {
    name: 'max',
    minArgs: 1,
    description: 'max(list) or max(a, b, …): the largest number; null when there is none',
    call: (args) => {
      const v = numbers(args, 'max');
      return v.length ? Math.max(...v) : null;
    },
  },
  {
    name: 'abs',
    minArgs: 1,
    maxArgs: 1,
    description: 'abs(x)',
    call: ([x]) => Math.abs(toNumber(x, 'abs')),
  },
];
