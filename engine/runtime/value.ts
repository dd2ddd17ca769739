import { compileExpression } from '../expressions/index.ts';

const cache = new Map<string, (scope: Record<string, unknown>) => unknown>();

/**
 * A value written in YAML: a string starting with '=' is a safe expression over the scope
 * (data, event, actor, case, now); anything else is taken literally. Objects and arrays are
 * evaluated member by member.
 */
export function evaluateValue(v: unknown, scope: Record<string, unknown>): unknown {
  if (typeof v === 'string') {
    if (!v.startsWith('=')) return v;
    let fn = cache.get(v);
    if (!fn) {
      const compiled = compileExpression(v.slice(1));
      // Definitions are validated before they run, so a bad expression here is a programming error.
      if (!compiled.ok) throw new Error(`invalid expression ${v}: ${compiled.message}`);
      fn = (scope) => compiled.evaluate(scope);
      cache.set(v, fn);
    }
    return fn(scope);
  }
  if (Array.isArray(v)) return v.map((x) => evaluateValue(x, scope));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, evaluateValue(x, scope)]));
  return v;
}
