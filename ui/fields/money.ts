import { fieldTypes } from './registry.ts';
import { parseNumber } from './parse-number.ts';
import { textInput } from './text-input.ts';

// Amounts are yuan as numbers with at most two decimals (fen); the engine checks the precision.
// Computed totals are shown with both decimals; what the user types is shown as typed.
fieldTypes.register('money', (ctx) =>
  textInput(ctx, {
    inputmode: 'decimal',
    parse: parseNumber,
    prefix: '¥',
    suffix: ctx.t('currency'),
    format: (v) =>
      typeof v === 'number' && ctx.readOnly ? v.toFixed(2) : v === undefined || v === null ? '' : String(v),
  }),
);
