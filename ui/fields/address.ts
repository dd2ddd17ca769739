import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

fieldTypes.register('address', (ctx) => textInput(ctx, { autocomplete: 'street-address' }));
