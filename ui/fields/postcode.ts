import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

// Six digits.
fieldTypes.register('postcode', (ctx) =>
  textInput(ctx, { inputmode: 'numeric', autocomplete: 'postal-code', maxLength: 6 }),
);
