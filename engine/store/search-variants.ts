/**
 * The forms of a stored value that free-text search also finds it by. A number written with
 * separators (a phone as `0531-86123456`, `(0531) 8612 3456`, `+86 138 0013 8000`) is typed by a
 * caller as digits alone: its digits are searchable too, so `05318612` finds it. The value itself
 * is always the first form, so every search that found it before still does.
 */
export function searchVariants(value: string): string[] {
  const digits = separatedDigits(value);
  return digits === undefined ? [value] : [value, digits];
}

// Digits and the separators people write between them, and nothing else.
const DIGITS_AND_SEPARATORS = /^[\d\s\-().+/]+$/;
const SEPARATORS = /[\s\-().+/]/g;

/**
 * The digits of a value written as at least three digits with separators between them; undefined
 * for any other value. Every string of a case's data passes here whenever the case is written, and
 * most are words: one anchored test turns them away at their first letter.
 */
export function separatedDigits(value: string): string | undefined {
  if (!DIGITS_AND_SEPARATORS.test(value)) return undefined;
  const digits = value.replace(SEPARATORS, '');
  return digits.length >= 3 && digits.length < value.length ? digits : undefined;
}
