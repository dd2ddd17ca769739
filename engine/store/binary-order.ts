/**
 * Orders strings as SQLite's default BINARY collation does (UTF-8 bytes, i.e. code points), which
 * differs from JavaScript's `<` (UTF-16 code units) for characters outside the BMP. The memory
 * store sorts with it so that its orderings match SQLite's exactly.
 */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
