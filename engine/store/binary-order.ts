/**
 * The order every store lists text in (ids as tie-breakers, cursors): code points, i.e. UTF-8
 * bytes, which differs from JavaScript's `<` (UTF-16 code units) for characters outside the BMP.
 * It is the contract's order, not one database's: SQLite's default BINARY collation gives it, the
 * PostgreSQL tables declare their sorted text COLLATE "C" for it, and the memory store sorts with
 * this function, so all three answer alike.
 */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
