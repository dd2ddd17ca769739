import type { Definition } from '../../engine/definitions/kind.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { CompiledFormJson, FormSpec } from '../../engine/forms/form-model.ts';
import { canCompileCode, compileFormWithoutEval } from './compile-without-eval.ts';
import { definitionFromCompiledJson } from './definition-from-json.ts';
import { isFormRuntime, type FormRuntime } from './form-runtime.ts';

/** What `<sf-form>` accepts as `form`: a compiled form, its JSON as served, or the Form definition. */
export type FormInput = FormRuntime | CompiledFormJson | Definition<FormSpec>;

const compiledFromJson = new WeakMap<object, FormRuntime>();

/**
 * Turns any accepted input into the engine's compiled form: the same pure code the server
 * validates with, so the browser never disagrees with the server about what is valid.
 * Throws the engine's FormCompileError for a definition the loader would have rejected.
 */
export function resolveForm(input: FormInput): FormRuntime {
  if (isFormRuntime(input)) return input;
  // Under a content security policy without 'unsafe-eval' the schema validator cannot be compiled;
  // the form still renders and checks what it can, and the server checks the rest.
  const compile = (def: Definition<FormSpec>) =>
    canCompileCode() ? (compileForm(def) as unknown as FormRuntime) : compileFormWithoutEval(def);
  if ('kind' in input && input.kind === 'Form' && 'spec' in input) return compile(input);
  const json = input as CompiledFormJson;
  let hit = compiledFromJson.get(json);
  if (!hit) {
    hit = compile(definitionFromCompiledJson(json));
    compiledFromJson.set(json, hit);
  }
  return hit;
}
