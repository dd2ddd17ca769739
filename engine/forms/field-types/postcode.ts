import type { FieldType } from './field-type.ts';
import { trustedPattern } from '../../patterns/index.ts';

export const postcode: FieldType = {
  type: 'postcode',
  accepts: [],
  code: 'postcode',
  schema: () => ({ type: 'string', pattern: trustedPattern('^\\d{6}$') }),
};
