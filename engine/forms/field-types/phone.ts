import type { FieldType } from './field-type.ts';
import { isMainlandMobile, MOBILE_PATTERN } from './mobile.ts';
import { trustedPattern } from '../../patterns/index.ts';

/** Landline with area code and optional extension ("010-12345678", "0571-8888888-123"), or a mobile. */
const LANDLINE = '0\\d{2,3}-\\d{7,8}(?:-\\d{1,6})?';
const PHONE_PATTERN = trustedPattern(`^(?:${LANDLINE}|${MOBILE_PATTERN.slice(1, -1)})$`);

export const phone: FieldType = {
  type: 'phone',
  accepts: [],
  code: 'phone',
  schema: () => ({ type: 'string', pattern: PHONE_PATTERN }),
  check: (v) => (typeof v === 'string' && !v.startsWith('0') && !isMainlandMobile(v) ? { code: 'phone' } : undefined),
};
