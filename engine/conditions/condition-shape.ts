/**
 * Reads a condition's shape the way json-rules-engine's `Condition` constructor does: `any` wins
 * over `all`, which wins over `not`; otherwise it is a leaf `{fact, operator, value, path?}`.
 * Shared by the checker, the compiler and `conditionFacts`, so the three never disagree.
 */
export type ConditionNode =
  | { readonly kind: 'all' | 'any'; readonly children: readonly unknown[] }
  | { readonly kind: 'not'; readonly child: unknown }
  | { readonly kind: 'reference'; readonly name: unknown }
  | { readonly kind: 'leaf'; readonly leaf: Readonly<Record<string, unknown>> }
  | { readonly kind: 'invalid' };

export const LEAF_KEYS: ReadonlySet<string> = new Set([
  'fact',
  'operator',
  'value',
  'path',
  'params',
  'name',
  'priority',
]);
export const BOOLEAN_KEYS: ReadonlySet<string> = new Set(['all', 'any', 'not', 'name', 'priority']);

export function isPlainObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function shapeOf(cond: unknown): ConditionNode {
  if (!isPlainObject(cond)) return { kind: 'invalid' };
  for (const kind of ['any', 'all'] as const) {
    if (Object.hasOwn(cond, kind)) {
      const children = cond[kind];
      return Array.isArray(children) ? { kind, children } : { kind: 'invalid' };
    }
  }
  if (Object.hasOwn(cond, 'not')) return { kind: 'not', child: cond['not'] };
  if (Object.hasOwn(cond, 'condition')) return { kind: 'reference', name: cond['condition'] };
  return { kind: 'leaf', leaf: cond };
}

/** `value: {fact, path?}` compares with another fact rather than a literal. */
export function isFactReference(value: unknown): value is { fact: unknown; path?: unknown } {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'fact');
}
