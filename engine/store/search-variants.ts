/**
 * The forms of a stored value that free-text search also finds it by. A number written with
 * separators (a phone as `0531-86123456`, `(0531) 8612 3456`, `+86 138 0013 8000`) is typed by a
 * caller as digits alone: its digits are searchable too, so `05318612` finds it. The value itself
 * is always the first form, so every search that found it before still does.
 */
export function searchVariants(value: string): string[] {
  if (!/\d/.test(value) || !/[\s\-().+/]/.test(value)) return [value];
  const digits = value.replace(/[\s\-().+/]/g, '');
  return /^\d{3,}$/.test(digits) ? [value, digits] : [value];
}
