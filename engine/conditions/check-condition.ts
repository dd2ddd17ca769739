import { ConditionErrorCode, type ConditionIssue } from './condition-error.ts';
import { BOOLEAN_KEYS, LEAF_KEYS, isFactReference, isPlainObject, shapeOf } from './condition-shape.ts';
import { matchesPatternProblem } from './extra-operators.ts';
import { parsePath } from './json-path.ts';
import { defaultOperatorSet, resolveOperator, type OperatorSet } from './operator-registry.ts';

/**
 * How deep all/any/not may nest: far beyond what a definition needs, far below what makes
 * compiling or evaluating a condition overflow the stack.
 */
export const CONDITION_DEPTH_LIMIT = 32;

/**
 * Every problem in a condition, with JSON pointers relative to the condition
 * (e.g. "/all/1/operator"). Pass `knownFacts` to also report facts nobody provides;
 * pass `null` to check structure only.
 */
export function checkCondition(
  cond: unknown,
  knownFacts: readonly string[] | null,
  operatorSet: OperatorSet = defaultOperatorSet,
): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const issue = (code: ConditionIssue['code'], pointer: string, message: string, hint?: string): void => {
    issues.push(hint === undefined ? { code, pointer, message } : { code, pointer, message, hint });
  };

  const checkFact = (fact: unknown, pointer: string) => {
    if (typeof fact !== 'string' || fact === '') {
      issue(ConditionErrorCode.structure, pointer, 'fact must be a non-empty string');
    } else if (knownFacts && !knownFacts.includes(fact)) {
      issue(ConditionErrorCode.unknownFact, pointer, `unknown fact "${fact}"`, `known facts: ${knownFacts.join(', ')}`);
    }
  };
  const checkPath = (path: unknown, pointer: string) => {
    if (path === undefined) return;
    if (typeof path !== 'string')
      return issue(ConditionErrorCode.invalidPath, pointer, 'path must be a string such as "$.customer.phone"');
    const parsed = parsePath(path);
    if (!parsed.ok) issue(ConditionErrorCode.invalidPath, pointer, parsed.message);
  };

  const visit = (node: unknown, at: string, depth = 1): void => {
    if (depth > CONDITION_DEPTH_LIMIT) {
      return issue(
        ConditionErrorCode.structure,
        at,
        `conditions nest more than ${CONDITION_DEPTH_LIMIT} levels of all, any and not`,
        'flatten them: {all: [a, b, c]} rather than {all: [a, {all: [b, {all: [c]}]}]}',
      );
    }
    const shape = shapeOf(node);
    switch (shape.kind) {
      case 'invalid': {
        if (!isPlainObject(node)) return issue(ConditionErrorCode.structure, at, 'a condition must be an object');
        const op = Object.hasOwn(node, 'any') ? 'any' : 'all';
        return issue(ConditionErrorCode.structure, `${at}/${op}`, `"${op}" must be an array of conditions`);
      }
      case 'all':
      case 'any':
        reportExtraKeys(node as Record<string, unknown>, BOOLEAN_KEYS, at);
        if (
          Object.hasOwn(node as object, 'not') ||
          Object.hasOwn(node as object, shape.kind === 'any' ? 'all' : 'any')
        ) {
          issue(
            ConditionErrorCode.structure,
            at,
            'use only one of all, any, not per condition',
            'nest them: {all: [{any: [...]}, ...]}',
          );
        }
        shape.children.forEach((child, i) => visit(child, `${at}/${shape.kind}/${i}`, depth + 1));
        return;
      case 'not':
        reportExtraKeys(node as Record<string, unknown>, BOOLEAN_KEYS, at);
        if (Array.isArray(shape.child))
          return issue(
            ConditionErrorCode.structure,
            `${at}/not`,
            '"not" takes one condition, not an array',
            'wrap several in {any: [...]} or {all: [...]}',
          );
        return visit(shape.child, `${at}/not`, depth + 1);
      case 'reference':
        return issue(
          ConditionErrorCode.structure,
          `${at}/condition`,
          'shared condition references are not supported',
          'write the condition inline',
        );
      case 'leaf': {
        const leaf = shape.leaf;
        reportExtraKeys(leaf, LEAF_KEYS, at);
        for (const key of ['fact', 'operator', 'value'] as const) {
          if (!Object.hasOwn(leaf, key))
            issue(
              ConditionErrorCode.structure,
              at,
              `missing "${key}"`,
              'a condition is {fact, operator, value, path?} or {all|any: [...]} or {not: ...}',
            );
        }
        if (Object.hasOwn(leaf, 'fact')) checkFact(leaf['fact'], `${at}/fact`);
        checkPath(leaf['path'], `${at}/path`);
        const operator = leaf['operator'];
        if (Object.hasOwn(leaf, 'operator')) {
          if (typeof operator !== 'string' || !resolveOperator(operator, operatorSet)) {
            issue(
              ConditionErrorCode.unknownOperator,
              `${at}/operator`,
              `unknown operator ${JSON.stringify(operator)}`,
              `known operators: ${operatorSet.operators.known().join(', ')} (decorators: ${operatorSet.decorators
                .known()
                .map((d) => `${d}:`)
                .join(', ')})`,
            );
          }
        }
        const value = leaf['value'];
        if (isFactReference(value)) {
          checkFact(value.fact, `${at}/value/fact`);
          checkPath(value.path, `${at}/value/path`);
        } else if (
          operator === 'matches' &&
          (typeof value !== 'string' || matchesPatternProblem(value) !== undefined)
        ) {
          const why = typeof value === 'string' ? `: ${matchesPatternProblem(value)}` : '';
          issue(
            ConditionErrorCode.invalidValue,
            `${at}/value`,
            `matches needs a valid regular expression string${why}`,
          );
        } else if ((operator === 'in' || operator === 'notIn') && !Array.isArray(value) && typeof value !== 'string') {
          issue(ConditionErrorCode.invalidValue, `${at}/value`, `${operator} needs a list of values`);
        }
      }
    }
  };

  function reportExtraKeys(obj: Readonly<Record<string, unknown>>, allowed: ReadonlySet<string>, at: string) {
    for (const key of Object.keys(obj)) {
      if (!allowed.has(key))
        issue(
          ConditionErrorCode.structure,
          `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
          `unknown property "${key}"`,
          `allowed: ${[...allowed].join(', ')}`,
        );
    }
  }

  visit(cond, '');
  return issues;
}
