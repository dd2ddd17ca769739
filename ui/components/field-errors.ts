import type { FieldError } from '../../engine/forms/form-model.ts';
import { isWithin } from '../data/json-pointer.ts';
import type { VisibleField } from './walk-layout.ts';

export interface PlacedError {
  readonly message: string;
  /** The shown field the message belongs to; undefined for form-wide problems. */
  readonly at: VisibleField | undefined;
}

/**
 * Puts each error at the field it names, or, when that field is not shown (a hidden field, a
 * server path finer than the layout), at the nearest shown field containing it.
 */
export function placeErrors(errors: readonly FieldError[], shown: readonly VisibleField[]): PlacedError[] {
  const byPointer = new Map(shown.map((f) => [f.pointer, f]));
  return errors.map((error) => {
    let at = byPointer.get(error.path);
    if (!at) {
      for (const f of shown)
        if (f.pointer !== '' && isWithin(error.path, f.pointer) && (!at || f.pointer.length > at.pointer.length))
          at = f;
    }
    return { message: error.message, at };
  });
}

/** pointer → the messages shown at that field, all of them (never only the first). */
export function messagesByField(placed: readonly PlacedError[]): Map<string, string> {
  const map = new Map<string, string[]>();
  for (const p of placed) {
    if (!p.at) continue;
    const list = map.get(p.at.pointer) ?? [];
    if (!list.includes(p.message)) list.push(p.message);
    map.set(p.at.pointer, list);
  }
  return new Map([...map].map(([k, v]) => [k, v.join(' ')]));
}
