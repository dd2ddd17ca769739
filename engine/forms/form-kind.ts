import type { Definition, KindDefinition } from '../definitions/kind.ts';
import formSchema from '../definitions/schemas/form.schema.json' with { type: 'json' };
import { checkFormSpec } from './check-form-spec.ts';
import { fieldTypes } from './field-types/registry.ts';
import type { FormSpec } from './form-model.ts';

/** `kind: Form` for the definition loader: its schema, and the checks beyond it. */
export const formKind: KindDefinition = {
  kind: 'Form',
  schema: formSchema as Record<string, unknown>,
  check(doc, index, report) {
    checkFormSpec((doc as Definition<FormSpec>).spec, fieldTypes, report, index);
  },
};
