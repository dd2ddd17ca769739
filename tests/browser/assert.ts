/** The few assertions the browser tests need; each throws an Error that says what differed. */

const show = (v: unknown) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new Error(`${message} (got ${show(value)})`);
}

export function equal<T>(actual: T, expected: T, message = 'values differ'): void {
  if (!Object.is(actual, expected)) throw new Error(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message = 'values differ'): void {
  if (show(sorted(actual)) !== show(sorted(expected))) {
    throw new Error(`${message}:\n  expected ${show(expected)}\n  got      ${show(actual)}`);
  }
}

export function match(actual: string | null | undefined, pattern: RegExp, message = 'text does not match'): void {
  if (typeof actual !== 'string' || !pattern.test(actual)) throw new Error(`${message}: ${show(actual)} !~ ${pattern}`);
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
