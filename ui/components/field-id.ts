/** A DOM id for the control of the value at `pointer`, stable across renders and safe in selectors. */
export function fieldId(pointer: string): string {
  return 'sf' + pointer.replace(/[^A-Za-z0-9]/g, (c) => (c === '/' ? '__' : `_${c.charCodeAt(0).toString(16)}_`));
}
