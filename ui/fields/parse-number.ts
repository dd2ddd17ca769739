/**
 * Typed text → number, but text that is not (yet) a number stays text, so the engine reports it as
 * "not a number" in the user's language instead of the renderer silently dropping it.
 */
export function parseNumber(text: string): number | string {
  const normalized = text.trim().replace(/[,，\s]/g, '');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalized) ? Number(normalized) : text;
}
