import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

fieldTypes.register('email', (ctx) =>
  textInput(ctx, { type: 'email', inputmode: 'email', autocomplete: 'email', parse: (text) => text.trim() }),
);
