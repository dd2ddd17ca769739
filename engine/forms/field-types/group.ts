import type { FieldType } from './field-type.ts';

/** A nested object of fields (the customer's address, the settlement block). */
export const group: FieldType = {
  type: 'group',
  accepts: ['fields'],
  container: 'group',
  schema: (f, nested) => nested(f.fields ?? []),
};
