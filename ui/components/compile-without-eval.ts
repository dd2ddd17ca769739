import type { Definition } from '../../engine/definitions/kind.ts';
import { compileForm, fieldTypes } from '../../engine/forms/index.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import type { FormRuntime } from './form-runtime.ts';

let evalAllowed: boolean | undefined;

/**
 * Whether this page may compile code at run time. The engine's validator (ajv) compiles each form's
 * JSON Schema with `new Function`, which a content security policy without 'unsafe-eval' forbids.
 */
export function canCompileCode(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = (new Function('return true') as () => unknown)() === true;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

/** For tests: behave as under a content security policy that forbids compiling code. */
export function forbidCodeCompilation(forbidden: boolean | undefined) {
  evalAllowed = forbidden === undefined ? undefined : !forbidden;
}

/**
 * The engine's form for pages whose content security policy forbids `new Function`: the same
 * compiled form, with its JSON Schema (types, patterns, lengths, bounds, formats) checked by the
 * engine's interpreter instead of ajv's generated code, so a form filled offline is found wrong at
 * once, at its fields, with the engine's messages.
 */
export function compileFormWithoutEval(def: Definition<FormSpec>): FormRuntime {
  return compileForm(def, fieldTypes, { schemaValidator: 'interpreter' }) as unknown as FormRuntime;
}
