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

// Patterns come from definitions, so the same few strings recur: compile each once.
const regexCache = new Map<string, RegExp | null>();
function regex(source: string): RegExp | null {
  let re = regexCache.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = null;
    }
    regexCache.set(source, re);
  }
  return re;
}

export const extraOperators: readonly Operator[] = [
  /** `value: true` — the fact is present (not undefined, null or ""); `value: false` — it is absent. */
  defineOperator('exists', (a, b) => !isEmpty(a) === (b !== false)),
  /** `value` is a regular expression (Unicode mode) the string fact must match somewhere. */
  defineOperator('matches', (a, b) => {
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    return regex(b)?.test(a) ?? false;
  }),
  /** Both sides ISO dates/date-times; compared as instants. */
  defineOperator('before', (a, b) => {
    const x = instant(a), y = instant(b);
    return x !== undefined && y !== undefined && x < y;
  }),
  defineOperator('after', (a, b) => {
    const x = instant(a), y = instant(b);
    return x !== undefined && y !== undefined && x > y;
  }),
];

/** For checkCondition: is this `matches` pattern a valid regular expression? */
export function isValidPattern(source: string): boolean {
  return regex(source) !== null;
}
