import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ajvPatternEngine } from '../patterns/index.ts';
import { ANNOTATIONS } from './form-schema.ts';
import type { JsonSchema } from './field-types/field-type.ts';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
  formats: string[],
) => Ajv2020;

/**
 * One Ajv per compiled form: a form's validator is compiled once, and when a definition version is
 * dropped its Ajv (and compiled code) goes with it instead of piling up in a shared instance.
 */
export function compileDataValidator(schema: JsonSchema): ValidateFunction {
  // A definition's `pattern` runs on RE2 (linear time, capped length), never on V8's backtracking engine.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, code: { regExp: ajvPatternEngine } });
  addFormats(ajv, ['date', 'date-time', 'email']);
  ajv.addVocabulary([...ANNOTATIONS]);
  const { $id: _id, ...withoutId } = schema;
  return ajv.compile(withoutId);
}
