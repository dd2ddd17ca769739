import type { FieldError } from '../../engine/forms/form-model.ts';
import { isWithin } from '../data/json-pointer.ts';

/** A refused request's field errors, sorted to the inputs of a hand-made form (not an `<sf-form>`). */
export interface ProblemFields {
  /** Field name → every message about it, joined (never only the first). */
  readonly byField: ReadonlyMap<string, string>;
  /** Every error, with the field it was put at (undefined when no input shows that value). */
  readonly all: readonly { readonly field: string | undefined; readonly message: string }[];
}

/**
 * Puts each error of a problem document (`errors[].path`, a JSON pointer into the request body) at
 * the top-level field it is within: '/roles/0' belongs to `roles`, '/username' to `username`.
 * Errors of no listed field (the whole body, a field the form does not show) stay in `all` only,
 * so the summary still names them.
 */
export function problemFields(error: unknown, fields: readonly string[]): ProblemFields {
  const errors = (error as { errors?: readonly FieldError[] } | undefined)?.errors ?? [];
  const lists = new Map<string, string[]>();
  const all = errors.map((e) => {
    const field = fields.find((f) => isWithin(e.path, `/${f}`));
    if (field !== undefined) {
      const list = lists.get(field) ?? [];
      if (!list.includes(e.message)) list.push(e.message);
      lists.set(field, list);
    }
    return { field, message: e.message };
  });
  return { byField: new Map([...lists].map(([k, v]) => [k, v.join(' ')])), all };
}
