import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { fieldTypes } from '../forms/field-types/registry.ts';
import type { FormSpec } from '../forms/form-model.ts';
import { dataFields } from './data-fields.ts';
import type { WorkflowSpec } from './workflow-model.ts';

/**
 * `spec.summary`: each path is a field that one of the workflow's forms writes into the case data
 * (see data-fields.ts), and a field with one value, not a group or rows. When a form the workflow
 * names is missing, that is reported on its own and the summary is not checked against the rest.
 */
export function checkSummary(spec: WorkflowSpec, index: DefinitionIndex, report: Report): void {
  if (spec.summary === undefined) return;
  let missingForm = false;
  const fields = dataFields(spec, (name) => {
    const form = index.get<FormSpec>('Form', name);
    if (!form) missingForm = true;
    return form?.spec.fields;
  });
  if (missingForm) return;
  spec.summary.forEach((path, i) => {
    const field = fields.get(path);
    const pointer = `/spec/summary/${i}`;
    if (!field) {
      report(
        pointer,
        Code.unknownReference,
        `unknown field "${path}": no form of this workflow writes it into the case data`,
        { hint: hintFor(path, [...fields.keys()]) },
      );
      return;
    }
    const container = fieldTypes.get(field.type)?.container;
    if (container === 'group')
      report(pointer, Code.invalidValue, `"${path}" is a group: a summary shows single values`, {
        hint: `name one of its fields, e.g. ${path}.${field.fields?.[0]?.name ?? 'field'}`,
      });
    if (container === 'rows')
      report(pointer, Code.invalidValue, `"${path}" is a list of rows: a summary shows single values`, {
        hint: 'name a field outside the rows',
      });
  });
}

/** How many field paths a hint lists: a workflow with a long work order writes a hundred. */
const LISTED = 12;

/** The same name in another case or under a saveAs key, else the first fields there are. */
export function hintFor(path: string, known: readonly string[]): string {
  const near = known.filter((k) => k.toLowerCase() === path.toLowerCase() || k.endsWith(`.${path}`));
  if (near.length > 0) return `did you mean ${near.join(' or ')}?`;
  const more = known.length > LISTED ? `, … (${known.length - LISTED} more)` : '';
  return `fields: ${known.slice(0, LISTED).join(', ') || 'none'}${more}; an event with saveAs: x writes x.field`;
}
