import { formForEvent } from '../components/form-from-schema.ts';
import type { ViewFieldInfo } from './view-field.ts';

/**
 * The fields of an event's form as the API serves it (a JSON Schema with `x-sf-*` annotations, a
 * compiled form, or a Form definition), for showing the data a history entry carries.
 */
export function fieldsOfForm(form: Record<string, unknown> | null | undefined): readonly ViewFieldInfo[] {
  const input = formForEvent(form) as unknown as
    | {
        spec?: { fields?: readonly ViewFieldInfo[] };
        layout?: { sections?: readonly { fields: readonly ViewFieldInfo[] }[] };
      }
    | undefined;
  if (!input) return [];
  if (input.spec?.fields) return input.spec.fields;
  return input.layout?.sections?.flatMap((s) => s.fields) ?? [];
}
