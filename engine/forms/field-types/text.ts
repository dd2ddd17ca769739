import { controlCharacterProblem } from './control-characters.ts';
import { keywords, type FieldType } from './field-type.ts';

export const text: FieldType = {
  type: 'text',
  textLike: true,
  defaultMaxLength: 500,
  accepts: ['pattern', 'patternMessage', 'minLength', 'maxLength'],
  schema: (f) => ({
    type: 'string',
    ...keywords(f, { minLength: 'minLength', maxLength: 'maxLength', pattern: 'pattern' }),
  }),
  check: controlCharacterProblem,
};
