import { checkCondition } from './check-condition.ts';
import { ConditionError } from './condition-error.ts';
import { isFactReference, shapeOf } from './condition-shape.ts';
import { compilePath, parsePath } from './json-path.ts';
import { readFact } from './read-fact.ts';
import { defaultOperatorSet, resolveOperator, type OperatorSet } from './operator-registry.ts';

export type Facts = Readonly<Record<string, unknown>>;
export type CompiledCondition = (facts: Facts) => boolean;

/**
 * Turns a json-rules-engine condition into a synchronous predicate, so `decide` and form
 * validation stay synchronous and fast. Semantics follow json-rules-engine 7 run with
 * `allowUndefinedFacts: true`: a missing fact or path is `undefined`; an empty `all` or `any`
 * holds; a path on a non-object fact yields the fact itself. Unlike json-rules-engine, a bare
 * leaf is accepted at the root, and an operator that would throw answers false.
 *
 * Throws ConditionError (with every issue) if the condition is malformed; definitions are
 * checked with checkCondition first, so at run time this does not happen.
 */
export function compileCondition(cond: unknown, operatorSet: OperatorSet = defaultOperatorSet): CompiledCondition {
  const issues = checkCondition(cond, null, operatorSet);
  if (issues.length > 0) throw new ConditionError(issues);
  return build(cond, operatorSet);
}

function build(cond: unknown, set: OperatorSet): CompiledCondition {
  const shape = shapeOf(cond);
  switch (shape.kind) {
    case 'all': {
      const parts = shape.children.map((c) => build(c, set));
      return (facts) => {
        for (const p of parts) if (!p(facts)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = shape.children.map((c) => build(c, set));
      if (parts.length === 0) return () => true; // json-rules-engine: an empty set of conditions passes
      return (facts) => {
        for (const p of parts) if (p(facts)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = build(shape.child, set);
      return (facts) => !inner(facts);
    }
    case 'leaf': {
      const { leaf } = shape;
      const op = resolveOperator(leaf['operator'] as string, set)!;
      const left = factReader(leaf['fact'] as string, leaf['path']);
      const value = leaf['value'];
      const right = isFactReference(value) ? factReader(value.fact as string, value.path) : () => value;
      return (facts) => {
        try {
          return op.evaluate(left(facts), right(facts)) === true;
        } catch {
          return false;
        }
      };
    }
    default:
      throw new Error('unreachable: checkCondition accepted an invalid condition');
  }
}

function factReader(fact: string, path: unknown): (facts: Facts) => unknown {
  const parsed = typeof path === 'string' && path !== '' ? parsePath(path) : undefined;
  if (!parsed || !parsed.ok) return (facts) => readFact(facts, fact);
  const resolve = compilePath(parsed.steps);
  return (facts) => {
    const v = readFact(facts, fact);
    // json-rules-engine applies the path only to objects; other values pass through unchanged.
    return typeof v === 'object' && v !== null ? resolve(v) : v;
  };
}
