import type { FieldType } from './field-type.ts';

export const yesno: FieldType = {
  type: 'yesno',
  accepts: [],
  code: 'yesno',
  schema: () => ({ type: 'boolean' }),
};
