const formats = new Map<string, Intl.DateTimeFormat>();
// The projection asks for the month of a case's creation after every event of the case: the same
// instant again and again. Kept for the most recent instants asked about, by time zone and then
// instant (no key text to build and hash on every call).
const recent = new Map<string, Map<number, string>>();

/** 'YYYY-MM' of an instant in a time zone. */
export function monthOf(at: number, timeZone: string): string {
  let inZone = recent.get(timeZone);
  if (!inZone) recent.set(timeZone, (inZone = new Map<number, string>()));
  const known = inZone.get(at);
  if (known !== undefined) return known;
  let f = formats.get(timeZone);
  if (!f)
    formats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })));
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const month = `${parts.year}-${parts.month}`;
  if (inZone.size >= 10_000) inZone.delete(inZone.keys().next().value as number);
  inZone.set(at, month);
  return month;
}
