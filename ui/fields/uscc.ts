import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

// Unified social credit code: 18 characters whose check character the engine verifies. Letters
// are stored upper-case because that is how the code is printed on licences.
fieldTypes.register('uscc', (ctx) =>
  textInput(ctx, { maxLength: 18, autocomplete: 'off', parse: (text) => text.trim().toUpperCase() }),
);
