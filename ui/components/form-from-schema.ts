import type { Definition } from '../../engine/definitions/kind.ts';
import { fieldTypes as engineFieldTypes } from '../../engine/forms/index.ts';
import type { FieldSpec, FormSpec } from '../../engine/forms/form-model.ts';
import type { Localized } from '../../engine/localized.ts';
import type { FormInput } from './resolve-form.ts';

type Schema = Record<string, unknown>;

const COMMON = new Set([
  'name',
  'type',
  'label',
  'hint',
  'placeholder',
  'required',
  'requiredWhen',
  'visibleWhen',
  'compute',
  'readOnly',
  'default',
  'width',
]);

/**
 * What `<sf-form>` should render for an event's `form` as the API serves it: a compiled form
 * (schema + layout) or a Form definition as they are, a JSON Schema of the data rebuilt into a
 * Form definition from its `x-sf-*` annotations (plain JSON Schema types where they are missing).
 * Undefined when the event carries no data to fill in.
 */
export function formForEvent(form: Record<string, unknown> | null | undefined, name = 'event'): FormInput | undefined {
  if (!form || typeof form !== 'object') return undefined;
  // The same served object gives the same input, so <sf-form> compiles it once.
  if (built.has(form)) return built.get(form);
  const input = build(form, name);
  built.set(form, input);
  return input;
}

const built = new WeakMap<object, FormInput | undefined>();

function build(form: Record<string, unknown>, name: string): FormInput | undefined {
  if ('layout' in form && 'schema' in form) return form as unknown as FormInput;
  if (form['kind'] === 'Form' && 'spec' in form) return form as unknown as FormInput;
  const fields = fieldsOf(form);
  if (fields.length === 0) return undefined;
  const title = (form['x-sf-title'] ?? form['title']) as Localized | undefined;
  const formName = typeof form['x-sf-form'] === 'string' ? (form['x-sf-form'] as string) : name;
  const definition: Definition<FormSpec> = {
    apiVersion: 'serviceframe/v1',
    kind: 'Form',
    metadata: { name: formName, ...(title ? { title } : {}) },
    spec: { fields, ...sectionsOf(form, fields) },
  } as unknown as Definition<FormSpec>;
  return definition;
}

/** The form's sections (`x-sf-sections`), keeping only fields the schema has, each once. */
function sectionsOf(schema: Schema, fields: readonly FieldSpec[]): Pick<FormSpec, 'sections'> {
  const declared = schema['x-sf-sections'];
  if (!Array.isArray(declared)) return {};
  const left = new Set(fields.map((f) => f.name));
  const sections = [];
  for (const s of declared as { title?: Localized; fields?: unknown }[]) {
    if (s?.title === undefined || !Array.isArray(s.fields)) continue;
    const names = s.fields.filter((n): n is string => typeof n === 'string' && left.delete(n));
    if (names.length) sections.push({ title: s.title, fields: names });
  }
  return sections.length ? { sections } : {};
}

function fieldsOf(schema: Schema): FieldSpec[] {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, node]) => fieldOf(name, node, required.has(name)));
}

function inferType(node: Schema): string {
  const declared = node['x-sf-type'];
  if (typeof declared === 'string') return declared;
  const type = Array.isArray(node['type']) ? (node['type'] as string[]).find((t) => t !== 'null') : node['type'];
  if (Array.isArray(node['enum'])) return 'enum';
  if (type === 'array' && Array.isArray((node['items'] as Schema | undefined)?.['enum'])) return 'enum';
  if (type === 'boolean') return 'yesno';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'object') return 'group';
  if (type === 'array') return 'rows';
  if (node['format'] === 'date') return 'date';
  if (node['format'] === 'date-time') return 'datetime';
  if (node['format'] === 'email') return 'email';
  if (typeof node['maxLength'] === 'number' && (node['maxLength'] as number) > 200) return 'textarea';
  return 'text';
}

function fieldOf(name: string, node: Schema, required: boolean): FieldSpec {
  const type = inferType(node);
  const accepts = new Set(engineFieldTypes.get(type)?.accepts ?? []);
  const spec: Record<string, unknown> = { name, type, label: node['x-sf-label'] ?? node['title'] ?? name };
  const put = (key: string, value: unknown) => {
    if (value !== undefined && (COMMON.has(key) || accepts.has(key))) spec[key] = value;
  };
  put('hint', node['x-sf-hint'] ?? node['description']);
  put('placeholder', node['x-sf-placeholder']);
  if (required || node['x-sf-required'] === true) spec['required'] = true;
  put('requiredWhen', node['x-sf-required-when']);
  put('visibleWhen', node['x-sf-visible-when']);
  put('compute', node['x-sf-compute']);
  if (node['readOnly'] === true && node['x-sf-compute'] === undefined) spec['readOnly'] = true;
  put('default', node['default']);
  put('width', node['x-sf-width']);
  put('pattern', node['pattern']);
  put('patternMessage', node['x-sf-pattern-message']);
  put('minLength', node['minLength']);
  put('maxLength', node['maxLength']);
  // money's schema always says minimum 0; only a different bound was written in the definition.
  if (!(type === 'money' && node['minimum'] === 0)) put('min', node['minimum']);
  put('max', node['maximum']);
  put('minRows', node['minItems']);
  put('maxRows', node['maxItems']);
  put('role', node['x-sf-role']);
  put('within', node['x-sf-within']);
  put('upward', node['x-sf-upward']);
  put('unitTypes', node['x-sf-unit-types']);
  // The people or units the server lists for this reader and case (oneOf; `not: {}` when none is valid now).
  if (type === 'unit' || type === 'user') {
    const listed = Array.isArray(node['oneOf']) ? (node['oneOf'] as { const?: unknown; title?: unknown }[]) : undefined;
    if (listed) spec['options'] = listed.map((o) => ({ value: String(o.const), label: String(o.title ?? o.const) }));
    else if (node['not'] !== undefined) spec['options'] = [];
  }
  if (accepts.has('multiple') && node['type'] === 'array') spec['multiple'] = true;
  if (type === 'enum') {
    const items = node['type'] === 'array' ? ((node['items'] ?? {}) as Schema) : node;
    const options =
      node['x-sf-options'] ??
      (items['enum'] as unknown[] | undefined)?.map((value) => ({ value, label: String(value) }));
    put('options', options);
  }
  if (type === 'group') spec['fields'] = fieldsOf(node);
  if (type === 'rows') spec['fields'] = fieldsOf((node['items'] ?? {}) as Schema);
  return spec as unknown as FieldSpec;
}
