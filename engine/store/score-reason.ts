import type { Localized } from '../localized.ts';

/**
 * A score fact's reason in a TEXT column: a plain string as it is, a reason written in both
 * languages ({zh, en}) as its JSON. Columns written before reasons had languages hold plain
 * English, which reads back as it was.
 */
export function reasonColumn(reason: Localized): string {
  return typeof reason === 'string' ? reason : JSON.stringify(reason);
}

/** The reason a column holds: {zh, en} when it is the JSON of one, else the text itself. */
export function reasonOfColumn(text: string): Localized {
  if (!text.startsWith('{')) return text;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length > 0 && entries.every(([k, v]) => (k === 'zh' || k === 'en') && typeof v === 'string'))
        return value as Localized;
    }
  } catch {
    // Not JSON: a plain reason that begins with a brace.
  }
  return text;
}
