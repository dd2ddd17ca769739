import type { FieldType } from './field-type.ts';
import { trustedPattern } from '../../patterns/index.ts';

/** A reference to a stored file (the upload itself goes elsewhere); a list with `multiple`. */
const reference = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    size: { type: 'integer', minimum: 0 },
    contentType: { type: 'string', pattern: trustedPattern('^[\\w.+-]+/[\\w.+-]+$') },
  },
  additionalProperties: false,
};

export const attachment: FieldType = {
  type: 'attachment',
  accepts: ['multiple'],
  code: 'attachment',
  schema: (f) => (f.multiple ? { type: 'array', items: reference } : reference),
};
