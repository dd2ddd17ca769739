import type { Definition } from '../definitions/kind.ts';
import type { ExpressionEnv } from '../expressions/index.ts';
import { localize, type Locale } from '../localized.ts';
import type { Registry } from '../registry.ts';
import { fieldError, fromAjvError, ownerOf } from './ajv-errors.ts';
import { withDefaultMaxLength } from './default-max-length.ts';
import { evaluateForm, isPlainObject, type FormData, type FormEvaluation } from './evaluate-form.ts';
import { buildFieldNodes } from './field-node.ts';
import type { FieldType } from './field-types/field-type.ts';
import { fieldTypes } from './field-types/registry.ts';
import { compileDataValidator } from './form-ajv.ts';
import { buildLayout } from './form-layout.ts';
import type { CompiledFormJson, FieldError, FormSpec } from './form-model.ts';
import { objectSchema } from './form-schema.ts';
import type { People } from './people.ts';
import type { Units } from './units.ts';
import { interpretSchema, type SchemaCheck } from './schema-interpreter.ts';

export interface ValidateOptions {
  /** Language of the messages; zh-CN by default. */
  readonly locale?: Locale;
  /** The `context` fact of visibleWhen/requiredWhen and the `context` name in expressions (actor, case data). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** The instant `now` stands for in computed fields (ISO 8601); the compiler never reads a clock. */
  readonly now?: string;
  /** Who `user` fields may name (the engine's directory and case); without it only their shape is checked. */
  readonly people?: People;
  /**
   * Which units `unit` fields may name (the Organization, the actor and the case); without it only their shape is
   * checked.
   */
  readonly units?: Units;
}

export type ValidationResult =
  { readonly ok: true; readonly data: FormData } | { readonly ok: false; readonly errors: readonly FieldError[] };

export interface CompiledForm extends CompiledFormJson {
  /** evaluate, then JSON Schema (all errors; unknown fields rejected), then conditional
   *  requirements, then each type's extra check; every problem with the pointer of its value. */
  validate(data: unknown, options?: ValidateOptions): ValidationResult;
  evaluate(data: unknown, context?: Readonly<Record<string, unknown>>, env?: ExpressionEnv): FormEvaluation;
  /** The plain-JSON part, as served over HTTP. */
  toJSON(): CompiledFormJson;
}

export interface CompileFormOptions {
  /**
   * What checks the JSON Schema: ajv's generated code (default), or the interpreter for pages
   * whose content security policy forbids `new Function` (same keywords, codes and messages).
   */
  readonly schemaValidator?: 'ajv' | 'interpreter';
}

const caches = {
  ajv: new WeakMap<Definition<FormSpec>, CompiledForm>(),
  interpreter: new WeakMap<Definition<FormSpec>, CompiledForm>(),
};

/**
 * Compiles a `kind: Form` definition. Pure and browser-safe: the UI validates with exactly this.
 * Throws FormCompileError for problems the Form kind's check reports (run the loader first).
 */
export function compileForm(
  def: Definition<FormSpec>,
  types: Registry<FieldType> = fieldTypes,
  options: CompileFormOptions = {},
): CompiledForm {
  const cache = types === fieldTypes ? caches[options.schemaValidator ?? 'ajv'] : undefined;
  const hit = cache?.get(def);
  if (hit) return hit;

  const fields = withDefaultMaxLength(def.spec, types);
  const nodes = buildFieldNodes(fields, types);
  const roots = new Map(nodes.map((n) => [n.name, n]));
  const title = def.metadata.title ?? def.metadata.name;
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://serviceframe.dev/forms/${def.metadata.name}.schema.json`,
    title: localize(title, 'zh-CN'),
    'x-sf-form': def.metadata.name,
    // A client that only has the schema (an event's form in a case) still shows the sections.
    ...(def.spec.sections?.length
      ? { 'x-sf-sections': def.spec.sections.map((s) => ({ title: s.title, fields: [...s.fields] })) }
      : {}),
    ...objectSchema(nodes),
  };
  const layout = buildLayout(def.spec, nodes);
  const checkSchema: SchemaCheck =
    options.schemaValidator === 'interpreter' ? interpretSchema(schema) : ajvCheck(compileDataValidator(schema));
  const json: CompiledFormJson = { name: def.metadata.name, title, schema, layout };

  const form: CompiledForm = {
    ...json,
    toJSON: () => json,
    evaluate(data, context, env) {
      const { data: out, hidden, required } = evaluateForm(nodes, isPlainObject(data) ? data : {}, context, env);
      return { data: out, hidden, required };
    },
    validate(data, options = {}) {
      const locale = options.locale ?? 'zh-CN';
      if (!isPlainObject(data)) return { ok: false, errors: [fieldError('', 'type', locale, localize(title, locale))] };
      const ev = evaluateForm(nodes, data, options.context, options.now === undefined ? {} : { now: options.now });
      const errors: FieldError[] = checkSchema(ev.data).map((e) =>
        fromAjvError(e, roots, locale, localize(title, locale)),
      );
      for (const pointer of ev.missing) {
        const { node } = ownerOf(roots, pointer);
        errors.push(fieldError(pointer, 'required', locale, node ? localize(node.spec.label, locale) : pointer));
      }
      for (const { node, pointer, message } of ev.computeErrors) {
        errors.push(fieldError(pointer, 'compute', locale, localize(node.spec.label, locale), message));
      }
      if (ev.checks.length > 0) {
        const failed = new Set(errors.map((e) => e.path));
        const env = { people: options.people, units: options.units };
        for (const { node, pointer, value } of ev.checks) {
          if (failed.has(pointer)) continue;
          const problem = node.check!(value, node.spec, env);
          if (problem)
            errors.push(fieldError(pointer, problem.code, locale, localize(node.spec.label, locale), problem.limit));
        }
      }
      return errors.length > 0 ? { ok: false, errors } : { ok: true, data: ev.data };
    },
  };

  cache?.set(def, form);
  return form;
}

/** ajv's validator as a SchemaCheck: its errors, or none. */
function ajvCheck(validate: ReturnType<typeof compileDataValidator>): SchemaCheck {
  return (data) => (validate(data) ? [] : (validate.errors ?? []));
}
