/**
 * `fees[].amount` maps over a list: `fees[]` yields a Projection, and member access on a
 * Projection reads that member of every element. It becomes a plain array when it leaves
 * member access (as a function argument or the result).
 */
export class Projection {
  constructor(readonly items: readonly unknown[]) {}
}

export const unwrap = (v: unknown): unknown => (v instanceof Projection ? v.items : v);

/** Arguments of list functions: arrays and projections are spread, everything else is itself. */
export function flatten(args: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const a of args) {
    const v = unwrap(a);
    if (Array.isArray(v)) out.push(...(v as unknown[]));
    else out.push(v);
  }
  return out;
}
