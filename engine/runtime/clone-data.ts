/**
 * `structuredClone(data)` for a case's data, without its cost in the common case: a tree of plain
 * objects, dense arrays and primitives (what data read from the store always is) is copied
 * directly, several times faster. Anything else — an object met twice (shared or cyclic), a
 * class instance, a Date or Map, an array with holes, a symbol or function — sends the whole value
 * through structuredClone, so the result and the errors stay exactly its own.
 */
export function cloneData<T>(value: T): T {
  const copied = copyTree(value, new Seen());
  return (copied === NOT_TREE ? structuredClone(value) : copied) as T;
}

const NOT_TREE: unique symbol = Symbol('not a plain tree');

/** The objects met so far: a short list (most data holds a few objects), a set past that. */
class Seen {
  private list: object[] = [];
  private set: Set<object> | undefined;
  /** Adds `value`; false if it was met before. */
  add(value: object): boolean {
    if (this.set) return this.set.size !== this.set.add(value).size;
    if (this.list.includes(value)) return false;
    this.list.push(value);
    if (this.list.length > 16) this.set = new Set(this.list);
    return true;
  }
}

function copyTree(value: unknown, seen: Seen): unknown {
  if (typeof value !== 'object') return typeof value === 'symbol' || typeof value === 'function' ? NOT_TREE : value;
  if (value === null) return null;
  if (!seen.add(value)) return NOT_TREE;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_TREE;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_TREE;
      const item = copyTree(value[i], seen);
      if (item === NOT_TREE) return NOT_TREE;
      out[i] = item;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return NOT_TREE;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = copyTree((value as Record<string, unknown>)[key], seen);
    if (member === NOT_TREE) return NOT_TREE;
    // defineProperty, not assignment: a member named __proto__ stays a member, as structuredClone keeps it.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
    else out[key] = member;
  }
  return out;
}
