const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar year of instant `t` in `timeZone` (1 January starts at local midnight). */
export function localYear(t: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' })));
  return Number(format.format(t));
}
