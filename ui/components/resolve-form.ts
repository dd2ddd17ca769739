import type { CompiledFormJson, FormSpec } from '../../engine/forms/form-model.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import { isFormRuntime, type FormRuntime } from './form-runtime.ts';

/** What `<sf-form>` accepts as `form`: a compiled form, its JSON as served, or the Form definition. */
export type FormInput = FormRuntime | CompiledFormJson | Definition<FormSpec>;

/** Turns any accepted input into the engine's compiled form (the same code the server validates with). */
export function resolveForm(input: FormInput): FormRuntime {
  if (isFormRuntime(input)) return input;
  throw new Error('sf-form: engine/forms compileForm is not available yet');
}
