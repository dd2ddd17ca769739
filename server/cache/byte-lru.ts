/**
 * A least-recently-used map bounded by the total size of its values, not their number: a few
 * cases of a megabyte must weigh as much as thousands of small ones. Sizes are given by the
 * caller (about the length of the value's JSON, see jsonLength), counted when a value is set.
 */
export interface ByteLru<V> {
  get(key: string): V | undefined;
  /** Keeps `value` as the most recent; a value larger than the whole budget is not kept. */
  set(key: string, value: V, size: number): void;
  delete(key: string): void;
  readonly size: number;
  readonly bytes: number;
}

export function createByteLru<V>(maxBytes: number): ByteLru<V> {
  // Insertion order is recency: get and set move the key to the end.
  const entries = new Map<string, { value: V; size: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.size;
  };
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      entries.delete(key);
      entries.set(key, e);
      return e.value;
    },
    set(key, value, size) {
      drop(key);
      if (size > maxBytes) return;
      while (bytes + size > maxBytes && entries.size > 0) drop(entries.keys().next().value as string);
      entries.set(key, { value, size });
      bytes += size;
    },
    delete: drop,
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
