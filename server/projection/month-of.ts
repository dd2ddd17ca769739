const formats = new Map<string, Intl.DateTimeFormat>();
// The projection asks for the month of a case's creation after every event of the case: the same
// instant again and again. Kept for the most recent instants asked about.
const recent = new Map<string, string>();

/** 'YYYY-MM' of an instant in a time zone. */
export function monthOf(at: number, timeZone: string): string {
  const key = `${timeZone} ${at}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })));
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const month = `${parts.year}-${parts.month}`;
  if (recent.size >= 10_000) recent.delete(recent.keys().next().value as string);
  recent.set(key, month);
  return month;
}
