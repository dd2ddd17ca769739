import { fieldTypes } from '../forms/field-types/registry.ts';
import type { FieldType } from '../forms/field-types/field-type.ts';
import type { FieldSpec } from '../forms/form-model.ts';
import type { Registry } from '../registry.ts';
import { statePaths } from './state-paths.ts';
import type { TransitionSpec, WorkflowSpec } from './workflow-model.ts';

/** The fields of a Form by its name, or undefined when there is no such form. */
export type FormFieldsOf = (form: string) => readonly FieldSpec[] | undefined;

/**
 * The fields a workflow's forms write into the case data, by their dotted path: the start form's
 * fields, each event form's fields (under the event's `saveAs` key when it has one), and the
 * fields of groups below them ('site.address'). An event with `appendTo` writes a list, and rows
 * are lists: their fields have no single value, so they have no path here. Where two forms write
 * the same path, the first met (the start form, then events in definition order) describes it.
 */
export function dataFields(
  spec: WorkflowSpec,
  formFields: FormFieldsOf,
  types: Registry<FieldType> = fieldTypes,
): ReadonlyMap<string, FieldSpec> {
  const out = new Map<string, FieldSpec>();
  const add = (fields: readonly FieldSpec[] | undefined, prefix: string) => {
    for (const field of fields ?? []) {
      const path = prefix + field.name;
      if (!out.has(path)) out.set(path, field);
      if (types.get(field.type)?.container === 'group') add(field.fields, `${path}.`);
    }
  };
  if (spec.startForm) add(formFields(spec.startForm), '');
  const transitions: TransitionSpec[] = [
    ...Object.values(spec.on ?? {}),
    ...[...statePaths(spec).values()].flatMap((s) => Object.values(s.on ?? {})),
  ];
  for (const t of transitions) {
    if (t.form === undefined || t.appendTo !== undefined) continue;
    add(formFields(t.form), t.saveAs ? `${t.saveAs}.` : '');
  }
  return out;
}
