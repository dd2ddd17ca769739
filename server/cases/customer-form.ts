/**
 * Staff-only fields (`staffOnly: true` in a form, `x-sf-staff-only` in its JSON Schema) as a
 * customer meets them: left out of every form schema a customer is sent, and dropped from what a
 * customer submits, so a portal request neither shows nor sets how staff classify it.
 */
type Schema = Readonly<Record<string, unknown>>;

export function withoutStaffOnly(schema: Schema | null | undefined): Schema | null {
  if (!schema) return null;
  const properties = schema['properties'] as Record<string, Schema> | undefined;
  if (!properties) return schema;
  const kept: Record<string, Schema> = {};
  for (const [name, field] of Object.entries(properties)) {
    if (field['x-sf-staff-only'] === true) continue;
    const items = field['items'] as Schema | undefined;
    kept[name] =
      field['type'] === 'object'
        ? (withoutStaffOnly(field) as Schema)
        : field['type'] === 'array' && items?.['type'] === 'object'
          ? { ...field, items: withoutStaffOnly(items) }
          : field;
  }
  const out: Record<string, unknown> = { ...schema, properties: kept };
  if (Array.isArray(schema['required'])) out['required'] = (schema['required'] as string[]).filter((n) => n in kept);
  const sections = schema['x-sf-sections'];
  if (Array.isArray(sections)) {
    out['x-sf-sections'] = sections.map((s: { fields?: string[] }) =>
      Array.isArray(s.fields) ? { ...s, fields: s.fields.filter((n) => n in kept) } : s,
    );
  }
  return out;
}

/**
 * The submitted data without the fields the form marks staff-only (top level and in groups); such a
 * field with a `portalValue` takes that value instead (a portal request's channel is online).
 */
export function dropStaffOnly(
  schema: Schema | null | undefined,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const properties = schema?.['properties'] as Record<string, Schema> | undefined;
  if (!properties) return { ...data };
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(properties)) {
    if (field['x-sf-staff-only'] === true && field['x-sf-portal-value'] !== undefined)
      out[name] = field['x-sf-portal-value'];
  }
  for (const [name, value] of Object.entries(data)) {
    const field = properties[name];
    if (field?.['x-sf-staff-only'] === true) continue;
    out[name] =
      field?.['type'] === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)
        ? dropStaffOnly(field, value as Record<string, unknown>)
        : value;
  }
  return out;
}

interface LaidOutField {
  readonly name: string;
  readonly fields?: readonly LaidOutField[];
}
interface Layout<F extends LaidOutField> {
  readonly sections: readonly { readonly fields: readonly F[] }[];
}

/**
 * A form's layout as a customer meets it: without the fields `withoutStaffOnly` leaves out of its
 * schema (a layout lists each field's label and options, so keeping them would tell the customer
 * what the schema hides). Groups follow their object's schema, rows their items' schema.
 */
export function layoutWithoutStaffOnly<F extends LaidOutField, L extends Layout<F>>(layout: L, schema: Schema): L {
  const keep = (fields: readonly F[], node: Schema | undefined): F[] => {
    const properties = node?.['properties'] as Record<string, Schema> | undefined;
    const out: F[] = [];
    for (const f of fields) {
      const field = properties?.[f.name];
      if (field?.['x-sf-staff-only'] === true) continue;
      if (!f.fields) {
        out.push(f);
        continue;
      }
      const inner = field?.['type'] === 'array' ? (field['items'] as Schema | undefined) : field;
      out.push({ ...f, fields: keep(f.fields as readonly F[], inner) });
    }
    return out;
  };
  return { ...layout, sections: layout.sections.map((s) => ({ ...s, fields: keep(s.fields, schema) })) };
}
