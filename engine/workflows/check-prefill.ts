import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { joinPointer } from '../definitions/yaml-source.ts';
import { compileExpression } from '../expressions/index.ts';
import type { FieldSpec, FormSpec } from '../forms/form-model.ts';
import { hintFor } from './check-summary.ts';
import { PREFILL_SCOPE } from './prefill.ts';
import type { TransitionSpec } from './workflow-model.ts';
import { codedSaid, say } from '../definitions/said.ts';

/**
 * An event's `prefill`: the event has a form, every key is one of its top-level fields, and every
 * expression compiles and reads only the case (`data.…` a field the workflow's forms write, see
 * data-fields.ts; `case`, `actor`, `now`). `caseFields` is read only when a `data.` path needs it.
 */
export function checkPrefill(
  pointer: string,
  t: TransitionSpec,
  index: DefinitionIndex,
  caseFields: () => ReadonlyMap<string, FieldSpec> | undefined,
  report: Report,
): void {
  if (t.prefill === undefined) return;
  const at = `${pointer}/prefill`;
  if (t.form === undefined) {
    report(at, Code.invalidValue, say('prefill.prefillFillsTheFields'), {
      hint: say('prefill.addFormFormOr'),
    });
    return;
  }
  const form = index.get<FormSpec>('Form', t.form);
  for (const [field, expression] of Object.entries(t.prefill)) {
    const p = at + joinPointer(field);
    if (form && !form.spec.fields.some((f) => f.name === field)) {
      report(p, Code.unknownReference, say('prefill.unknownFieldFormHas', { field, form: t.form }), {
        hint: hintFor(
          field,
          form.spec.fields.map((f) => f.name),
        ),
      });
    }
    const compiled = compileExpression(expression.replace(/^=/, ''));
    if (!compiled.ok) {
      report(
        p,
        Code.invalidExpression,
        say('prefill.column', {
          message: codedSaid('expression', compiled.code, compiled.message, compiled.reason),
          column: compiled.column,
        }),
      );
      continue;
    }
    for (const ref of compiled.references) {
      const [root, ...rest] = ref.replace(/\[\]/g, '').split('.');
      if (!PREFILL_SCOPE.includes(root!)) {
        report(p, Code.unknownReference, say('prefill.isNotPartOf', { ref }), {
          hint: say('prefill.aPrefillReadsE', { PREFILL_SCOPE }),
        });
        continue;
      }
      if (root !== 'data' || rest.length === 0) continue;
      const known = caseFields();
      const path = rest.join('.');
      if (known && !known.has(path)) {
        report(p, Code.unknownReference, say('portal.unknownFieldNoForm', { path }), {
          hint: hintFor(path, [...known.keys()]),
        });
      }
    }
  }
}
