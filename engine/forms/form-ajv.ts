import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ANNOTATIONS } from './form-schema.ts';
import type { JsonSchema } from './field-types/field-type.ts';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020, formats: string[]) => Ajv2020;

/**
 * One Ajv per compiled form: a form's validator is compiled once, and when a definition version is
 * dropped its Ajv (and compiled code) goes with it instead of piling up in a shared instance.
 */
export function compileDataValidator(schema: JsonSchema): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv, ['date', 'date-time', 'email']);
  ajv.addVocabulary([...ANNOTATIONS]);
  const { $id: _id, ...withoutId } = schema;
  try {
    return ajv.compile(withoutId);
  } catch (error) {
    // Ajv compiles to code with `new Function`. A page whose content security policy forbids eval
    // (the server's `script-src 'self'`) throws EvalError here: the form must still render, so the
    // browser then leaves the schema checks to the server, which answers 422 with field errors
    // that <sf-form> shows at the field. Field-type checks and computed requirements still run.
    if (!(error instanceof EvalError)) throw error;
    const serverChecks = ((_data: unknown) => true) as unknown as ValidateFunction;
    serverChecks.errors = null;
    return serverChecks;
  }
}
