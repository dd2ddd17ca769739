import type { Registry } from '../registry.ts';
import type { FieldType } from './field-types/field-type.ts';
import type { FieldSpec, FormSpec } from './form-model.ts';

/**
 * The form's fields with a `maxLength` on every free-text field that declares none: the form's
 * `spec.defaultMaxLength` for its type, else the type's own default (text 500, textarea 5,000).
 * Without it a field took anything the request body allowed, and a customer could store megabytes
 * per case. A field whose `minLength` is above the default gets that as its maximum instead.
 * Fields that need no change are returned as they are, so most forms come back unchanged.
 */
export function withDefaultMaxLength(spec: FormSpec, types: Registry<FieldType>): readonly FieldSpec[] {
  const byType = spec.defaultMaxLength ?? {};
  const visit = (fields: readonly FieldSpec[]): readonly FieldSpec[] => {
    let changed = false;
    const out = fields.map((f) => {
      let next = f;
      if (f.fields) {
        const children = visit(f.fields);
        if (children !== f.fields) next = { ...next, fields: children };
      }
      const fallback = byType[f.type] ?? types.get(f.type)?.defaultMaxLength;
      if (f.maxLength === undefined && fallback !== undefined)
        next = { ...next, maxLength: Math.max(fallback, f.minLength ?? 0) };
      if (next !== f) changed = true;
      return next;
    });
    return changed ? out : fields;
  };
  return visit(spec.fields);
}
