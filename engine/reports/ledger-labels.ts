import type { FieldSpec, FormSpec } from '../forms/form-model.ts';
import type { Definition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import type { LedgerSpec } from './ledger-kind.ts';

/** Finds a Form definition by name (the definition index while loading, a published set after). */
export type FormLookup = (name: string) => Definition<FormSpec> | undefined;

/**
 * The field a `labels` reference names: `FORM.FIELD`, with dots into groups (`work-order.contact.role`).
 * Undefined when the form or a step of the path is missing.
 */
export function labelledField(reference: string, forms: FormLookup): FieldSpec | undefined {
  const [formName, ...path] = reference.split('.');
  let fields: readonly FieldSpec[] | undefined = forms(formName!)?.spec.fields;
  let field: FieldSpec | undefined;
  for (const name of path) {
    field = fields?.find((f) => f.name === name);
    fields = field?.fields;
  }
  return path.length ? field : undefined;
}

/**
 * For each column with `labels`, the label of every option value its fields name (the first
 * reference that has a value wins): a ledger shows the option's label, not the stored value.
 */
export function ledgerLabels(spec: LedgerSpec, forms: FormLookup): ReadonlyMap<string, ReadonlyMap<string, Localized>> {
  const out = new Map<string, Map<string, Localized>>();
  for (const column of spec.columns) {
    if (!column.labels?.length) continue;
    const byValue = new Map<string, Localized>();
    for (const reference of column.labels) {
      for (const option of labelledField(reference, forms)?.options ?? []) {
        if (!byValue.has(option.value)) byValue.set(option.value, option.label);
      }
    }
    out.set(column.name, byValue);
  }
  return out;
}
