import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { fieldTypes } from '../forms/field-types/registry.ts';
import type { FormSpec } from '../forms/form-model.ts';
import { dataFields } from './data-fields.ts';
import type { WorkflowSpec } from './workflow-model.ts';
import { say, type Said } from '../definitions/said.ts';

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
      report(pointer, Code.unknownReference, say('portal.unknownFieldNoForm', { path }), {
        hint: hintFor(path, [...fields.keys()]),
      });
      return;
    }
    const container = fieldTypes.get(field.type)?.container;
    if (container === 'group')
      report(pointer, Code.invalidValue, say('summary.isAGroupA', { path }), {
        hint: say('summary.nameOneOfIts', { path, field: field.fields?.[0]?.name ?? 'field' }),
      });
    if (container === 'rows')
      report(pointer, Code.invalidValue, say('summary.isAListOf', { path }), {
        hint: say('summary.nameAFieldOutside'),
      });
  });
}

/** How many field paths a hint lists: a workflow with a long work order writes a hundred. */
const LISTED = 12;

/** The same name in another case or under a saveAs key, else the first fields there are. */
export function hintFor(path: string, known: readonly string[]): Said {
  const near = known.filter((k) => k.toLowerCase() === path.toLowerCase() || k.endsWith(`.${path}`));
  if (near.length > 0) return say('didYouMean', { names: { or: near } });
  const listed = known.length ? known.slice(0, LISTED) : say('none');
  const more = known.length > LISTED ? say('andMore', { count: known.length - LISTED }) : '';
  return say('summary.fieldsHint', { names: listed, more });
}
