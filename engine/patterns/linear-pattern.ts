import { RE2JS } from 're2js';

/**
 * Texts longer than this never match a definition's pattern (they fail it). RE2 is linear in the
 * text, so the cap bounds the time of one match outright: about 2 ms for 10,000 characters on the
 * benchmark machine (bench/pattern-worst-case.ts), whatever the pattern.
 */
export const PATTERN_INPUT_LIMIT = 10_000;

/** A compiled pattern: `test` says whether it matches somewhere in the text, as RegExp#test does. */
export interface LinearPattern {
  readonly source: string;
  test(text: string): boolean;
  /** ajv keys compiled patterns by this text, so it names the pattern. */
  toString(): string;
}

export class PatternSyntaxError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
    this.name = 'PatternSyntaxError';
  }
}

// Definitions repeat the same few patterns: compile each once (a failure is remembered too).
const cache = new Map<string, LinearPattern | PatternSyntaxError>();

/**
 * Compiles a regular expression written in a definition (a form field's `pattern`, the `matches`
 * operator) for RE2 (re2js), which runs in time linear in the text: `^(a+)+$` cannot stall the
 * server or a browser tab the way a backtracking engine lets it. JavaScript syntax is accepted
 * (`\u4e00`, named groups); what RE2 cannot run in linear time — backreferences, lookahead — is a
 * PatternSyntaxError, which `validate` and publishing report at the pattern. Throws it.
 */
export function compileLinearPattern(source: string): LinearPattern {
  let hit = cache.get(source);
  if (hit === undefined) {
    hit = build(source);
    cache.set(source, hit);
  }
  if (hit instanceof PatternSyntaxError) throw hit;
  return hit;
}

/** Why `source` cannot be used as a pattern, or undefined when it can. */
export function patternProblem(source: string): string | undefined {
  try {
    compileLinearPattern(source);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function build(source: string): LinearPattern | PatternSyntaxError {
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source));
  } catch (e) {
    const message = (e as Error).message.replace(/^error parsing regexp: /, '');
    return new PatternSyntaxError(
      source,
      `not a regular expression the linear-time engine runs (${message}); backreferences and lookaround are not supported`,
    );
  }
  const text = `/${source}/`;
  return {
    source,
    test: (input) => input.length <= PATTERN_INPUT_LIMIT && re.test(input),
    toString: () => text,
  };
}
