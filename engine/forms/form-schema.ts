import type { FieldNode } from './field-node.ts';
import type { JsonSchema } from './field-types/field-type.ts';
import { localize, type Localized } from '../localized.ts';

/**
 * The JSON Schema (draft 2020-12) of a form's data. Plain validation keywords for any client;
 * `x-sf-*` annotations carry what only the renderer needs (labels in both languages,
 * conditions, expressions). Conditionally required fields are not in `required`: the validator
 * checks them after evaluating their condition.
 */
export function objectSchema(nodes: readonly FieldNode[]): JsonSchema {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const node of nodes) {
    properties[node.name] = fieldSchema(node);
    if (node.staticRequired) required.push(node.name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

function fieldSchema(node: FieldNode): JsonSchema {
  const { spec } = node;
  const schema: JsonSchema = {
    ...node.type.schema(spec, () => objectSchema(node.children)),
    title: localize(spec.label, 'zh-CN'),
    'x-sf-type': spec.type,
    'x-sf-label': spec.label,
  };
  const annotate = (key: string, value: unknown) => {
    if (value !== undefined) schema[key] = value;
  };
  annotate('description', spec.hint === undefined ? undefined : localize(spec.hint, 'zh-CN'));
  annotate('x-sf-hint', spec.hint);
  annotate('x-sf-placeholder', spec.placeholder);
  annotate('default', spec.default);
  annotate('readOnly', spec.readOnly || spec.compute !== undefined ? true : undefined);
  annotate('x-sf-compute', spec.compute);
  annotate('x-sf-visible-when', spec.visibleWhen);
  annotate('x-sf-required-when', spec.requiredWhen);
  annotate('x-sf-required', spec.required && !node.staticRequired ? true : undefined);
  annotate('x-sf-options', spec.options);
  annotate('x-sf-pattern-message', spec.patternMessage as Localized | undefined);
  annotate('x-sf-width', spec.width);
  annotate('x-sf-staff-only', spec.staffOnly === true ? true : undefined);
  annotate('x-sf-portal-value', spec.staffOnly === true ? spec.portalValue : undefined);
  return schema;
}

/** Annotation keywords ajv must accept (they do not validate anything). */
export const ANNOTATIONS = [
  'x-sf-type',
  'x-sf-label',
  'x-sf-hint',
  'x-sf-placeholder',
  'x-sf-compute',
  'x-sf-visible-when',
  'x-sf-required-when',
  'x-sf-required',
  'x-sf-options',
  'x-sf-pattern-message',
  'x-sf-width',
  'x-sf-currency',
  'x-sf-form',
  'x-sf-sections',
  'x-sf-role',
  'x-sf-within',
  'x-sf-upward',
  'x-sf-unit-types',
  'x-sf-staff-only',
  'x-sf-portal-value',
] as const;
