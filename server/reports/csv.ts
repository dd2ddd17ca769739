/**
 * CSV as spreadsheets read it (FORM-5): UTF-8 with a byte-order mark so Chinese text shows
 * correctly, CRLF line ends, every field quoted. A field that a spreadsheet would take for a
 * formula (=, +, -, @ first) is prefixed with an apostrophe, so exported text never runs.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const field = (v: unknown) => {
    let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
