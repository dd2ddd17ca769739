import { fieldTypes } from './registry.ts';
import { textInput } from './text-input.ts';

// Stored as an ISO calendar date "YYYY-MM-DD", exactly what <input type="date"> gives.
fieldTypes.register('date', (ctx) => textInput(ctx, { type: 'date' }));
