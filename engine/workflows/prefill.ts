import { evaluateValue } from '../runtime/value.ts';

/** What a prefill expression may read: the case as it is when the form opens. */
export const PREFILL_SCOPE: readonly string[] = ['data', 'case', 'actor'];

/**
 * The defaults of an event's form from the case, by field (the event's `prefill`). A field whose
 * expression gives nothing (the case lacks the value, or reading it fails) is left out, so the
 * form shows it empty rather than "undefined". Pure: the caller passes the case as the reader may
 * see it (sealed data already removed), so a prefill never shows more than the case does.
 */
export function prefillValues(
  prefill: Readonly<Record<string, string>> | undefined,
  scope: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  if (prefill === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [field, expression] of Object.entries(prefill)) {
    let value: unknown;
    try {
      value = evaluateValue(expression, { ...scope });
    } catch {
      continue;
    }
    if (value !== undefined && value !== null && value !== '') out[field] = value;
  }
  return out;
}
