import type { ViewField, ViewSection } from '../../contract/types.ts';
import type { FieldSpec } from '../../engine/forms/form-model.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { caseViewSections } from '../../engine/workflows/case-view-sections.ts';
import type { CompiledWorkflow } from '../../engine/workflows/compile-workflow.ts';

/** A field as the case page formats its value: type, label and option labels in the reader's language. */
function viewFieldJson(field: FieldSpec, locale: Locale): ViewField {
  return {
    name: field.name,
    type: field.type,
    label: localize(field.label, locale),
    ...(field.multiple ? { multiple: true } : {}),
    ...(field.options
      ? { options: field.options.map((o) => ({ value: o.value, label: localize(o.label, locale) })) }
      : {}),
    ...(field.fields ? { fields: field.fields.map((f) => viewFieldJson(f, locale)) } : {}),
  };
}

/** The workflow's case-page sections (engine/workflows/case-view-sections.ts) as a client reads them. */
export function caseViewJson(set: CompiledSet, wf: CompiledWorkflow, locale: Locale): ViewSection[] {
  return caseViewSections(wf.spec, (name) => set.definition('Form', name)).map((s) => ({
    ...(s.part !== undefined ? { part: localize(s.part, locale) } : {}),
    ...(s.title !== undefined ? { title: localize(s.title, locale) } : {}),
    fields: s.fields.map(({ path, field }) => ({ path, ...viewFieldJson(field, locale) })),
  }));
}
