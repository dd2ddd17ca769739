import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import type { FormSpec } from '../forms/form-model.ts';
import { hintFor } from './check-summary.ts';
import { dataFields } from './data-fields.ts';
import type { WorkflowSpec } from './workflow-model.ts';
import { say } from '../definitions/said.ts';

/**
 * `spec.view`: each path is a field one of the workflow's forms writes into the case data, as for
 * `summary` (groups and rows are allowed here: the case page lays them out). A missing form is
 * reported on its own, and the view is then not checked against the rest.
 */
export function checkView(spec: WorkflowSpec, index: DefinitionIndex, report: Report): void {
  if (spec.view === undefined) return;
  let missingForm = false;
  const fields = dataFields(spec, (name) => {
    const form = index.get<FormSpec>('Form', name);
    if (!form) missingForm = true;
    return form?.spec.fields;
  });
  if (missingForm) return;
  spec.view.forEach((section, s) =>
    section.fields.forEach((path, i) => {
      if (fields.has(path)) return;
      report(`/spec/view/${s}/fields/${i}`, Code.unknownReference, say('portal.unknownFieldNoForm', { path }), {
        hint: hintFor(path, [...fields.keys()]),
      });
    }),
  );
}
