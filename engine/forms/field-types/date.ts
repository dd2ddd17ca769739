import type { FieldType } from './field-type.ts';

/** "YYYY-MM-DD"; ajv-formats checks that the day exists (no 2023-02-29). */
export const date: FieldType = {
  type: 'date',
  accepts: [],
  code: 'date',
  schema: () => ({ type: 'string', format: 'date' }),
};
