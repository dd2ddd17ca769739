import type { FieldType } from '../forms/field-types/field-type.ts';
import { fieldTypes } from '../forms/field-types/registry.ts';
import type { FieldSpec } from '../forms/form-model.ts';
import type { Registry } from '../registry.ts';
import { dataFields, type FormFieldsOf } from './data-fields.ts';
import type { WorkflowSpec } from './workflow-model.ts';

/** One value shown where cases are listed: its path in the case data and the field that writes it. */
export interface SummaryField {
  readonly path: string;
  readonly field: FieldSpec;
}

/** How many fields the default summary takes. */
const DEFAULT_SIZE = 2;

/**
 * What tells staff which case a list row is about. `spec.summary` when written (`[]` shows
 * nothing); otherwise the start form's first two top-level fields of a text-like type (`text`:
 * names and models rather than phone numbers, codes or long descriptions). Call on a workflow the
 * loader accepted: a path no form writes is left out here, as the Workflow check reported it.
 */
export function workflowSummary(
  spec: WorkflowSpec,
  formFields: FormFieldsOf,
  types: Registry<FieldType> = fieldTypes,
): readonly SummaryField[] {
  if (spec.summary !== undefined) {
    const fields = dataFields(spec, formFields, types);
    return spec.summary.flatMap((path) => {
      const field = fields.get(path);
      return field ? [{ path, field }] : [];
    });
  }
  const start = spec.startForm === undefined ? [] : (formFields(spec.startForm) ?? []);
  return start
    .filter((f) => types.get(f.type)?.textLike === true)
    .slice(0, DEFAULT_SIZE)
    .map((field) => ({ path: field.name, field }));
}
