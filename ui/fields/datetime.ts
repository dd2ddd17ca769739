import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';
import { fromLocalInput, toLocalInput } from './local-datetime.ts';

// Stored as an RFC 3339 date-time with the browser's offset; shown in local time.
fieldTypes.register('datetime', (ctx) =>
  textInput(ctx, { type: 'datetime-local', parse: fromLocalInput, format: toLocalInput }),
);
