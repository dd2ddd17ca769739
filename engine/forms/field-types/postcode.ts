import type { FieldType } from './field-type.ts';

export const postcode: FieldType = {
  type: 'postcode',
  accepts: [],
  code: 'postcode',
  schema: () => ({ type: 'string', pattern: '^\\d{6}$' }),
};
