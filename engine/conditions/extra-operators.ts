import { compileLinearPattern, patternProblem } from '../patterns/index.ts';
import { defineOperator, type Operator } from './operator.ts';

/** Operators json-rules-engine lacks but definitions need; registered exactly like the defaults. */

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

// ISO 8601 date or date-time; anything else never compares (so a typo fails closed).
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
function instant(v: unknown): number | undefined {
  if (typeof v !== 'string' || !ISO.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export const extraOperators: readonly Operator[] = [
  /** `value: true` — the fact is present (not undefined, null or ""); `value: false` — it is absent. */
  defineOperator('exists', (a, b) => !isEmpty(a) === (b !== false)),
  /**
   * `value` is a regular expression the string fact must match somewhere. It runs on RE2 (linear
   * time; a fact longer than PATTERN_INPUT_LIMIT never matches), so no pattern can stall a decision.
   */
  defineOperator('matches', (a, b) => {
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    return patternProblem(b) === undefined && compileLinearPattern(b).test(a);
  }),
  /** Both sides ISO dates/date-times; compared as instants. */
  defineOperator('before', (a, b) => {
    const x = instant(a),
      y = instant(b);
    return x !== undefined && y !== undefined && x < y;
  }),
  defineOperator('after', (a, b) => {
    const x = instant(a),
      y = instant(b);
    return x !== undefined && y !== undefined && x > y;
  }),
];

/** For checkCondition: why this `matches` pattern cannot run, or undefined when it can. */
export { patternProblem as matchesPatternProblem } from '../patterns/index.ts';
