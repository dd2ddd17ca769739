import type { Definition } from '../definitions/kind.ts';
import type { FieldSpec, FormSpec } from '../forms/form-model.ts';
import type { Localized } from '../localized.ts';
import { dataFields } from './data-fields.ts';
import { statePaths } from './state-paths.ts';
import type { TransitionSpec, WorkflowSpec } from './workflow-model.ts';

/** One value the case page shows: its dotted path in the case data and the field that writes it. */
export interface ViewField {
  readonly path: string;
  readonly field: FieldSpec;
}

/** A titled group of values; `part` names the form it comes from when the view is the default one. */
export interface ViewSection {
  readonly part?: Localized;
  readonly title?: Localized;
  readonly fields: readonly ViewField[];
}

/**
 * What the case page shows at its top. The workflow's `view` when written (paths the Workflow
 * check accepted); otherwise the start form, then each form an event keeps under its `saveAs` key
 * (the work order under `workOrder`), each laid out by its own sections. Pure: `formOf` reads the
 * set's Form definitions.
 */
export function caseViewSections(
  spec: WorkflowSpec,
  formOf: (name: string) => Definition<FormSpec> | undefined,
): ViewSection[] {
  if (spec.view !== undefined) {
    const fields = dataFields(spec, (name) => formOf(name)?.spec.fields);
    return spec.view.map((s) => ({
      ...(s.title !== undefined ? { title: s.title } : {}),
      fields: s.fields.flatMap((path) => {
        const field = fields.get(path);
        return field ? [{ path, field }] : [];
      }),
    }));
  }
  const out: ViewSection[] = [];
  if (spec.startForm) out.push(...formSections(formOf(spec.startForm), ''));
  const transitions: TransitionSpec[] = [
    ...Object.values(spec.on ?? {}),
    ...[...statePaths(spec).values()].flatMap((s) => Object.values(s.on ?? {})),
  ];
  const saved = new Set<string>();
  for (const t of transitions) {
    if (!t.saveAs || !t.form || saved.has(t.saveAs)) continue;
    saved.add(t.saveAs);
    out.push(...formSections(formOf(t.form), `${t.saveAs}.`, t.title));
  }
  return out;
}

/** A form's sections (fields in no section after them, under the form's title), paths under `prefix`. */
function formSections(form: Definition<FormSpec> | undefined, prefix: string, eventTitle?: Localized): ViewSection[] {
  if (!form) return [];
  const part = form.metadata.title ?? eventTitle ?? form.metadata.name;
  const byName = new Map(form.spec.fields.map((f) => [f.name, f]));
  const placed = new Set<string>();
  const sections: ViewSection[] = [];
  for (const s of form.spec.sections ?? []) {
    const fields = s.fields.flatMap((name) => {
      const field = byName.get(name);
      if (!field || placed.has(name)) return [];
      placed.add(name);
      return [{ path: prefix + name, field }];
    });
    if (fields.length) sections.push({ part, title: s.title, fields });
  }
  const rest = form.spec.fields
    .filter((f) => !placed.has(f.name))
    .map((field) => ({ path: prefix + field.name, field }));
  if (rest.length) sections.push({ part, fields: rest });
  return sections;
}
