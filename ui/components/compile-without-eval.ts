import type { Definition } from '../../engine/definitions/kind.ts';
import type { ErrorObject } from 'ajv';
import { fieldError, fromAjvError, ownerOf } from '../../engine/forms/ajv-errors.ts';
import { evaluateForm, isPlainObject } from '../../engine/forms/evaluate-form.ts';
import { buildFieldNodes } from '../../engine/forms/field-node.ts';
import { fieldTypes } from '../../engine/forms/field-types/registry.ts';
import { buildLayout } from '../../engine/forms/form-layout.ts';
import type { FieldError, FormSpec } from '../../engine/forms/form-model.ts';
import { objectSchema } from '../../engine/forms/form-schema.ts';
import { interpretSchema } from '../../engine/forms/schema-interpreter.ts';
import { localize } from '../../engine/localized.ts';
import type { FormRuntime } from './form-runtime.ts';

let evalAllowed: boolean | undefined;

/**
 * Whether this page may compile code at run time. The engine's validator (ajv) compiles each form's
 * JSON Schema with `new Function`, which a content security policy without 'unsafe-eval' forbids.
 */
export function canCompileCode(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true;
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

const cache = new WeakMap<object, FormRuntime>();

/**
 * The engine's form without ajv, for pages whose content security policy forbids `new Function`:
 * the same layout, visibility, requirement, computed values and field types' own checks, and the
 * JSON Schema (types, patterns, lengths, bounds, formats) checked by a validator that compiles no
 * code, so a form filled offline is found wrong at once, at its fields, with the engine's messages.
 */
export function compileFormWithoutEval(def: Definition<FormSpec>): FormRuntime {
  const hit = cache.get(def);
  if (hit) return hit;
  const nodes = buildFieldNodes(def.spec.fields, fieldTypes);
  const roots = new Map(nodes.map((n) => [n.name, n]));
  const title = def.metadata.title ?? def.metadata.name;
  const schema = { title: localize(title, 'zh-CN'), 'x-sf-form': def.metadata.name, ...objectSchema(nodes) };
  const layout = buildLayout(def.spec, nodes);
  const checkSchema = interpretSchema(schema);
  const runtime: FormRuntime = {
    name: def.metadata.name,
    title,
    schema,
    layout,
    evaluate(data, context) {
      const { data: out, hidden, required } = evaluateForm(nodes, isPlainObject(data) ? data : {}, (context ?? {}) as Record<string, unknown>);
      return { data: out, hidden, required };
    },
    validate(data, options) {
      // The steps of the engine's compiled form (engine/forms/compile-form.ts), with the schema
      // checked by the interpreter instead of ajv's generated code.
      const locale = options.locale;
      const formTitle = localize(title, locale);
      if (!isPlainObject(data)) return { ok: false, errors: [fieldError('', 'type', locale, formTitle)] };
      const ev = evaluateForm(nodes, data, (options.context ?? {}) as Record<string, unknown>);
      const errors: FieldError[] = checkSchema(ev.data).map((f) => fromAjvError(f as unknown as ErrorObject, roots, locale, formTitle));
      for (const pointer of ev.missing) {
        const { node } = ownerOf(roots, pointer);
        errors.push(fieldError(pointer, 'required', locale, node ? localize(node.spec.label, locale) : pointer));
      }
      for (const { node, pointer, message } of ev.computeErrors) {
        errors.push(fieldError(pointer, 'compute', locale, localize(node.spec.label, locale), message));
      }
      const failed = new Set(errors.map((e) => e.path));
      for (const { node, pointer, value } of ev.checks) {
        if (failed.has(pointer)) continue;
        const problem = node.check!(value, node.spec);
        if (problem) errors.push(fieldError(pointer, problem.code, locale, localize(node.spec.label, locale), problem.limit));
      }
      return errors.length > 0 ? { ok: false, errors } : { ok: true, data: ev.data };
    },
  };
  cache.set(def, runtime);
  return runtime;
}
