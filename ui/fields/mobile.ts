import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

// Mainland mobile numbers: 11 digits starting with 1.
fieldTypes.register('mobile', (ctx) =>
  textInput(ctx, { type: 'tel', inputmode: 'numeric', autocomplete: 'tel-national', maxLength: 11 }),
);
