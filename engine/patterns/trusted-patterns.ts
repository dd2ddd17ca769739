import { compileLinearPattern, type LinearPattern } from './linear-pattern.ts';

/**
 * Patterns the field types themselves write (a mobile number, a signature's data URL): reviewed to
 * run in linear time on V8's own engine, and some must match texts far longer than
 * PATTERN_INPUT_LIMIT (a signature image). Everything else — every pattern a definition writes —
 * runs on RE2 with the length cap.
 */
const trusted = new Set<string>();

/** Marks a field type's own pattern as reviewed; returns it unchanged, for use inside a schema. */
export function trustedPattern(source: string): string {
  trusted.add(source);
  return source;
}

const native = new Map<string, RegExp>();

/** The engine for a schema's `pattern`: V8's for the field types' own, RE2 for a definition's. */
export function patternFor(source: string): RegExp | LinearPattern {
  if (!trusted.has(source)) return compileLinearPattern(source);
  let re = native.get(source);
  if (!re) native.set(source, (re = new RegExp(source, 'u')));
  return re;
}

/** `patternFor` as ajv's `code.regExp` option: ajv calls it once per pattern when it compiles a schema. */
export const ajvPatternEngine = Object.assign((source: string) => patternFor(source), { code: 'patternFor' });
