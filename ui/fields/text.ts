import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

fieldTypes.register('text', (ctx) => textInput(ctx));
