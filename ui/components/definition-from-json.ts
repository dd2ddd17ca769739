import type { Definition } from '../../engine/definitions/kind.ts';
import type { CompiledFormJson, FieldSpec, FormSpec, LayoutField } from '../../engine/forms/form-model.ts';

type Schema = Record<string, unknown>;

/**
 * Rebuilds the Form definition from a compiled form as the server serves it (schema + layout), so
 * the browser can compile it with the engine's own compileForm and validate exactly as the server
 * does. The layout carries every field property except those only the schema keeps (pattern, its
 * message, default), which are read back from the field's schema node.
 */
export function definitionFromCompiledJson(json: CompiledFormJson): Definition<FormSpec> {
  const rootSchema = json.schema as Schema;
  const fields: FieldSpec[] = [];
  const sections: { title: NonNullable<FormSpec['sections']>[number]['title']; fields: string[] }[] = [];
  for (const section of json.layout.sections) {
    for (const field of section.fields) fields.push(toSpec(field, childSchema(rootSchema, field.name)));
    if (section.title !== undefined) sections.push({ title: section.title, fields: section.fields.map((f) => f.name) });
  }
  return {
    apiVersion: 'serviceframe/v1',
    kind: 'Form',
    metadata: { name: json.name, title: json.title },
    spec: sections.length ? { fields, sections } : { fields },
  };
}

function childSchema(container: Schema | undefined, name: string): Schema | undefined {
  const properties = container?.['properties'] as Record<string, Schema> | undefined;
  return properties?.[name];
}

function toSpec(field: LayoutField, schema: Schema | undefined): FieldSpec {
  const { pointer: _pointer, fields: nested, required, readOnly, ...rest } = field;
  const spec: Record<string, unknown> = { ...rest };
  if (required) spec['required'] = true;
  // A computed field is read-only in the layout because of its expression; only an explicit
  // readOnly belongs back in the definition.
  if (readOnly && field.compute === undefined) spec['readOnly'] = true;
  const fromSchema = {
    pattern: schema?.['pattern'],
    patternMessage: schema?.['x-sf-pattern-message'],
    default: schema?.['default'],
  };
  for (const [key, value] of Object.entries(fromSchema)) if (value !== undefined) spec[key] = value;
  if (nested) {
    const container = field.type === 'rows' ? (schema?.['items'] as Schema | undefined) : schema;
    spec['fields'] = nested.map((child) => toSpec(child, childSchema(container, child.name)));
  }
  return spec as unknown as FieldSpec;
}
