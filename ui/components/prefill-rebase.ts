/**
 * A form opened with defaults from the case (an event's `prefill`) whose case changed since: the
 * values the user left as they were prefilled follow the case, what they typed stays theirs.
 * `before` is the prefill the form was opened (or its draft saved) with, `now` the current one.
 * Undefined when nothing moves.
 */
export function rebasePrefill(
  data: Readonly<Record<string, unknown>> | undefined,
  before: Readonly<Record<string, unknown>> | undefined,
  now: Readonly<Record<string, unknown>> | undefined,
): { data: Record<string, unknown>; changed: string[] } | undefined {
  const out: Record<string, unknown> = { ...(data ?? {}) };
  const changed: string[] = [];
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(now ?? {})])) {
    const current = out[key];
    const untouched = current === undefined || same(current, before?.[key]);
    const next = now?.[key];
    if (!untouched || same(current, next)) continue;
    if (next === undefined) delete out[key];
    else out[key] = next;
    changed.push(key);
  }
  return changed.length ? { data: out, changed } : undefined;
}

/** Prefilled values are JSON (text, numbers, small objects): equal when their JSON is. */
function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
