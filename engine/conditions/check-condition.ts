import { ConditionErrorCode, type ConditionIssue } from './condition-error.ts';
import { BOOLEAN_KEYS, LEAF_KEYS, isFactReference, isPlainObject, shapeOf } from './condition-shape.ts';
import { matchesPatternProblem } from './extra-operators.ts';
import { parsePath } from './json-path.ts';
import { defaultOperatorSet, resolveOperator, type OperatorSet } from './operator-registry.ts';
import { say, sayIn, type Said } from '../definitions/said.ts';

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
  const issue = (code: ConditionIssue['code'], pointer: string, said: Said, hint?: Said): void => {
    const message = sayIn(said, 'en');
    issues.push(
      hint === undefined
        ? { code, pointer, message, said }
        : { code, pointer, message, said, hint: sayIn(hint, 'en'), saidHint: hint },
    );
  };

  const checkFact = (fact: unknown, pointer: string) => {
    if (typeof fact !== 'string' || fact === '') {
      issue(ConditionErrorCode.structure, pointer, say('condition.factMustBeA'));
    } else if (knownFacts && !knownFacts.includes(fact)) {
      issue(
        ConditionErrorCode.unknownFact,
        pointer,
        say('condition.unknownFact', { fact }),
        say('condition.knownFacts', { knownFacts }),
      );
    }
  };
  const checkPath = (path: unknown, pointer: string) => {
    if (path === undefined) return;
    if (typeof path !== 'string') return issue(ConditionErrorCode.invalidPath, pointer, say('condition.pathMustBeA'));
    const parsed = parsePath(path);
    if (!parsed.ok) issue(ConditionErrorCode.invalidPath, pointer, say('condition.unsupportedPath', { path }));
  };

  const visit = (node: unknown, at: string, depth = 1): void => {
    if (depth > CONDITION_DEPTH_LIMIT) {
      return issue(
        ConditionErrorCode.structure,
        at,
        say('condition.conditionsNestMoreThan', { CONDITION_DEPTH_LIMIT }),
        say('condition.flattenThemAllA'),
      );
    }
    const shape = shapeOf(node);
    switch (shape.kind) {
      case 'invalid': {
        if (!isPlainObject(node)) return issue(ConditionErrorCode.structure, at, say('condition.aConditionMustBe'));
        const op = Object.hasOwn(node, 'any') ? 'any' : 'all';
        return issue(ConditionErrorCode.structure, `${at}/${op}`, say('condition.mustBeAnArray', { op }));
      }
      case 'all':
      case 'any':
        reportExtraKeys(node as Record<string, unknown>, BOOLEAN_KEYS, at);
        if (
          Object.hasOwn(node as object, 'not') ||
          Object.hasOwn(node as object, shape.kind === 'any' ? 'all' : 'any')
        ) {
          issue(ConditionErrorCode.structure, at, say('condition.useOnlyOneOf'), say('condition.nestThemAllAny'));
        }
        shape.children.forEach((child, i) => visit(child, `${at}/${shape.kind}/${i}`, depth + 1));
        return;
      case 'not':
        reportExtraKeys(node as Record<string, unknown>, BOOLEAN_KEYS, at);
        if (Array.isArray(shape.child))
          return issue(
            ConditionErrorCode.structure,
            `${at}/not`,
            say('condition.notTakesOneCondition'),
            say('condition.wrapSeveralInAny'),
          );
        return visit(shape.child, `${at}/not`, depth + 1);
      case 'reference':
        return issue(
          ConditionErrorCode.structure,
          `${at}/condition`,
          say('condition.sharedConditionReferencesAre'),
          say('condition.writeTheConditionInline'),
        );
      case 'leaf': {
        const leaf = shape.leaf;
        reportExtraKeys(leaf, LEAF_KEYS, at);
        for (const key of ['fact', 'operator', 'value'] as const) {
          if (!Object.hasOwn(leaf, key))
            issue(
              ConditionErrorCode.structure,
              at,
              say('condition.missing', { key }),
              say('condition.aConditionIsFact'),
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
              say('condition.unknownOperator', { operator: JSON.stringify(operator) }),
              say('condition.knownOperatorsDecorators', {
                operators: operatorSet.operators.known(),
                decorators: operatorSet.decorators.known().map((d) => `${d}:`),
              }),
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
          issue(ConditionErrorCode.invalidValue, `${at}/value`, say('condition.matchesNeedsAValid', { why }));
        } else if ((operator === 'in' || operator === 'notIn') && !Array.isArray(value) && typeof value !== 'string') {
          issue(ConditionErrorCode.invalidValue, `${at}/value`, say('condition.needsAListOf', { operator }));
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
          say('condition.unknownProperty', { key }),
          say('condition.allowed', { allowed: [...allowed] }),
        );
    }
  }

  visit(cond, '');
  return issues;
}
