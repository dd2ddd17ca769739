/**
 * JSON pointer (RFC 6901) reads and immutable writes over form data. The form keeps its data as
 * plain JSON and replaces it on every change, so Lit sees a new object and re-renders; nothing here
 * mutates its input.
 */

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function getAt(data: unknown, pointer: string): unknown {
  let node: unknown = data;
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Returns a copy of `data` with `value` at `pointer`; `undefined` removes the key (or empties an array slot). */
export function setAt(data: unknown, pointer: string, value: unknown): unknown {
  return writeAt(data, parsePointer(pointer), value);
}

export function removeAt(data: unknown, pointer: string): unknown {
  if (getAt(data, pointer) === undefined) return data;
  return writeAt(data, parsePointer(pointer), undefined);
}

function writeAt(node: unknown, tokens: string[], value: unknown): unknown {
  const [head, ...rest] = tokens;
  if (head === undefined) return value;
  if (Array.isArray(node)) {
    const copy = node.slice();
    const index = Number(head);
    copy[index] = writeAt(copy[index], rest, value);
    return copy;
  }
  const base = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : {};
  const next = writeAt(base[head], rest, value);
  const copy: Record<string, unknown> = { ...base };
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** True when `pointer` is `ancestor` or lies below it. */
export function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + '/');
}
