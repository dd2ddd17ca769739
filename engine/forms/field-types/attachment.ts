import type { FieldSpec } from '../form-model.ts';
import type { FieldType } from './field-type.ts';

/** Defaults for a field that declares no `maxSize` / `maxFiles`: a scanned document, a few photos. */
export const ATTACHMENT_MAX_SIZE = 20 * 1024 * 1024;
export const ATTACHMENT_MAX_FILES = 20;

/**
 * A reference to a stored file (the upload itself goes elsewhere); a list with `multiple`. Every
 * part is bounded (names, the declared size, the number of files), so a reference cannot carry
 * megabytes of text into a case.
 */
const reference = (f: FieldSpec) => ({
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    size: { type: 'integer', minimum: 0, maximum: f.maxSize ?? ATTACHMENT_MAX_SIZE },
    contentType: { type: 'string', maxLength: 255, pattern: '^[\\w.+-]+/[\\w.+-]+$' },
  },
  additionalProperties: false,
});

export const attachment: FieldType = {
  type: 'attachment',
  accepts: ['multiple', 'maxSize', 'maxFiles'],
  code: 'attachment',
  schema: (f) =>
    f.multiple ? { type: 'array', maxItems: f.maxFiles ?? ATTACHMENT_MAX_FILES, items: reference(f) } : reference(f),
};
