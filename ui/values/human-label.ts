/**
 * A label for a stored key no definition titles (data a form no longer has, a record type whose form
 * is not at hand): its words, not the key — `firstBusinessDate`, `first_business_date` and
 * `first-business-date` all read "First business date". Only the last resort: a field's title in
 * the reader's language comes first wherever there is one.
 */
export function humanLabel(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    // An acronym (SN, USCC) keeps its capitals; other words are written lower case.
    .map((w) => (/^[A-Z\d]+$/.test(w) ? w : w.toLowerCase()));
  if (words.length === 0) return key;
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}
