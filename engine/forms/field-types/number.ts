import { keywords, type FieldType } from './field-type.ts';

export const number: FieldType = {
  type: 'number',
  accepts: ['min', 'max'],
  schema: (f) => ({ type: 'number', ...keywords(f, { min: 'minimum', max: 'maximum' }) }),
};
