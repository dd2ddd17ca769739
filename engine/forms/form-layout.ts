import type { FieldNode } from './field-node.ts';
import type { FormLayout, FormSpec, LayoutField } from './form-model.ts';

/** What the generic renderer walks: sections of fields, each with the pointer of its value. */
export function buildLayout(spec: FormSpec, nodes: readonly FieldNode[]): FormLayout {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const placed = new Set<string>();
  const sections: FormLayout['sections'][number][] = [];
  for (const section of spec.sections ?? []) {
    const fields = section.fields.flatMap((name) => {
      const node = byName.get(name);
      if (!node) return [];
      placed.add(name);
      return [layoutField(node)];
    });
    sections.push({ title: section.title, fields });
  }
  const rest = nodes.filter((n) => !placed.has(n.name)).map(layoutField);
  if (rest.length > 0 || sections.length === 0) sections.push({ fields: rest });
  return { sections };
}

function layoutField(node: FieldNode): LayoutField {
  const s = node.spec;
  const field: Record<string, unknown> = {
    name: node.name,
    pointer: node.pattern,
    type: s.type,
    label: s.label,
    required: s.required === true,
    readOnly: s.readOnly === true || s.compute !== undefined,
  };
  const optional = [
    'hint',
    'placeholder',
    'requiredWhen',
    'visibleWhen',
    'compute',
    'options',
    'multiple',
    'role',
    'within',
    'upward',
    'unitTypes',
    'min',
    'max',
    'minLength',
    'maxLength',
    'minRows',
    'maxRows',
    'width',
  ] as const;
  for (const key of optional) if (s[key] !== undefined) field[key] = s[key];
  if (node.type.container) field['fields'] = node.children.map(layoutField);
  return field as unknown as LayoutField;
}
