import { isFactReference, shapeOf } from './condition-shape.ts';

/** The distinct fact names a condition reads, on either side of its comparisons. */
export function conditionFacts(cond: unknown): string[] {
  const facts = new Set<string>();
  const visit = (node: unknown): void => {
    const shape = shapeOf(node);
    if (shape.kind === 'all' || shape.kind === 'any') shape.children.forEach(visit);
    else if (shape.kind === 'not') visit(shape.child);
    else if (shape.kind === 'leaf') {
      const { fact, value } = shape.leaf;
      if (typeof fact === 'string') facts.add(fact);
      if (isFactReference(value) && typeof value.fact === 'string') facts.add(value.fact);
    }
  };
  visit(cond);
  return [...facts];
}
