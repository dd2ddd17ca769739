import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

// Landline with area code and optional extension, e.g. 010-12345678 or 0571-8888888-123.
fieldTypes.register('phone', (ctx) => textInput(ctx, { type: 'tel', inputmode: 'tel', autocomplete: 'tel' }));
