import { ExpressionError, ExpressionErrorCode } from '../expression-error.ts';
import type { ExpressionFunction } from './expression-function.ts';

export const collectionFunctions: readonly ExpressionFunction[] = [
  {
    name: 'len',
    minArgs: 1,
    maxArgs: 1,
    description: 'len(list or text): its length; 0 when missing',
    call: ([v]) => {
      if (v === undefined || v === null) return 0;
      if (Array.isArray(v) || typeof v === 'string') return v.length;
      throw new ExpressionError(ExpressionErrorCode.type, `len() needs a list or text, got ${typeof v}`);
    },
  },
];
