import { fieldTypes } from './registry.ts';
import { parseNumber } from './parse-number.ts';
import { textInput } from './text-input.ts';

// type="text" with inputmode: a native number input hides what was typed when it is not a number,
// and the engine must see it to report it.
fieldTypes.register('number', (ctx) => textInput(ctx, { inputmode: 'decimal', parse: parseNumber }));
