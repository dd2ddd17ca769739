/**
 * A copy of `value` exactly as it comes back after being stored as JSON: undefined members
 * dropped, NaN and ±Infinity become null, -0 becomes 0, Dates become strings. Both stores pass
 * everything through it, so the memory store holds what SQLite would hold and callers cannot
 * mutate stored state through a reference they kept or were given.
 */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
