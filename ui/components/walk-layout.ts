import type { LayoutField } from '../../engine/forms/form-model.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import { getAt, isWithin } from '../data/json-pointer.ts';

/** A binding of a rows template prefix ("/history/-") to one row ("/history/2"). */
export interface RowBinding {
  readonly template: string;
  readonly concrete: string;
}

/**
 * The concrete pointer of a layout field inside the rows it sits in. Row templates are resolved
 * outermost first, so rows inside rows work; a compiler that gives nested fields plain names
 * instead of template pointers still gets them placed inside their row.
 */
export function resolvePointer(field: LayoutField, bindings: readonly RowBinding[]): string {
  let pointer = field.pointer;
  for (const b of bindings) {
    if (isWithin(pointer, b.template)) pointer = b.concrete + pointer.slice(b.template.length);
    else if (b === bindings[bindings.length - 1] && !isWithin(pointer, b.concrete))
      pointer = `${b.concrete}/${field.name}`;
  }
  return pointer;
}

export function bindRow(template: string, concrete: string, outer: readonly RowBinding[]): RowBinding[] {
  let resolved = template;
  for (const b of outer) if (isWithin(resolved, b.template)) resolved = b.concrete + resolved.slice(b.template.length);
  return [...outer, { template: resolved, concrete }];
}

export interface VisibleField {
  readonly field: LayoutField;
  readonly pointer: string;
  /** Labels from the outermost group or row down to this field, for the error summary. */
  readonly labelPath: readonly string[];
}

/** Every field the form shows for this data, in reading order (the order the summary lists errors). */
export function visibleFields(
  fields: readonly LayoutField[],
  data: unknown,
  hidden: ReadonlySet<string>,
  locale: Locale,
  rowLabel: (n: number) => string,
  bindings: readonly RowBinding[] = [],
  labels: readonly string[] = [],
): VisibleField[] {
  const out: VisibleField[] = [];
  for (const field of fields) {
    const pointer = resolvePointer(field, bindings);
    if (hidden.has(pointer)) continue;
    const labelPath = [...labels, localize(field.label, locale)];
    out.push({ field, pointer, labelPath });
    if (field.type === 'group') {
      out.push(...visibleFields(field.fields ?? [], data, hidden, locale, rowLabel, bindings, labelPath));
    } else if (field.type === 'rows') {
      const rows = getAt(data, pointer);
      (Array.isArray(rows) ? rows : []).forEach((_, i) => {
        const inner = bindRow(`${field.pointer}/-`, `${pointer}/${i}`, bindings);
        out.push(
          ...visibleFields(field.fields ?? [], data, hidden, locale, rowLabel, inner, [...labelPath, rowLabel(i + 1)]),
        );
      });
    }
  }
  return out;
}
