import type { FieldType } from './field-type.ts';

/** One option value, or with `multiple` a list of distinct option values. */
export const enumType: FieldType = {
  type: 'enum',
  accepts: ['options', 'multiple'],
  schema: (f) => {
    const values = (f.options ?? []).map((o) => o.value);
    const one = { type: 'string', enum: values };
    return f.multiple ? { type: 'array', items: one, uniqueItems: true } : one;
  },
};
