import { keywords, type FieldType } from './field-type.ts';

/**
 * A postal address as one line of text. Stored as text; typed so that people reading it get a
 * map link where the installation has a map (SERVICEFRAME_MAP_URL), and a phone its address book.
 */
export const address: FieldType = {
  type: 'address',
  textLike: true,
  defaultMaxLength: 500,
  accepts: ['pattern', 'patternMessage', 'minLength', 'maxLength'],
  schema: (f) => ({
    type: 'string',
    ...keywords(f, { minLength: 'minLength', maxLength: 'maxLength', pattern: 'pattern' }),
  }),
};
