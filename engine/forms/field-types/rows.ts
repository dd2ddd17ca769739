import { keywords, type FieldType } from './field-type.ts';

/** Repeatable rows (previous business, fee lines): a list of objects of the same fields. */
export const rows: FieldType = {
  type: 'rows',
  accepts: ['fields', 'minRows', 'maxRows'],
  container: 'rows',
  schema: (f, nested) => ({
    type: 'array',
    items: nested(f.fields ?? []),
    ...keywords(f, { minRows: 'minItems', maxRows: 'maxItems' }),
  }),
};
