import type { FieldType } from './field-type.ts';

export const email: FieldType = {
  type: 'email',
  accepts: [],
  code: 'email',
  schema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
};
