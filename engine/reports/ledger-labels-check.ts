import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import type { FormSpec } from '../forms/form-model.ts';
import { known } from '../org/organization-kind.ts';
import { say } from '../definitions/said.ts';
import { labelledField } from './ledger-labels.ts';

/**
 * Checks `labels` references (`FORM.FIELD`, a ledger column's or a monthly measure's): the form exists, the field is
 * in it, and it has options whose labels can stand for the stored values. Each refusal at `base/INDEX`.
 */
export function checkLabelReferences(
  base: string,
  labels: readonly string[] | undefined,
  index: DefinitionIndex,
  report: Report,
): void {
  (labels ?? []).forEach((reference, j) => {
    const pointer = `${base}/${j}`;
    const formName = reference.split('.')[0]!;
    if (!index.get('Form', formName))
      return report(pointer, Code.unknownReference, say('ledger.unknownForm', { formName }), {
        hint: known(index, 'Form'),
      });
    const field = labelledField(reference, (name) => index.get<FormSpec>('Form', name));
    if (!field)
      report(
        pointer,
        Code.unknownReference,
        say('ledger.formHasNoField', { formName, formName2: reference.slice(formName.length + 1) }),
      );
    else if (!field.options?.length)
      report(pointer, Code.unknownReference, say('ledger.fieldHasNoOptions', { reference }), {
        hint: say('ledger.labelsNameFieldsWith'),
      });
  });
}
