/**
 * How scenario expectations compare what they expect with what happened. Two shapes only, so a
 * reader knows which one a key uses from its name: exact (`sameValue`, `matchList`), or a key
 * named `…Include(s)` (`includesValues`, `matchSome`).
 */

import { say, type Said, type SaidParam } from '../definitions/said.ts';
import { both, valueSaid } from './scenario-said.ts';

/** How a failure names a place in the data (a field's title for a Chinese reader); the path itself by default. */
export type PathName = (path: string) => SaidParam;
const asWritten: PathName = (path) => path;

const close = (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9;

/** Deep equality (objects have the same keys, lists the same length); null when equal, else why not. */
export function sameValue(expected: unknown, actual: unknown, path: string, name: PathName = asWritten): Said | null {
  const differ = say('scenario.data', { path: name(path), seen: valueSaid(actual), want: valueSaid(expected) });
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return differ;
    for (let i = 0; i < expected.length; i++) {
      const problem = sameValue(expected[i], actual[i], `${path}[${i}]`, name);
      if (problem) return problem;
    }
    return null;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return differ;
    const extra = Object.keys(actual).filter((k) => !(k in expected) && actual[k] !== undefined);
    if (extra.length)
      return say('scenario.alsoHas', {
        path: name(path),
        extra: extra.map((k) =>
          say('scenario.entry', { key: both(k, name(`${path}.${k}`)), value: valueSaid(actual[k]) }),
        ),
        seen: JSON.stringify(actual),
        want: JSON.stringify(expected),
      });
    for (const [k, v] of Object.entries(expected)) {
      const problem = sameValue(v, actual[k], `${path}.${k}`, name);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual) || close(expected, actual) ? null : differ;
}

/** Every key of `expected` holds the value found, recursively; other keys may be there too. */
export function includesValues(
  expected: unknown,
  actual: unknown,
  path: string,
  name: PathName = asWritten,
): Said | null {
  const differ = () => say('scenario.data', { path: name(path), seen: valueSaid(actual), want: valueSaid(expected) });
  if (isObject(expected)) {
    if (!isObject(actual)) return say('scenario.notObject', { path: name(path), seen: valueSaid(actual) });
    for (const [k, v] of Object.entries(expected)) {
      const problem = includesValues(v, actual[k], `${path}.${k}`, name);
      if (problem) return problem;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return differ();
    for (let i = 0; i < expected.length; i++) {
      const problem = includesValues(expected[i], actual[i], `${path}[${i}]`, name);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual) || close(expected, actual) ? null : differ();
}

/**
 * Exactly these: each pattern matches its own item and no item is left over (a bipartite matching,
 * so overlapping patterns cannot hide a missing item). An empty list means none.
 */
export function matchList<T>(
  patterns: readonly unknown[],
  items: readonly T[],
  matches: (pattern: unknown, item: T) => boolean,
): { missing: unknown[]; extra: T[] } {
  const owner: (number | undefined)[] = items.map(() => undefined);
  const assign = (p: number, seen: Set<number>): boolean => {
    for (let i = 0; i < items.length; i++) {
      if (seen.has(i) || !matches(patterns[p], items[i]!)) continue;
      seen.add(i);
      if (owner[i] === undefined || assign(owner[i]!, seen)) {
        owner[i] = p;
        return true;
      }
    }
    return false;
  };
  const missing = patterns.filter((_, p) => !assign(p, new Set()));
  const extra = items.filter((_, i) => owner[i] === undefined);
  return { missing, extra };
}

/** The patterns no item matches (others may be there too). */
export function matchSome<T>(
  patterns: readonly unknown[],
  items: readonly T[],
  matches: (pattern: unknown, item: T) => boolean,
): unknown[] {
  return patterns.filter((p) => !items.some((item) => matches(p, item)));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
