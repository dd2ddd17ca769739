import { roundTo } from '../../expressions/numbers.ts';
import type { FieldType } from './field-type.ts';

/**
 * Yuan as a JSON number with at most two decimals. Not JSON Schema's `multipleOf: 0.01`: in
 * binary floats 1.1 / 0.01 is not an integer, so ajv would reject valid amounts.
 */
export const money: FieldType = {
  type: 'money',
  accepts: ['min', 'max'],
  code: 'money',
  schema: (f) => ({
    type: 'number',
    minimum: f.min ?? 0,
    ...(f.max === undefined ? {} : { maximum: f.max }),
    'x-sf-currency': 'CNY',
  }),
  check: (v) =>
    typeof v === 'number' && Math.abs(v * 100 - Math.round(v * 100)) > 1e-6 ? { code: 'money' } : undefined,
  normalize: (v) => (typeof v === 'number' ? roundTo(v, 2) : v),
};
