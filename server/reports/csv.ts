/**
 * CSV as spreadsheets read it (FORM-5): UTF-8 with a byte-order mark so Chinese text shows
 * correctly, CRLF line ends, every field quoted. A field that a spreadsheet would take for a
 * formula is prefixed with an apostrophe, so exported text never runs (see neutralise).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return '\uFEFF' + csvLines([header, ...rows]);
}

/** Rows as CSV lines (each ending in CRLF), without the byte-order mark: the parts of a CSV sent in pieces. */
export function csvLines(rows: readonly (readonly unknown[])[]): string {
  const field = (v: unknown) => {
    const s = neutralise(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    return `"${s.replace(/"/g, '""')}"`;
  };
  return rows.map((r) => r.map(field).join(',') + '\r\n').join('');
}

// What spreadsheets skip or ignore before they look for a formula: control characters (NUL, tab,
// CR, LF …), spaces of every width, no-break and zero-width spaces, joiners, byte-order marks.
const IGNORED_LEAD = /^[\u0000-\u0020\u007F-\u00A0\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]*/u;
// What starts a formula, in ASCII and full width (Chinese input methods type U+FF1D and its
// neighbours, and some spreadsheets fold them to ASCII). A plain number such as -12.5 is data,
// not a formula.
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\u2212]/u;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The cell with an apostrophe in front when, after the characters a spreadsheet skips, it starts
 * a formula; or when it starts with a tab or carriage return, which OWASP's CSV injection advice
 * counts as formula starts of their own.
 */
export function neutralise(cell: string): string {
  const rest = cell.slice(IGNORED_LEAD.exec(cell)![0].length);
  const formula = FORMULA_START.test(rest) && !(rest === cell && PLAIN_NUMBER.test(cell));
  return formula || /^[\t\r]/.test(cell) ? `'${cell}` : cell;
}
