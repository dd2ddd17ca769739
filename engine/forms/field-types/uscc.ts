import { validate } from 'stdnum/lib/cjs/cn/uscc.js';
import type { FieldType } from './field-type.ts';
import { trustedPattern } from '../../patterns/index.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * stdnum 1.x looks the check digit up as ALPHABET[31 - sum % 31], which is out of range when the
 * sum is a multiple of 31; GB 32100-2015 then prescribes "0". So stdnum rejects about 1 in 31
 * genuine codes, those ending in "0": accept exactly that case here.
 */
function checkDigitIsZero(v: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(v[i] as string) * (WEIGHTS[i] as number);
  return v[17] === '0' && sum % 31 === 0;
}

/**
 * Unified social credit code: 18 characters, upper case, as printed on the licence. The schema
 * fixes the shape (stdnum would also accept spaces and dashes); stdnum checks the check digit.
 */
export const uscc: FieldType = {
  type: 'uscc',
  accepts: [],
  code: 'uscc',
  schema: () => ({ type: 'string', pattern: trustedPattern('^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$') }),
  check: (v) => (typeof v === 'string' && !validate(v).isValid && !checkDigitIsZero(v) ? { code: 'uscc' } : undefined),
};
