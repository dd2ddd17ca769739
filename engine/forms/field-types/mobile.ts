import validator from 'validator';
import type { FieldType } from './field-type.ts';
import { trustedPattern } from '../../patterns/index.ts';

/** Mainland mobile number; the schema pattern is the shape, validator.js knows the live prefixes. */
export const MOBILE_PATTERN = trustedPattern('^(?:(?:\\+|00)86)?1\\d{10}$');
export const isMainlandMobile = (v: string): boolean => validator.isMobilePhone(v, 'zh-CN');

export const mobile: FieldType = {
  type: 'mobile',
  accepts: [],
  code: 'mobile',
  schema: () => ({ type: 'string', pattern: MOBILE_PATTERN }),
  check: (v) => (typeof v === 'string' && !isMainlandMobile(v) ? { code: 'mobile' } : undefined),
};
