import type { Definition } from '../../engine/definitions/kind.ts';
import { fieldError, ownerOf } from '../../engine/forms/ajv-errors.ts';
import { evaluateForm, isPlainObject } from '../../engine/forms/evaluate-form.ts';
import { buildFieldNodes, type FieldNode } from '../../engine/forms/field-node.ts';
import { fieldTypes } from '../../engine/forms/field-types/registry.ts';
import { buildLayout } from '../../engine/forms/form-layout.ts';
import type { FieldError, FormSpec } from '../../engine/forms/form-model.ts';
import { objectSchema } from '../../engine/forms/form-schema.ts';
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
 * The engine's form without its JSON Schema validator, for pages whose content security policy
 * forbids `new Function`: the same layout, visibility, requirement, computed values and the field
 * types' own checks (checksums, fen), with the engine's messages. What only the schema says (types,
 * patterns, lengths, bounds) is left to the server, whose 422 field errors `<sf-form>` shows at
 * the fields.
 */
export function compileFormWithoutEval(def: Definition<FormSpec>): FormRuntime {
  const hit = cache.get(def);
  if (hit) return hit;
  const nodes = buildFieldNodes(def.spec.fields, fieldTypes);
  const roots = new Map(nodes.map((n) => [n.name, n]));
  const title = def.metadata.title ?? def.metadata.name;
  const schema = { title: localize(title, 'zh-CN'), 'x-sf-form': def.metadata.name, ...objectSchema(nodes) };
  const layout = buildLayout(def.spec, nodes);
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
      const locale = options.locale;
      const ev = evaluateForm(nodes, isPlainObject(data) ? data : {}, (options.context ?? {}) as Record<string, unknown>);
      const errors: FieldError[] = [];
      // What JSON Schema's `required` says (fields required with no condition), in the same walk order.
      const walk = (list: readonly FieldNode[], container: unknown, prefix: string) => {
        for (const node of list) {
          const pointer = `${prefix}/${node.key}`;
          if (ev.hidden.has(pointer)) continue;
          const value = isPlainObject(container) ? container[node.name] : undefined;
          if (node.staticRequired && (value === undefined || value === null || value === '')) {
            errors.push(fieldError(pointer, 'required', locale, localize(node.spec.label, locale)));
            continue;
          }
          if (node.container === 'group') walk(node.children, value, pointer);
          if (node.container === 'rows' && Array.isArray(value)) value.forEach((row, i) => walk(node.children, row, `${pointer}/${i}`));
        }
      };
      walk(nodes, ev.data, '');
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
