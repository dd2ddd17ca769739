import type { FieldType } from './field-type.ts';

/** ISO 8601 with an offset ("2024-05-01T09:30:00+08:00"): an instant, never a wall-clock guess. */
export const datetime: FieldType = {
  type: 'datetime',
  accepts: [],
  code: 'datetime',
  schema: () => ({ type: 'string', format: 'date-time' }),
};
