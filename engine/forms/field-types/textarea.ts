import { controlCharacterProblem } from './control-characters.ts';
import { keywords, type FieldType } from './field-type.ts';

export const textarea: FieldType = {
  type: 'textarea',
  defaultMaxLength: 5000,
  accepts: ['minLength', 'maxLength'],
  schema: (f) => ({ type: 'string', ...keywords(f, { minLength: 'minLength', maxLength: 'maxLength' }) }),
  check: controlCharacterProblem,
};
