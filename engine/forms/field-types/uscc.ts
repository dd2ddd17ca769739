import { validate } from 'stdnum/lib/cjs/cn/uscc.js';
import type { FieldType } from './field-type.ts';

/**
 * Unified social credit code: 18 characters, upper case, as printed on the licence. The schema
 * fixes the shape (stdnum would also accept spaces and dashes); stdnum checks the check digit.
 */
export const uscc: FieldType = {
  type: 'uscc',
  accepts: [],
  code: 'uscc',
  schema: () => ({ type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' }),
  check: (v) => (typeof v === 'string' && !validate(v).isValid ? { code: 'uscc' } : undefined),
};
