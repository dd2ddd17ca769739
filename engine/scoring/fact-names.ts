import { shapeOf } from '../conditions/condition-shape.ts';

/**
 * Fact names a rule's condition compares `fact.name` with, and where: the values of leaves
 * `{fact: fact, path: $.name, operator: equal | notEqual | in | notIn, value}`.
 */
export function namedFacts(cond: unknown, at = ''): { name: string; pointer: string }[] {
  const shape = shapeOf(cond);
  switch (shape.kind) {
    case 'all':
    case 'any':
      return shape.children.flatMap((c, i) => namedFacts(c, `${at}/${shape.kind}/${i}`));
    case 'not':
      return namedFacts(shape.child, `${at}/not`);
    case 'leaf': {
      const { leaf } = shape;
      if (leaf['fact'] !== 'fact' || !['$.name', 'name', '$["name"]'].includes(String(leaf['path']))) return [];
      const value = leaf['value'];
      if (typeof value === 'string') return [{ name: value, pointer: `${at}/value` }];
      if (Array.isArray(value))
        return value.flatMap((v, i) => (typeof v === 'string' ? [{ name: v, pointer: `${at}/value/${i}` }] : []));
      return [];
    }
    default:
      return [];
  }
}
