import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { joinPointer } from '../definitions/yaml-source.ts';
import { compileExpression } from '../expressions/index.ts';
import type { RecordLinkSpec } from './workflow-model.ts';
import { codedSaid, knownList, say } from '../definitions/said.ts';

/** What a link's match and fill expressions may read (see link-records.ts). */
const LINK_SCOPE = ['data', 'actor', 'case'];

/**
 * `spec.records`: each link names a RecordType whose form has every match and fill key as a field,
 * and each value is a literal or an expression that compiles over data, actor and case.
 */
export function checkRecordLinks(
  links: Readonly<Record<string, RecordLinkSpec>> | undefined,
  index: DefinitionIndex,
  report: Report,
): void {
  for (const [name, link] of Object.entries(links ?? {})) {
    const at = (...rest: string[]) => joinPointer('spec', 'records', name, ...rest);
    const type = index.get<{ form: string }>('RecordType', link.type);
    if (!type) {
      report(at('type'), Code.unknownReference, say('action.unknownRecordtype', { type: link.type }), {
        hint: knownList(index.names('RecordType')),
      });
      continue;
    }
    const form = index.get<{ fields: { name: string }[] }>('Form', type.spec.form);
    const fields = form ? new Set(form.spec.fields.map((f) => f.name)) : null;
    if (Object.keys(link.match).length === 0)
      report(at('match'), Code.invalidValue, say('links.matchNamesNoField'), {
        hint: say('links.eGMatchPhone'),
      });
    for (const part of ['match', 'fill'] as const) {
      for (const [field, value] of Object.entries(link[part] ?? {})) {
        if (fields && !fields.has(field))
          report(at(part, field), Code.unknownReference, say('action.recordsHaveNoField', { type: link.type, field }), {
            hint: say('links.fieldsOfForm', { type: link.type, form: type.spec.form, fields: [...fields] }),
          });
        if (!value.startsWith('=')) continue;
        const compiled = compileExpression(value.slice(1));
        if (!compiled.ok) {
          report(
            at(part, field),
            Code.invalidExpression,
            say('schedule.invalidExpressionColumn', {
              message: codedSaid('expression', compiled.code, compiled.message, compiled.reason),
              column: compiled.column,
            }),
          );
          continue;
        }
        for (const ref of compiled.references) {
          const root = ref.split(/[.[]/)[0]!;
          if (!LINK_SCOPE.includes(root))
            report(at(part, field), Code.invalidExpression, say('links.isNotKnownWhen', { root }), {
              hint: say('links.aLinkMayRead', { LINK_SCOPE }),
            });
        }
      }
    }
  }
}
