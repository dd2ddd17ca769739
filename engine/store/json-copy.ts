/**
 * A copy of `value` exactly as it comes back after being stored as JSON: undefined members
 * dropped, NaN and ±Infinity become null, -0 becomes 0, Dates become strings. Both stores pass
 * everything through it, so the memory store holds what SQLite would hold and callers cannot
 * mutate stored state through a reference they kept or were given.
 *
 * Plain data (the whole of a case, an event or a commit plan) is copied directly, which is several
 * times cheaper than printing and parsing it; the memory store copies every commit and every read.
 * Anything JSON treats specially (toJSON, boxed primitives, class instances, a `__proto__` key,
 * nesting deep enough to be a cycle) sends the whole value through JSON instead, so the result
 * and the errors stay exactly JSON's.
 */
export function jsonCopy<T>(value: T): T {
  const copied = copyPlain(value, 0);
  return (copied === NOT_PLAIN ? JSON.parse(JSON.stringify(value)) : copied) as T;
}

const NOT_PLAIN: unique symbol = Symbol('not plain');
/** Deeper than any stored value; a cycle gets here and then fails as JSON.stringify fails. */
const MAX_DEPTH = 500;

/** undefined where JSON drops the value (or writes null in an array). */
function copyPlain(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // -0 prints as 0; NaN and ±Infinity print as null.
      return Number.isFinite(value) ? value + 0 : null;
    case 'object':
      return value === null ? null : copyObject(value, depth);
    case 'undefined':
    case 'function':
    case 'symbol':
      return depth === 0 ? NOT_PLAIN : undefined;
    default:
      return NOT_PLAIN; // bigint: JSON.stringify throws
  }
}

function copyObject(value: object, depth: number): unknown {
  if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyPlain(value[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item === undefined ? null : item;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return NOT_PLAIN;
    const member = copyPlain((value as Record<string, unknown>)[key], depth + 1);
    if (member === NOT_PLAIN) return NOT_PLAIN;
    if (member !== undefined) out[key] = member;
  }
  return out;
}
